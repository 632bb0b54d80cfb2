package dev.iamlint.rules.identitycenter;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.workspace.Organization;
import dev.iamlint.core.workspace.Workspace;
import java.util.List;
import java.util.Objects;

/**
 * An account assignment names a permission set that no file of the run defines, or an account or
 * OU that the organization model does not define. Targets are checked only when the run has an
 * organization source (the configuration's {@code organization:} section or LZA's
 * {@code accounts-config.yaml} / {@code organization-config.yaml}).
 */
@RuleInfo(
    id = "IAM508",
    name = "assignment-unresolved",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 4.0,
    tags = {"permission-set", "assignment", "organization"},
    summary = "An assignment names a permission set, account or OU that the workspace does not define.",
    description = "IAM Identity Center provisions a permission set to the accounts an assignment names. An assignment "
        + "to a permission set that nobody defines, or to an account or organizational unit that is not in the "
        + "organization, fails at deployment or silently grants nothing where access was expected: usually a typo or "
        + "a rename that missed the assignment.",
    messages = {
      @RuleInfo.Message(id = "permissionSet", text = "no permission set named {0} is defined in this repository; did you mean {1}?"),
      @RuleInfo.Message(id = "permissionSetNoSuggestion", text = "no permission set named {0} is defined in this repository"),
      @RuleInfo.Message(id = "account", text = "account {0} is not defined in the organization"),
      @RuleInfo.Message(id = "ou", text = "organizational unit {0} is not defined in the organization")
    })
public final class AssignmentUnresolved implements WorkspaceRule {

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    List<String> names = ws.permissionSets().stream().map(PermissionSet::name).filter(Objects::nonNull)
        .map(s -> s.text()).distinct().toList();
    Organization org = ws.org().orElse(null);
    for (Assignment a : ws.assignments()) {
      if (a.permissionSet() != null) permissionSet(ws, a, names, ctx);
      if (org == null) continue;
      for (Assignment.Target t : a.targets()) target(org, a, t, ctx);
    }
  }

  private static void permissionSet(Workspace ws, Assignment a, List<String> names, RuleContext ctx) {
    String ps = a.permissionSet().text();
    if (ps.isBlank() || ps.startsWith("arn:") || Templates.isTemplated(ps)) return;
    if (!ws.permissionSetsNamed(ps).isEmpty()) return;
    String near = EditDistance.nearest(ps, names, Math.max(2, ps.length() / 4));
    if (near != null) {
      ctx.report(a.file(), a.permissionSet(), "permissionSet", ps, near);
    } else {
      ctx.report(a.file(), a.permissionSet(), "permissionSetNoSuggestion", ps);
    }
  }

  private static void target(Organization org, Assignment a, Assignment.Target t, RuleContext ctx) {
    if (t.raw() == null || Templates.isTemplated(t.raw().text())) return;
    switch (t.type()) {
      case ACCOUNT -> {
        if (t.id() != null) {
          // Accounts named without an id (LZA without accountIds) could carry any id.
          if (org.accountByIdOrName(t.id()).isPresent() || org.accounts().stream().anyMatch(x -> x.id() == null)) return;
          ctx.report(a.file(), t.raw(), "account", t.id());
        } else if (t.name() != null && org.accountByIdOrName(t.name()).isEmpty()) {
          ctx.report(a.file(), t.raw(), "account", t.name());
        }
      }
      case ORGANIZATIONAL_UNIT, ORGANIZATIONAL_UNIT_RECURSIVE -> {
        if (t.id() != null && (org.isRoot(t.id()) || t.id().startsWith("r-"))) return;
        if (t.id() != null && t.id().startsWith("ou-")) {
          if (org.ouByIdOrNameOrPath(t.id()).isPresent()
              || org.organizationalUnits().stream().anyMatch(o -> o.id() == null)) return;
          ctx.report(a.file(), t.raw(), "ou", t.id());
        } else if (t.name() != null && !org.isRoot(t.name()) && org.ouByIdOrNameOrPath(t.name()).isEmpty()) {
          ctx.report(a.file(), t.raw(), "ou", t.name());
        }
      }
      default -> { }
    }
  }
}
