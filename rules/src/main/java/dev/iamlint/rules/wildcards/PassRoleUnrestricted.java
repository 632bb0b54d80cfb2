package dev.iamlint.rules.wildcards;

import dev.iamlint.core.analysis.Conditions;
import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.analysis.Resources;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;

/**
 * An identity policy's Allow of {@code iam:PassRole} (named, or through {@code iam:*},
 * {@code iam:Pass*}, {@code *} or a {@code NotAction} that does not exclude it) on every role, or
 * without an {@code iam:PassedToService} condition. Points at the {@code "*"} (or other any-role
 * value) in {@code Resource} when the role is unrestricted, at a wildcard role pattern
 * ({@code role/app-*}) without the condition, otherwise at the action string. Levels: every role or
 * a wildcard pattern, error; named roles without the condition, warning (each named role's trust
 * policy already limits which service can use it). Service-linked roles
 * ({@code role/aws-service-role/...}) are exempt: only their own service can assume them. Not
 * on SCPs/RCPs (an SCP Allow grants nothing), trust or resource policies (IAM has no resource
 * policies), nor on a statement that IAM201 reports (declared: {@code supersededBy}). IAM203 leaves
 * {@code iam:PassRole} to this rule.
 */
@RuleInfo(
    id = "IAM206",
    name = "pass-role-unrestricted",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 8.0,
    tags = {"security", "privilege-escalation", "least-privilege"},
    supersededBy = "IAM201",
    summary = "The policy allows iam:PassRole on every role, or without an iam:PassedToService condition.",
    description = "iam:PassRole lets the holder hand a role to an AWS service (EC2, Lambda, ECS, CloudFormation, "
        + "Glue, ...), which then acts with that role's permissions on the holder's behalf. On \"*\" the holder "
        + "can pass any role in the account, administrator roles included, and so gain their permissions. "
        + "Name the roles that may be passed and the services they may be passed to (iam:PassedToService).",
    messages = {
      @RuleInfo.Message(text = "allows iam:PassRole on every role and to any service; the holder can give any role, administrator roles included, to a service it controls; list the role ARNs and add an iam:PassedToService condition"),
      @RuleInfo.Message(id = "anyRole", text = "allows iam:PassRole on every role; the holder can give any role that {0} may assume, administrator roles included, to that service; list the role ARNs"),
      @RuleInfo.Message(id = "wildcardRole", text = "allows iam:PassRole on every role matching {0} and to any service; any role created later under that pattern, a privileged one included, can be given to a service the holder controls; name the roles and add an iam:PassedToService condition"),
      @RuleInfo.Message(id = "anyService", level = Level.WARNING, text = "allows iam:PassRole on the named roles without an iam:PassedToService condition, so they can be given to any service their trust policies admit; add the condition naming the service(s) that need them")
    })
public final class PassRoleUnrestricted implements DocumentRule {

  private static final String PASS_ROLE = "iam:PassRole";

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.grantsNothing()) return; // a permissions boundary or an endpoint policy grants nothing
    if (policy.kind() != PolicyKind.IDENTITY || !s.isAllow()) return;
    Str action = Grants.grant(s, PASS_ROLE);
    if (action == null || Resources.onlyServiceLinkedRoles(s)) return;
    // "Action": "*" on bucket ARNs passes no role: PassRole takes a role.
    if (!Resources.canName(s, ctx.catalog().action(PASS_ROLE).orElse(null))) return;
    Condition service = Conditions.limiting(s, "iam:PassedToService");
    Str anyRole = Resources.anyRole(s);
    if (anyRole != null) {
      if (service == null) ctx.report(anyRole, "default");
      else ctx.report(anyRole, "anyRole", service.values().isEmpty() ? "the named service" : String.join(", ", service.values().texts()));
    } else if (service == null) {
      Str pattern = Resources.wildcardRole(s);
      if (pattern != null) ctx.report(pattern, "wildcardRole", pattern.text().trim());
      else ctx.report(action, "anyService");
    }
  }
}
