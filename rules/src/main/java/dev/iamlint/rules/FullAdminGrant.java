package dev.iamlint.rules;

import dev.iamlint.core.catalog.AccessLevel;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.rule.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.List;

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

  /** Used when the catalogue cannot be consulted: IAM actions that rewrite permissions. */
  private static final List<String> ESCALATION_PROBES = List.of(
      "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:CreatePolicyVersion", "iam:AttachUserPolicy", "iam:PutUserPolicy");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    Verdict v = verdict(policy, s, ctx);
    if (v != null) ctx.report(v.at(), v.messageId(), v.args());
  }

  /**
   * True when this rule reports the statement. The narrower wildcard rules (IAM202, IAM203,
   * IAM204) stay silent on such a statement: the most specific finding wins.
   */
  static boolean reports(PolicyDocument policy, Statement s, RuleContext ctx) {
    return verdict(policy, s, ctx) != null;
  }

  private record Verdict(Str at, String messageId, Object... args) {}

  private static Verdict verdict(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (!s.isAllow() || s.hasConditions() || s.condition() != null) return null;
    PolicyKind kind = policy.kind();
    if (kind != PolicyKind.IDENTITY && kind != PolicyKind.SCP) return null;
    if (s.action() != null) {
      Str star = allActions(s);
      if (star == null) return null;
      if (s.resource() != null && s.resource().hasStar()) {
        return new Verdict(star, kind == PolicyKind.SCP ? "scp" : "default");
      } else if (s.notResource() != null && kind == PolicyKind.IDENTITY) {
        return new Verdict(star, "notResource");
      }
      return null;
    }
    if (s.notAction() != null && kind == PolicyKind.IDENTITY && s.resource() != null && s.resource().hasStar()) {
      String left = remainingPermissionManagement(s.notAction().texts(), ctx);
      if (left != null) return new Verdict(s.notAction().key(), "notAction", left);
    }
    return null;
  }

  private static Str allActions(Statement s) {
    for (Str a : s.action().values()) {
      if (a.text().equals("*") || a.text().equals("*:*")) return a;
    }
    return null;
  }

  /** An IAM permissions-management action that no NotAction pattern excludes, or null. */
  private static String remainingPermissionManagement(List<String> excluded, RuleContext ctx) {
    List<String> candidates;
    try {
      candidates = ctx.catalog().expand("iam:*").stream()
          .filter(a -> a.accessLevel() == AccessLevel.PERMISSIONS_MANAGEMENT)
          .map(IamAction::fullName).sorted().toList();
    } catch (RuntimeException e) {
      candidates = ESCALATION_PROBES;
    }
    if (candidates.isEmpty()) candidates = ESCALATION_PROBES;
    for (String action : candidates) {
      boolean covered = false;
      for (String pattern : excluded) {
        if (Wildcard.matchesIgnoreCase(pattern, action)) {
          covered = true;
          break;
        }
      }
      if (!covered) return action;
    }
    return null;
  }
}
