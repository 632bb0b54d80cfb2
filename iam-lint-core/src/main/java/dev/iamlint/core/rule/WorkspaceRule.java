package dev.iamlint.core.rule;

import dev.iamlint.core.workspace.Workspace;

/**
 * A rule that needs the whole repository: CMP references across files, assignments against the
 * organization, SCP chains. Runs after every document rule, once per run.
 */
public interface WorkspaceRule extends Rule {

  void check(Workspace workspace, RuleContext ctx);
}
