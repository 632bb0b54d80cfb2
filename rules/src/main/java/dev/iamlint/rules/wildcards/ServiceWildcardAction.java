package dev.iamlint.rules.wildcards;

import dev.iamlint.core.Level;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Principal;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An Allow of every action of one service ({@code "s3:*"}). An error for the services that manage
 * identities, permissions, credentials or keys, where "every action" includes granting oneself
 * more. Not reported on SCPs/RCPs (an SCP Allow grants nothing), nor for {@code "kms:*"} in a key
 * policy granted to an account root (AWS's default key policy). A statement IAM201 reports is
 * IAM201's (declared: {@code supersededBy}).
 */
@RuleInfo(
    id = "IAM202",
    name = "service-wildcard-action",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 6.0,
    tags = {"security", "wildcard", "least-privilege"},
    supersededBy = "IAM201",
    summary = "The policy allows every action of a service (service:*).",
    description = "\"service:*\" grants all of a service's actions, including the destructive and permission-changing "
        + "ones and any AWS adds later, where the workload usually needs a few. For services that manage identities, "
        + "permissions, credentials or keys (IAM, Organizations, IAM Identity Center, STS, KMS) it lets the holder "
        + "grant itself more access.",
    messages = {
      @RuleInfo.Message(text = "allows every {0} action ({1}), including any AWS adds later; list the actions the workload needs"),
      @RuleInfo.Message(id = "permissions", level = Level.ERROR, text = "allows every {0} action ({1}); {0} manages identities, permissions, credentials or keys, so the holder can grant itself more access; list the actions the workload needs")
    })
public final class ServiceWildcardAction implements DocumentRule {

  /** Service prefixes whose full wildcard is an error: they manage identities, permissions, credentials or keys. */
  private static final Set<String> PERMISSION_SERVICES = Set.of("iam", "organizations", "sso", "identitystore", "sts", "kms");

  /** {@code svc:*} with a literal service prefix. */
  private static final Pattern SERVICE_STAR = Pattern.compile("([A-Za-z0-9-]+):\\*");

  /**
   * An account root principal: a bare account id, or {@code arn:<partition>:iam::<account>:root}; the
   * account may be a deployment template ({@code ${AWS::AccountId}}, LZA {@code ${ACCOUNT_ID}}, {@code {{ account }}}).
   */
  private static final String ACCOUNT = "(\\d{12}|\\$\\{[^}]+}|\\{\\{[^}]+}})";
  private static final Pattern ACCOUNT_ROOT = Pattern.compile(
      ACCOUNT + "|arn:(aws[a-z-]*|\\$\\{[^}]+}|\\{\\{[^}]+}}):iam::" + ACCOUNT + ":root");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.grantsNothing()) return; // a permissions boundary or an endpoint policy grants nothing
    if (!s.isAllow() || s.action() == null) return;
    if (policy.kind().isOrganizationPolicy()) return;
    for (Str v : s.action().values()) {
      String t = v.text().trim();
      if (!t.endsWith(":*")) continue; // the cheap test before the regular expression, for every action
      var m = SERVICE_STAR.matcher(t);
      if (!m.matches()) continue;
      String prefix = m.group(1).toLowerCase(Locale.ROOT);
      if (prefix.equals("kms") && policy.kind() == PolicyKind.RESOURCE && toAccountRootOnly(s.principal())) continue;
      int count = countActions(v.text().trim(), ctx);
      if (count == 0) continue; // not a service of the catalogue: IAM101 reports it
      String what = count > 0 ? count + " actions" : "all of them";
      ctx.report(v, PERMISSION_SERVICES.contains(prefix) ? "permissions" : "default", prefix, what);
    }
  }

  private static int countActions(String pattern, RuleContext ctx) {
    try {
      return ctx.catalog().expand(pattern).size();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** True when the principal names only account roots (AWS's default key policy grants kms:* to the account). */
  private static boolean toAccountRootOnly(Principal p) {
    if (p == null || p.star() != null || p.byType().size() != 1) return false;
    if (!p.byType().containsKey("AWS")) return false;
    // Values built by CloudFormation functions other than Fn::Sub and a Fn::Join of literals and
    // references (which read as a Fn::Sub template) are unknown here and contribute nothing: give
    // the key policy the benefit of the doubt.
    List<Str> aws = p.values("AWS");
    for (Str a : aws) {
      String t = a.text().trim();
      if (!ACCOUNT_ROOT.matcher(t).matches() && !placeholderRoot(t)) return false;
    }
    return true;
  }

  private static final Pattern ANY_ROOT = Pattern.compile("arn:[^:]+:iam::([^:]+):root");

  /**
   * A root whose account is a placeholder for a person to fill in ({@code [SecurityAccountID]},
   * {@code ACCOUNT_ID}, {@code <account-id>}): example key policies write AWS's default statement
   * so, and IAM012 says once that the file holds placeholders.
   */
  private static boolean placeholderRoot(String arn) {
    var m = ANY_ROOT.matcher(arn);
    return m.matches() && !Templates.Placeholders.DEFAULT.find(m.group(1)).isEmpty();
  }
}
