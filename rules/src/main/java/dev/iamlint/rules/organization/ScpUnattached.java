package dev.iamlint.rules.organization;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.DeclaredPolicy;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.workspace.ScpAttachments;
import dev.iamlint.core.workspace.Workspace;
import java.util.HashSet;
import java.util.Set;

/**
 * An SCP file that no target of the organization gets: not in any {@code scps:} of the
 * configuration's {@code organization:} section, and declared in LZA's
 * {@code serviceControlPolicies} without deployment targets (or not at all). Runs only when the
 * run has an organization source. SCPs deployed by Customizations for Control Tower count as
 * attached. An SCP of a CloudFormation or org-formation template is attached when a
 * {@code TargetIds} or {@code ServiceControlPolicies} entry names it; it is reported at its name.
 */
@RuleInfo(
    id = "IAM605",
    name = "scp-unattached",
    since = "0.1.0",
    level = Level.NOTE,
    securitySeverity = 2.0,
    tags = {"scp", "organization"},
    summary = "An SCP is defined but attached to no root, OU or account.",
    description = "An SCP protects nothing until it is attached. A guardrail that is written, reviewed and merged but "
        + "attached nowhere gives a false sense of safety; an SCP nobody needs any more is clutter that reviewers keep "
        + "reading.",
    messages = {
      @RuleInfo.Message(text = "SCP {0} is attached to no root, OU or account"),
      @RuleInfo.Message(id = "lza", text = "SCP {0} names no target in its deploymentTargets: it is attached to no root, OU or account")
    })
public final class ScpUnattached implements WorkspaceRule {

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    if (ws.org().isEmpty() || ws.org().get().withoutOrganizations()) return;
    ScpAttachments all = ws.scps();
    Set<String> reported = new HashSet<>();
    for (DeclaredPolicy d : all.declared()) {
      if (all.isAttached(d.path()) || !reported.add(d.path())) continue;
      ctx.report(d.file(), d.span(), d.pointer(), "lza", d.label());
    }
    for (PolicyDocument p : ws.policies(PolicyKind.SCP)) {
      String key = ScpAttachments.keyOf(p);
      boolean inTemplate = key.contains("#");
      // A file read as an SCP from its folder or name alone declares no intent to attach it.
      if ((p.embedded() && !inTemplate) || p.inference() != null || all.isAttached(key) || !reported.add(key)) continue;
      // In a template the policy's name says which one it is; a file is named by its path.
      if (inTemplate) {
        if (p.name() != null) ctx.report(p.file(), p.name(), "default", p.name().text());
        else ctx.report(p.file(), p.root().span(), p.root().pointer(), "default", p.container());
        continue;
      }
      ctx.report(p.file(), p.root().span(), p.root().pointer(), "default", key);
    }
  }
}
