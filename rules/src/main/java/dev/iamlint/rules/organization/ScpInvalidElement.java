package dev.iamlint.rules.organization;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Principal;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.Span;

/**
 * Elements that service control policies and resource control policies do not accept. SCPs take
 * the full IAM policy language since 19 September 2025 except {@code Principal} and
 * {@code NotPrincipal}; RCPs take neither {@code NotPrincipal} nor {@code NotAction}, only
 * {@code "Principal": "*"}, only Deny (AWS's {@code RCPFullAWSAccess} alone may Allow), and
 * require {@code Version 2012-10-17}.
 */
@RuleInfo(
    id = "IAM601",
    name = "scp-invalid-element",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"grammar", "organizations"},
    summary = "An SCP or RCP uses an element or value that AWS Organizations does not accept.",
    description = "AWS Organizations rejects an SCP with Principal or NotPrincipal, and an RCP with NotPrincipal, "
        + "NotAction, a Principal other than \"*\", an Allow statement (only the AWS-managed RCPFullAWSAccess may "
        + "Allow) or no Version 2012-10-17. The policy cannot be created or updated, so the guardrail it carries "
        + "never takes effect.",
    messages = {
      @RuleInfo.Message(text = "SCPs do not support {0}; remove it and scope the principals with a condition on "
          + "aws:PrincipalArn instead"),
      @RuleInfo.Message(id = "rcpUnsupported", text = "RCPs do not support {0}; {1}"),
      @RuleInfo.Message(id = "rcpPrincipal", text = "an RCP's Principal must be \"*\"; scope the principals with a "
          + "condition (aws:PrincipalArn, aws:PrincipalOrgID, aws:PrincipalAccount) instead"),
      @RuleInfo.Message(id = "rcpAllow", text = "RCPs support Effect Allow only in AWS's RCPFullAWSAccess; write "
          + "customer RCPs as Deny statements"),
      @RuleInfo.Message(id = "rcpVersion", text = "an RCP requires \"Version\": \"2012-10-17\"; AWS Organizations "
          + "rejects an RCP without it")
    })
public final class ScpInvalidElement implements DocumentRule {

  /** The AWS-managed RCP that is the only one allowed to Allow. */
  static final String RCP_FULL_ACCESS = "RCPFullAWSAccess";

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    if (policy.kind() != PolicyKind.RCP) return;
    ObjectNode root = policy.object();
    if (root == null || root.entry("Version") != null) return;
    // A Version present but not 2012-10-17 is IAM003's (invalid-version), which runs on RCPs too.
    Span start = Span.at(root.span().startLine(), root.span().startColumn());
    ctx.report(policy.file(), start, root.pointer(), "rcpVersion");
  }

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.kind() == PolicyKind.SCP) {
      if (s.principal() != null) ctx.report(s.principal().key(), "default", "Principal");
      if (s.notPrincipal() != null) ctx.report(s.notPrincipal().key(), "default", "NotPrincipal");
      return;
    }
    if (policy.kind() != PolicyKind.RCP) return;
    if (s.notPrincipal() != null) {
      ctx.report(s.notPrincipal().key(), "rcpUnsupported", "NotPrincipal",
          "use \"Principal\": \"*\" with a condition on aws:PrincipalArn");
    }
    if (s.notAction() != null) {
      ctx.report(s.notAction().key(), "rcpUnsupported", "NotAction", "list the actions to deny in Action");
    }
    Principal p = s.principal();
    if (p != null && p.star() == null) ctx.report(p.node(), "rcpPrincipal");
    if (s.isAllow() && !isRcpFullAccess(policy)) ctx.report(s.effect(), "rcpAllow");
  }

  /** True when the policy is declared with AWS's name {@code RCPFullAWSAccess}. */
  private static boolean isRcpFullAccess(PolicyDocument policy) {
    return policy.name() != null && RCP_FULL_ACCESS.equals(policy.name().text().trim());
  }
}
