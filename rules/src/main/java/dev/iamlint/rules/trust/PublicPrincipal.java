package dev.iamlint.rules.trust;

import dev.iamlint.core.analysis.Conditions;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Arns;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
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
      @RuleInfo.Message(id = "anyAccount", text = "allows everyone (Principal \"*\"); its condition {0} does not "
          + "restrict the caller: {1} matches callers in any AWS account ({2}); name the accounts, or add "
          + "aws:PrincipalOrgID or aws:PrincipalAccount"),
      @RuleInfo.Message(id = "vpcOnly", level = Level.NOTE, text = "allows everyone (Principal \"*\") on a domain that "
          + "is reachable only from inside its VPC, so the VPC and the domain's security groups decide who connects; "
          + "name the principals if some who can reach the domain must not use it"),
      @RuleInfo.Message(id = "fineGrained", level = Level.NOTE, text = "allows everyone (Principal \"*\") on a domain "
          + "with fine-grained access control, the open access policy AWS recommends there: every request must still "
          + "sign in as one of the domain's fine-grained access control users (master user, internal users, IAM or "
          + "SAML identities), whose mapped roles decide what it may do; review those users and role mappings")
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
    if (policy.grantsNothing()) return; // an endpoint policy only filters what reaches the service
    if (isEndpointPolicy(policy)) return;
    if (restrictedCaller(s)) return;
    if (deniedOutsideRestriction(policy, s)) return;
    Str at = star(s.principal());
    if (policy.uses().contains(PolicyUse.VPC_ONLY)) {
      // The open access policy AWS describes for domains in a VPC: not public (see PolicyUse.VPC_ONLY)
      ctx.report(at, "vpcOnly");
      return;
    }
    if (fineGrained(policy)) {
      // The open access policy AWS recommends for domains with fine-grained access control
      ctx.report(at, "fineGrained");
      return;
    }
    Condition open = openCondition(s);
    if (open != null) {
      Str v = openValue(open);
      ctx.report(at, "anyAccount", open.operatorName().text() + " " + open.key().text(), v.text(), why(open, v));
    } else if (s.conditions().isEmpty()) {
      ctx.report(at, "default");
    } else {
      List<String> keys = new ArrayList<>();
      for (Condition c : s.conditions()) keys.add(c.operatorName().text() + " " + c.key().text());
      ctx.report(at, "weak", String.join(", ", keys));
    }
  }

  /** Why a value {@link #openValue} found matches any account, for the message. */
  private static String why(Condition c, Str v) {
    String t = v.text().trim();
    if (t.chars().allMatch(ch -> ch == '*' || ch == '?') || t.equals("0.0.0.0/0") || t.equals("::/0")) {
      return "it matches every value";
    }
    String key = c.key().text().toLowerCase(Locale.ROOT);
    if (key.equals("aws:username")) return "any account can create a user of that name";
    if (callersOwnAccount(key, t)) return "${aws:PrincipalAccount} where the account goes is the caller's own account, whichever it is";
    if (ARN_KEYS.contains(key)) {
      return "a wildcard where the account goes: any account can create a role or resource of that name";
    }
    if (ORG_KEYS.contains(key) || ORG_PATH_KEYS.contains(key)) return "a wildcard where the organization goes";
    return "a wildcard where the account goes";
  }

  /** Keys whose values are account ids (lower case). */
  private static final Set<String> ACCOUNT_KEYS = Set.of(
      "aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "kms:calleraccount", "s3:dataaccesspointaccount");

  /** Keys whose values are organization ids (lower case). */
  private static final Set<String> ORG_KEYS = Set.of("aws:principalorgid", "aws:sourceorgid");

  /** Keys whose values are organization paths, {@code o-id/r-id/ou-id/...} (lower case). */
  private static final Set<String> ORG_PATH_KEYS = Set.of("aws:principalorgpaths", "aws:sourceorgpaths");

  /** Keys whose values are ARNs, with the account in their fifth field (lower case). */
  private static final Set<String> ARN_KEYS = Set.of("aws:principalarn", "aws:sourcearn", "s3:dataaccesspointarn");

  private static boolean fineGrained(PolicyDocument policy) {
    return policy.uses().contains(PolicyUse.FINE_GRAINED_ACCESS_CONTROL);
  }

  /**
   * True when one condition of the statement restricts the caller: it is on a restricting key,
   * limits the key as {@link Conditions#restricts} says, and every value it lists names known
   * callers ({@link #openValue} finds none that does not).
   */
  private static boolean restrictedCaller(Statement s) {
    for (Condition c : s.conditions()) {
      String key = c.key().text().toLowerCase(Locale.ROOT);
      if (RESTRICTING_KEYS.contains(key) && Conditions.restricts(c) && openValue(c) == null) return true;
    }
    return false;
  }

  /**
   * The first condition on a restricting key that would restrict but for a value that any
   * account matches ({@link #openValue}), or null.
   */
  private static Condition openCondition(Statement s) {
    for (Condition c : s.conditions()) {
      String key = c.key().text().toLowerCase(Locale.ROOT);
      if (RESTRICTING_KEYS.contains(key) && Conditions.restricts(c) && openValue(c) != null) return c;
    }
    return null;
  }

  /**
   * The first value of the condition that admits callers of accounts nobody chose, or null when
   * every value names callers of accounts the author chose. The values
   * of a condition are alternatives, so one that any account matches opens the statement to
   * every account. With an operator that matches wildcards ({@code ...Like}, and
   * {@code ArnEquals}/{@code ArnLike}, which match each ARN field with wildcards), a value that
   * is all wildcards, or {@code 0.0.0.0/0} for {@code IpAddress}, matches everyone; a wildcard
   * in an account id, an organization id, the organization of a path, or the account field of
   * an ARN matches accounts nobody named, since any account can create a role or resource of
   * the name that follows. Any {@code aws:username} value matches users of that name in every
   * account. A value a template fills in ({@code ${AWS::AccountId}},
   * {@code {{ account }}}) stands for a chosen account and counts; so does a value CloudFormation
   * computes, which {@code values} does not list.
   */
  static Str openValue(Condition c) {
    ConditionOperator op = c.operator();
    String base = op.base();
    boolean wildcards = op.matchesWildcards();
    String key = c.key().text().toLowerCase(Locale.ROOT);
    for (Str v : c.values().values()) {
      String t = v.text().trim();
      if (t.isEmpty()) continue;
      if (key.equals("aws:username")) return v; // a user name, in whichever account
      if (callersOwnAccount(key, t)) return v; // whatever the operator: variables are filled in for every one
      if ((base.equals("IpAddress") || base.equals("NotIpAddress")) && (t.equals("0.0.0.0/0") || t.equals("::/0"))) {
        return v;
      }
      if (!wildcards) continue;
      if (t.chars().allMatch(ch -> ch == '*' || ch == '?')) return v;
      if (ACCOUNT_KEYS.contains(key) || ORG_KEYS.contains(key)) {
        if (Texts.hasWildcardOutsideSubstitutions(t)) return v;
      } else if (ORG_PATH_KEYS.contains(key)) {
        int slash = t.indexOf('/');
        if (Texts.hasWildcardOutsideSubstitutions(slash < 0 ? t : t.substring(0, slash))) return v;
      } else if (ARN_KEYS.contains(key)) {
        if (!Conditions.arnOfChosenAccount(t)) return v;
      } else if (key.equals("aws:userid")) {
        // A unique id (AROA..., AIDA...) or an account id, then ":session" for roles and federated users
        int colon = t.indexOf(':');
        if (Texts.hasWildcardOutsideSubstitutions(colon < 0 ? t : t.substring(0, colon))) return v;
      }
    }
    return null;
  }

  /**
   * Whether the value puts the policy variable {@code ${aws:PrincipalAccount}} where the account
   * goes (an account-id key's value, or an ARN's account field): IAM fills it in with the
   * caller's own account, so the value matches a caller of any account (IAM User Guide, "IAM
   * policy elements: Variables and tags"). {@code ${aws:ResourceAccount}} and the like name the
   * resource owner's account and do restrict.
   */
  private static boolean callersOwnAccount(String key, String value) {
    String account = null;
    if (ACCOUNT_KEYS.contains(key)) account = value;
    if (ARN_KEYS.contains(key)) {
      String[] f = Arns.fields(value);
      if (f != null) account = f[4];
    }
    return account != null && account.equalsIgnoreCase("${aws:PrincipalAccount}");
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
        if (key && op.known() && op.isNegated() && !"ForAnyValue".equals(op.qualifier()) && openValue(c) == null) {
          negatedRestriction = true;
        } else {
          other = true;
        }
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
