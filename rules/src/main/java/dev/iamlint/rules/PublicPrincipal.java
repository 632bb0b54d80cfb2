package dev.iamlint.rules;

import dev.iamlint.core.rule.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.Intrinsics;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Principal;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An Allow to everyone ({@code "Principal": "*"} or {@code {"AWS": "*"}}) in a trust or resource
 * policy with no condition that restricts who the caller is or where the call comes from. A Deny of
 * the same policy that denies everyone outside such a restriction counts as a restriction.
 */
@RuleInfo(
    id = "IAM701",
    name = "public-principal",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 9.0,
    tags = {"security", "security", "public-access", "trust"},
    summary = "The policy allows everyone (Principal \"*\") with no restricting condition.",
    description = "A resource or trust policy that allows Principal \"*\" (or {\"AWS\": \"*\"}) grants the access to "
        + "every AWS account and, for services that accept anonymous requests, to anyone on the internet, unless a "
        + "condition restricts the caller (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, "
        + "aws:SourceArn, aws:SourceVpce, ...).",
    messages = {
      @RuleInfo.Message(text = "allows everyone (Principal \"*\") with no condition restricting the caller; add "
          + "aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceVpce, or name the principals"),
      @RuleInfo.Message(id = "weak", text = "allows everyone (Principal \"*\"); its conditions ({0}) do not restrict "
          + "the caller (negated, IfExists, Null or wildcard-only); add aws:PrincipalOrgID, aws:PrincipalAccount, "
          + "aws:SourceArn or aws:SourceVpce, or name the principals")
    })
public final class PublicPrincipal implements DocumentRule {

  /**
   * Condition keys that restrict who may call (the caller's organization, account or ARN), on
   * whose behalf a service calls, or the network the request comes from (lower case).
   */
  static final Set<String> RESTRICTING_KEYS = Set.of(
      "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
      "aws:userid", "aws:username", "aws:principalisawsservice", "aws:principalservicename",
      "aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths",
      "aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:vpcsourceip",
      "kms:calleraccount", "s3:dataaccesspointaccount", "s3:dataaccesspointarn");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (!s.isAllow() || s.principal() == null || !s.principal().isPublic()) return;
    if (policy.kind() != PolicyKind.TRUST && policy.kind() != PolicyKind.RESOURCE) return;
    if (isEndpointPolicy(policy)) return;
    if (restricted(s, RESTRICTING_KEYS)) return;
    if (deniedOutsideRestriction(policy, s)) return;
    Str at = star(s.principal());
    if (s.conditions().isEmpty()) {
      ctx.report(at, "default");
    } else {
      List<String> keys = new ArrayList<>();
      for (Condition c : s.conditions()) keys.add(c.operatorName().text() + " " + c.key().text());
      ctx.report(at, "weak", String.join(", ", keys));
    }
  }

  /** A path naming VPC endpoint policies ({@code vpc-endpoint-policies/}, LZA's layout, or {@code *endpoint-policy*}). */
  private static final Pattern ENDPOINT_FOLDER = Pattern.compile("(?i).*endpoint[-_]?polic.*");

  /**
   * A VPC endpoint policy filters what passes the endpoint and grants nothing by itself, and
   * {@code "Principal": "*"} is its normal form. Bare files are recognized by their path.
   */
  static boolean isEndpointPolicy(PolicyDocument policy) {
    String path = policy.file() == null ? null : policy.file().relativePath();
    return path != null && ENDPOINT_FOLDER.matcher(path.replace('\\', '/')).matches();
  }

  /** The {@code "*"} to point at. */
  static Str star(Principal p) {
    if (p.star() != null) return p.star();
    return p.byType().get("AWS").find("*");
  }

  /** True when one condition of the statement restricts on one of the keys (lower case). */
  static boolean restricted(Statement s, Set<String> keys) {
    for (Condition c : s.conditions()) {
      if (keys.contains(c.key().text().toLowerCase(Locale.ROOT)) && restricts(c)) return true;
    }
    return false;
  }

  /**
   * True when an Allow's condition limits the key to the values given: a known, non-negated
   * operator other than Null, without IfExists (a missing key would pass), with at least one value
   * that is not a bare wildcard. {@code Bool aws:PrincipalIsAWSService true} restricts too.
   */
  static boolean restricts(Condition c) {
    var op = c.operator();
    if (!op.known() || op.isNegated() || op.isNull() || op.ifExists()) return false;
    if ("ForAllValues".equals(op.qualifier())) return false; // true when the key is absent
    if (op.isBool()) {
      return c.isKey("aws:PrincipalIsAWSService") && c.values().texts().stream().anyMatch("true"::equalsIgnoreCase);
    }
    if (c.values().isEmpty()) return unknownValue(c.values().node());
    boolean like = op.base().endsWith("Like");
    for (Str v : c.values().values()) {
      String t = v.text().trim();
      if (t.isEmpty()) continue;
      if (like && t.chars().allMatch(ch -> ch == '*' || ch == '?')) continue;
      if (op.base().equals("IpAddress") && (t.equals("0.0.0.0/0") || t.equals("::/0"))) continue;
      return true;
    }
    return false;
  }

  /** True when a condition value is built by CloudFormation ({@code !Ref AWS::AccountId}): given the benefit of the doubt. */
  private static boolean unknownValue(Node n) {
    if (Intrinsics.isIntrinsic(n)) return true;
    if (n instanceof ArrayNode a) {
      for (Node item : a.items()) if (Intrinsics.isIntrinsic(item)) return true;
    }
    return false;
  }

  /**
   * True when a Deny of the same policy, to everyone, covering the statement's actions, denies
   * requests that fail a negated restriction ({@code StringNotEquals aws:PrincipalOrgID}).
   */
  private static boolean deniedOutsideRestriction(PolicyDocument policy, Statement allow) {
    for (Statement d : policy.statements()) {
      if (!d.isDeny() || d.principal() == null || !d.principal().isPublic() || d.notResource() != null) continue;
      if (d.action() == null || !coversActions(d.action(), allow.action())) continue;
      boolean negatedRestriction = false;
      boolean other = false;
      for (Condition c : d.conditions()) {
        var op = c.operator();
        boolean key = RESTRICTING_KEYS.contains(c.key().text().toLowerCase(Locale.ROOT));
        if (key && op.known() && op.isNegated() && !"ForAnyValue".equals(op.qualifier())) negatedRestriction = true;
        else other = true;
      }
      if (negatedRestriction && !other) return true;
    }
    return false;
  }

  /** True when every action of {@code allowed} is matched by a pattern of {@code deny}. */
  private static boolean coversActions(ValueList deny, ValueList allowed) {
    if (allowed == null || allowed.isEmpty()) return false;
    for (Str a : allowed.values()) {
      boolean covered = false;
      for (Str d : deny.values()) {
        String dp = d.text().trim();
        String at = a.text().trim();
        if (Wildcard.matchesIgnoreCase(dp, at) || dp.equals("*")) {
          covered = true;
          break;
        }
        int colon = at.indexOf(':');
        if (colon > 0 && dp.equalsIgnoreCase(at.substring(0, colon) + ":*")) {
          covered = true;
          break;
        }
      }
      if (!covered) return false;
    }
    return true;
  }

  /** True when an action pattern of the statement can match the given action (lower case compare). */
  static boolean allowsAction(Statement s, String action) {
    if (s.action() == null) return s.notAction() != null && s.notAction().values().stream()
        .noneMatch(v -> Wildcard.matchesIgnoreCase(v.text().trim(), action));
    for (Str v : s.action().values()) {
      if (Wildcard.matchesIgnoreCase(v.text().trim(), action)) return true;
    }
    return false;
  }
}
