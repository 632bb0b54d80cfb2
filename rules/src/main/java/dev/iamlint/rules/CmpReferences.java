package dev.iamlint.rules;

import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyUse;
import java.util.ArrayList;
import java.util.List;

/** The customer managed policy references of a permission set, and facts about CMP definitions. */
final class CmpReferences {

  private CmpReferences() {}

  /** The attached CMP references and the boundary's, in order. */
  static List<PermissionSet.CmpRef> of(PermissionSet ps) {
    List<PermissionSet.CmpRef> out = new ArrayList<>(ps.customerManagedPolicies());
    if (ps.boundary() != null && ps.boundary().customerManaged() != null) out.add(ps.boundary().customerManaged());
    return out;
  }

  /** The IAM path of a defined managed policy ("/" when none is given). */
  static String pathOf(PolicyDocument p) {
    return p.path() == null ? "/" : p.path().text();
  }

  /** A managed policy of a template whose name is not a literal (computed or generated). */
  static boolean isUnnamedManagedPolicy(PolicyDocument p) {
    return p.uses().contains(PolicyUse.MANAGED) && p.name() == null && p.container() != null
        && p.container().startsWith("Resources.");
  }
}
