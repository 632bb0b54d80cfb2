package dev.iamlint.rules.wildcards;

import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;

/**
 * Allow of every action on every resource with no condition: administrator access. Also an Allow
 * with {@code NotAction} on {@code "*"} whose remainder still includes IAM permissions
 * management, since the principal can then grant itself everything else.
 */
@RuleInfo(
    id = "IAM201",
    name = "full-admin-grant",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 9.0,
    tags = {"security", "wildcard", "least-privilege"},
    summary = "The policy allows every action on every resource with no condition (administrator access).",
    description = "\"Action\": \"*\" on \"Resource\": \"*\" grants full control of the account, including IAM, so "
        + "whoever holds the policy can also grant themselves or others anything. Such access belongs to a few "
        + "reviewed break-glass roles, not to everyday policies.",
    messages = {
      @RuleInfo.Message(text = "allows every action on every resource with no condition (full administrator access)"),
      @RuleInfo.Message(id = "notResource", text = "allows every action on every resource except those in NotResource, with no condition (near-full administrator access)"),
      @RuleInfo.Message(id = "notAction", text = "allows every action except those in NotAction on every resource with no condition; what remains includes IAM permissions management such as {0}, so the principal can grant itself the rest"),
      @RuleInfo.Message(id = "scp", level = Level.NOTE, text = "this SCP allows every action on every resource, like AWS's FullAWSAccess; it restricts nothing")
    })
public final class FullAdminGrant implements DocumentRule {

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.grantsNothing()) return; // a permissions boundary or an endpoint policy grants nothing
    Grants.FullAdmin admin = Grants.fullAdmin(policy, s, ctx.catalog());
    if (admin == null) return;
    switch (admin.shape()) {
      case ALL -> ctx.report(admin.at(), "default");
      case SCP -> ctx.report(admin.at(), "scp");
      case NOT_RESOURCE -> ctx.report(admin.at(), "notResource");
      case NOT_ACTION -> ctx.report(admin.at(), "notAction", admin.remaining());
    }
  }
}
