package dev.iamlint.core.format.lza;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.Nodes;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.DeploymentTargets;
import dev.iamlint.core.model.FileReference;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicySet;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files LZA's configuration names: {@code organization-config.yaml}
 * ({@code serviceControlPolicies[].policy}, {@code resourceControlPolicies[].policy}) and
 * {@code iam-config.yaml} ({@code policySets[].policies[]}, customer managed policies by name, and
 * permission sets' {@code inlinePolicy}), and the policy sets with their deployment targets.
 */
final class LzaDeclarations {

  private LzaDeclarations() {}

  static void scan(LoadedFile file, ObjectNode o, ScanContext ctx) {
    // LZA reads these files and deploys JSON.stringify(require(file)): compact JSON.
    for (ObjectNode p : Nodes.objects(o, "serviceControlPolicies")) declare(file, p, "policy", PolicyKind.SCP, PolicyUse.SCP, ctx);
    for (ObjectNode p : Nodes.objects(o, "resourceControlPolicies")) declare(file, p, "policy", PolicyKind.RCP, PolicyUse.RCP, ctx);
    Set<String> boundaries = boundaryOnlyNames(o);
    for (ObjectNode set : Nodes.objects(o, "policySets")) {
      for (ObjectNode p : Nodes.objects(set, "policies")) {
        boolean boundary = p.string("name").map(n -> boundaries.contains(n.text())).orElse(false);
        declare(file, p, "policy", PolicyKind.IDENTITY,
            boundary ? Set.of(PolicyUse.MANAGED, PolicyUse.BOUNDARY) : Set.of(PolicyUse.MANAGED), ctx);
      }
    }
    o.object("identityCenter").ifPresent(ic -> {
      for (ObjectNode ps : Nodes.objects(ic, "identityCenterPermissionSets")) {
        ps.object("policies").ifPresent(pol ->
            declare(file, pol, "inlinePolicy", PolicyKind.IDENTITY, PolicyUse.PERMISSION_SET_INLINE, ctx));
      }
    });
    if (!o.has("Resources")) {
      for (ObjectNode set : Nodes.objects(o, "policySets")) ctx.policySet(policySet(file, set, ctx));
    }
  }

  private static void declare(LoadedFile file, ObjectNode item, String key, PolicyKind kind, PolicyUse use, ScanContext ctx) {
    declare(file, item, key, kind, Set.of(use), ctx);
  }

  private static void declare(LoadedFile file, ObjectNode item, String key, PolicyKind kind, Set<PolicyUse> uses,
      ScanContext ctx) {
    FileReference ref = ctx.reference(file.file(), item.string(key).orElse(null));
    if (ref == null) return;
    Str name = item.string("name").map(Str::of).orElse(null);
    Str path = item.string("path").map(Str::of).orElse(null);
    // LZA creates one policy per entry: another entry naming the same file adds a name (Declarations).
    List<PolicyDocument.DeployedName> names = name == null ? List.of()
        : List.of(new PolicyDocument.DeployedName(name, path, file.file()));
    ctx.declare(ref, new ExtractContext.Declared(kind, uses, name, path, true, names));
  }

  /**
   * The customer managed policies this iam-config names as a {@code boundaryPolicy} of roles or
   * users and never under {@code policies.customerManaged}: used only as permissions boundaries.
   */
  private static Set<String> boundaryOnlyNames(ObjectNode o) {
    Set<String> boundaries = new java.util.HashSet<>();
    Set<String> attached = new java.util.HashSet<>();
    collect(o, boundaries, attached);
    boundaries.removeAll(attached);
    return boundaries;
  }

  private static void collect(Node n, Set<String> boundaries, Set<String> attached) {
    if (n instanceof ObjectNode obj) {
      for (ObjectNode.Entry e : obj.entries()) {
        if (e.key().equals("boundaryPolicy") && e.value() instanceof ScalarNode s) boundaries.add(s.text());
        if (e.key().equals("customerManaged")) for (Str v : Nodes.values(e.value())) attached.add(v.text());
        collect(e.value(), boundaries, attached);
      }
    } else if (n instanceof ArrayNode a) {
      for (Node item : a.items()) collect(item, boundaries, attached);
    }
  }

  private static PolicySet policySet(LoadedFile file, ObjectNode set, ScanContext ctx) {
    List<PolicySet.Member> members = new ArrayList<>();
    for (ObjectNode p : Nodes.objects(set, "policies")) {
      FileReference ref = ctx.reference(file.file(), p.string("policy").orElse(null));
      Str name = p.string("name").filter(n -> !n.text().isBlank()).map(Str::of).orElse(null);
      members.add(new PolicySet.Member(name, ref == null ? null : ref.relativePath()));
    }
    return new PolicySet(file.file(), set.span(), targets(set.object("deploymentTargets").orElse(null)), members);
  }

  /** An LZA {@code deploymentTargets} object as written. */
  static DeploymentTargets targets(ObjectNode dt) {
    if (dt == null) return DeploymentTargets.NONE;
    return new DeploymentTargets(Nodes.values(dt.get("organizationalUnits").orElse(null)),
        Nodes.values(dt.get("accounts").orElse(null)), Nodes.values(dt.get("excludedAccounts").orElse(null)));
  }
}
