package dev.iamlint.rules.identitycenter;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.workspace.CustomerManagedPolicies;
import dev.iamlint.core.workspace.Workspace;
import java.util.List;

/**
 * A customer managed policy reference that matches a defined policy only up to case, or by name
 * but not by path. Identity Center matches name and path exactly ("You must have an IAM policy
 * that matches the name and path in each AWS account", CreatePermissionSet /
 * AttachCustomerManagedPolicyReferenceToPermissionSet API reference).
 */
@RuleInfo(
    id = "IAM502",
    name = "cmp-name-mismatch",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"permission-set", "cmp"},
    summary = "A customer managed policy reference matches a defined policy only up to case, or not by path.",
    description = "IAM Identity Center looks up a customer managed policy by its exact name and path in each account. "
        + "IAM policy names are unique regardless of case but the reference must match exactly, and a policy under "
        + "/team/ is not the one referenced at /: provisioning fails, or attaches nothing, in every account.",
    messages = {
      @RuleInfo.Message(text = "{0} matches the customer managed policy {1} ({2}) only up to case; Identity Center needs the exact name"),
      @RuleInfo.Message(id = "path", text = "{0} is referenced with path {1}, but the policy {2} is defined with path {3}")
    })
public final class CmpNameMismatch implements WorkspaceRule {

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    CustomerManagedPolicies cmps = ws.cmps();
    for (PermissionSet ps : ws.permissionSets()) {
      for (PermissionSet.CmpRef ref : Workspace.cmpReferences(ps)) {
        if (ref.name() == null || Templates.isTemplated(ref.name().text())) continue;
        List<CustomerManagedPolicies.Named> candidates = cmps.namedIgnoreCase(ref.name().text());
        if (candidates.isEmpty()) continue; // IAM501
        CustomerManagedPolicies.Named exact = candidates.stream().filter(p -> p.name().text().equals(ref.name().text()))
            .findFirst().orElse(null);
        if (exact == null) {
          CustomerManagedPolicies.Named p = candidates.get(0);
          ctx.report(ps.file(), ref.name(), "default", ref.name().text(), p.name().text(), where(p))
              .related(p.file(), p.name().span(), "the policy definition");
          continue;
        }
        String refPath = ref.pathOrDefault();
        if (cmps.exact(ref.name().text(), refPath) == null) {
          var at = ref.path() != null ? ref.path() : ref.name();
          ctx.report(ps.file(), at, "path", ref.name().text(), refPath, where(exact), exact.iamPath())
              .related(exact.file(), exact.path() != null ? exact.path().span() : exact.name().span(), "the policy definition");
        }
      }
    }
  }

  /** Where the policy's name is written (its file, or the manifest that names it). */
  private static String where(CustomerManagedPolicies.Named p) {
    return p.file().relativePath() + ":" + p.name().span().startLine();
  }
}
