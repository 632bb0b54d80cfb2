package dev.iamlint.rules.trust;

import dev.iamlint.core.analysis.Conditions;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Principal;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
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
    tags = {"security", "public-access", "trust"},
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
          + "aws:SourceArn or aws:SourceVpce, or name the principals"),
      @RuleInfo.Message(id = "vpcOnly", level = Level.NOTE, text = "allows everyone (Principal \"*\") on a domain that "
          + "is reachable only from inside its VPC, so the VPC and the domain's security groups decide who connects; "
          + "name the principals if some who can reach the domain must not use it")
    })
public final class PublicPrincipal implements DocumentRule {

  /**
   * Condition keys that restrict who may call (the caller's organization, account or ARN), on
   * whose behalf a service calls, or the network the request comes from (lower case).
   */
  private static final Set<String> RESTRICTING_KEYS = Set.of(
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
    if (Conditions.restrictedBy(s, RESTRICTING_KEYS)) return;
    if (deniedOutsideRestriction(policy, s)) return;
    Str at = star(s.principal());
    if (policy.uses().contains(PolicyUse.VPC_ONLY)) {
      // The open access policy AWS describes for domains in a VPC: not public (see PolicyUse.VPC_ONLY)
      ctx.report(at, "vpcOnly");
      return;
    }
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
  private static boolean isEndpointPolicy(PolicyDocument policy) {
    String path = policy.file() == null ? null : policy.file().relativePath();
    return path != null && ENDPOINT_FOLDER.matcher(path.replace('\\', '/')).matches();
  }

  /** The {@code "*"} to point at. */
  private static Str star(Principal p) {
    if (p.star() != null) return p.star();
    return p.byType().get("AWS").find("*");
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
}
