package dev.iamlint.rules;

import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.rule.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An identity policy's Allow of {@code iam:PassRole} (named, or through {@code iam:*},
 * {@code iam:Pass*}, {@code *} or a {@code NotAction} that does not exclude it) on every role, or
 * without an {@code iam:PassedToService} condition. Points at the {@code "*"} (or other any-role
 * value) in {@code Resource} when the role is unrestricted, otherwise at the action string. Not
 * on SCPs/RCPs (an SCP Allow grants nothing), trust or resource policies (IAM has no resource
 * policies), nor on a statement that IAM201 reports. IAM203 leaves {@code iam:PassRole} to this rule.
 */
@RuleInfo(
    id = "IAM206",
    name = "pass-role-unrestricted",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 8.0,
    tags = {"security", "privilege-escalation", "least-privilege"},
    summary = "The policy allows iam:PassRole on every role, or without an iam:PassedToService condition.",
    description = "iam:PassRole lets the holder hand a role to an AWS service (EC2, Lambda, ECS, CloudFormation, "
        + "Glue, ...), which then acts with that role's permissions on the holder's behalf. On \"*\" the holder "
        + "can pass any role in the account, administrator roles included, and so gain their permissions. "
        + "Name the roles that may be passed and the services they may be passed to (iam:PassedToService).",
    messages = {
      @RuleInfo.Message(text = "allows iam:PassRole on every role and to any service; the holder can give any role, administrator roles included, to a service it controls; list the role ARNs and add an iam:PassedToService condition"),
      @RuleInfo.Message(id = "anyRole", text = "allows iam:PassRole on every role; the holder can give any role that {0} may assume, administrator roles included, to that service; list the role ARNs"),
      @RuleInfo.Message(id = "anyService", text = "allows iam:PassRole without an iam:PassedToService condition, so the roles can be given to any service; add the condition naming the service(s) that need them")
    })
public final class PassRoleUnrestricted implements DocumentRule {

  static final String PASS_ROLE = "iam:PassRole";

  /** A Resource value that matches every role: {@code *}, {@code arn:aws:iam::111122223333:role/*}, {@code arn:aws:iam::*:*}. */
  private static final Pattern ANY_ROLE = Pattern.compile("\\*|arn:.*:iam::.*:(\\*|role/?\\*)");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.kind() != PolicyKind.IDENTITY || !s.isAllow()) return;
    Str action = grantAnchor(s, PASS_ROLE);
    if (action == null || FullAdminGrant.reports(policy, s, ctx)) return;
    Condition service = passedToService(s);
    Str anyRole = anyRoleAnchor(s);
    if (anyRole != null) {
      if (service == null) ctx.report(anyRole, "default");
      else ctx.report(anyRole, "anyRole", service.values().isEmpty() ? "the named service" : String.join(", ", service.values().texts()));
    } else if (service == null) {
      ctx.report(action, "anyService");
    }
  }

  /** The Resource value that matches every role, or the NotResource key; null when the roles are named. */
  static Str anyRoleAnchor(Statement s) {
    return anyResourceAnchor(s, ANY_ROLE);
  }

  /** The Resource value matching the pattern, or the NotResource key; null when no value matches. */
  static Str anyResourceAnchor(Statement s, Pattern any) {
    if (s.resource() != null) {
      for (Str r : s.resource().values()) {
        if (any.matcher(r.text().trim()).matches()) return r;
      }
      return null;
    }
    return s.notResource() != null ? s.notResource().key() : null;
  }

  /** The statement's {@code iam:PassedToService} condition (not a {@code Null} test), or null. */
  private static Condition passedToService(Statement s) {
    return limitingCondition(s, "iam:PassedToService");
  }

  /** The statement's condition on the key that is not a {@code Null} test, or null. */
  static Condition limitingCondition(Statement s, String key) {
    for (Condition c : s.conditionsOn(key)) {
      if (c.operatorName() != null && c.operatorName().text().toLowerCase(Locale.ROOT).startsWith("null")) continue;
      return c;
    }
    return null;
  }

  /**
   * Where the statement grants {@code action}: the first {@code Action} value whose pattern matches
   * it, or the {@code NotAction} key when no {@code NotAction} pattern excludes it; null when the
   * statement does not grant it. Templated values ({@code ${...}}) match nothing in Action and are
   * taken as excluding in NotAction (unknown, so the benefit of the doubt).
   */
  static Str grantAnchor(Statement s, String action) {
    if (s.action() != null) {
      for (Str v : s.action().values()) {
        String t = v.text().trim();
        if (t.isEmpty() || Texts.isTemplated(t)) continue;
        if (Wildcard.matchesIgnoreCase(t, action)) return v;
      }
      return null;
    }
    if (s.notAction() != null) {
      for (Str v : s.notAction().values()) {
        String t = v.text().trim();
        if (Texts.isTemplated(t) || Wildcard.matchesIgnoreCase(t, action)) return null;
      }
      return s.notAction().key();
    }
    return null;
  }
}
