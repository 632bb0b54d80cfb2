package dev.iamlint.rules.identitycenter;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.workspace.CustomerManagedPolicies;
import dev.iamlint.core.workspace.Workspace;
import java.util.List;

/**
 * A permission set (or its permissions boundary) names a customer managed policy that no file of
 * the repository defines. Exact-name-but-wrong-case and wrong-path matches are IAM502's.
 */
@RuleInfo(
    id = "IAM501",
    name = "cmp-reference-unresolved",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"permission-set", "cmp"},
    summary = "A permission set references a customer managed policy that no file in the repository defines.",
    description = "IAM Identity Center attaches a customer managed policy by name and path, and provisioning fails in "
        + "every account where no policy with that name and path exists. A reference that matches no policy defined "
        + "in the repository is a typo, a policy that was renamed or deleted, or one deployed outside this repository.",
    messages = {
      @RuleInfo.Message(text = "no customer managed policy named {0} is defined in this repository; did you mean {1}?"),
      @RuleInfo.Message(id = "noSuggestion", text = "no customer managed policy named {0} is defined in this repository"),
      @RuleInfo.Message(id = "preexisting", level = Level.NOTE, text = "{0} is declared as an existing customer managed "
          + "policy (Landing Zone Accelerator's customerManaged: created outside it); it must exist in every account the "
          + "permission set is assigned to, which iam-lint cannot check")
    })
public final class CmpReferenceUnresolved implements WorkspaceRule {

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    // A CloudFormation ManagedPolicy whose name is computed (!Sub, or none: CloudFormation
    // generates one) could be the target of any reference: then say nothing rather than guess.
    if (ws.hasUnnamedManagedPolicy()) return;
    CustomerManagedPolicies cmps = ws.cmps();
    List<String> names = cmps.names();
    for (PermissionSet ps : ws.permissionSets()) {
      for (PermissionSet.CmpRef ref : Workspace.cmpReferences(ps)) {
        if (ref.name() == null || Templates.isTemplated(ref.name().text())) continue;
        if (!cmps.namedIgnoreCase(ref.name().text()).isEmpty()) continue;
        if (ref.preexisting()) {
          // The format says it is created outside what it deploys (LZA's customerManaged).
          ctx.report(ps.file(), ref.name(), "preexisting", ref.name().text());
          continue;
        }
        String near = EditDistance.nearest(ref.name().text(), names, Math.max(2, ref.name().text().length() / 4));
        if (near != null) {
          ctx.report(ps.file(), ref.name(), "default", ref.name().text(), near);
        } else {
          ctx.report(ps.file(), ref.name(), "noSuggestion", ref.name().text());
        }
      }
    }
  }
}
