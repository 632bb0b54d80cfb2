package dev.iamlint.rules.grammar;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.FileReference;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.workspace.Workspace;

/**
 * A configuration names a policy file that is not there: LZA {@code policy:} and
 * {@code inlinePolicy:}, CfCT {@code resource_file:}, the {@code organization:} section's
 * {@code scps:}/{@code rcps:}. Paths resolve against the folder of the naming file (LZA and CfCT)
 * or the lint root (the {@code .iam-lint.yaml} organization section).
 */
@RuleInfo(
    id = "IAM010",
    name = "missing-file-reference",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"input"},
    summary = "A configuration names a policy file that does not exist.",
    description = "The deployment (LZA, Customizations for Control Tower) fails when a referenced policy file is missing, "
        + "and nothing in it can be linted: an SCP meant to protect the organization is then silently absent from review.",
    messages = @RuleInfo.Message(text = "{0} names {1}, which does not exist (resolved to {2})"))
public final class MissingFileReference implements WorkspaceRule {

  @Override
  public void check(Workspace workspace, RuleContext ctx) {
    for (FileReference r : workspace.fileReferences()) {
      if (r.exists() || r.from() == null) continue;
      ctx.report(r.from(), r.path(), "default", r.from().relativePath(), r.path().text(), r.relativePath());
    }
  }
}
