package dev.iamlint.rules.wildcards;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;

/**
 * An Allow with {@code NotAction} or {@code NotResource}: it grants everything except a list, so
 * it silently grows as AWS adds actions and as resources are created. Not reported on SCPs/RCPs,
 * whose Allow grants nothing. A statement IAM201 reports is IAM201's (declared:
 * {@code supersededBy}).
 */
@RuleInfo(
    id = "IAM204",
    name = "allow-not-action",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 5.0,
    tags = {"security", "wildcard", "least-privilege"},
    supersededBy = "IAM201",
    summary = "An Allow statement uses NotAction or NotResource, granting everything except a list.",
    description = "\"Effect\": \"Allow\" with NotAction allows every action of every service except those listed, "
        + "including actions AWS adds later; with NotResource it allows the actions on every resource except those "
        + "listed, including resources created later. Such grants are hard to review and usually far broader than "
        + "intended.",
    messages = {
      @RuleInfo.Message(id = "notAction", text = "Allow with NotAction allows every action except those listed, including actions AWS adds later; list the allowed actions in Action"),
      @RuleInfo.Message(id = "notResource", text = "Allow with NotResource allows the actions on every resource except those listed, including resources created later; list the allowed resources in Resource")
    })
public final class AllowNotAction implements DocumentRule {

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.grantsNothing()) return; // a permissions boundary or an endpoint policy grants nothing
    if (!s.isAllow() || policy.kind().isOrganizationPolicy()) return;
    if (s.notAction() == null && s.notResource() == null) return;
    if (s.notAction() != null) ctx.report(s.notAction().key(), "notAction");
    if (s.notResource() != null) ctx.report(s.notResource().key(), "notResource");
  }
}
