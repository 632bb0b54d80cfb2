package dev.iamlint.rules.trust;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.analysis.Conditions;
import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role trust to an AWS account principal (an account id, its root, or a role/user of it) with
 * no {@code sts:ExternalId}, {@code aws:PrincipalOrgID} or {@code aws:PrincipalOrgPaths} condition.
 * Accounts of the organization model and {@code ${AWS::AccountId}} are own and not reported. With
 * an organization model, another account is a warning; without one, whether the account is ours is
 * unknown and the finding is a note.
 */
@RuleInfo(
    id = "IAM703",
    name = "cross-account-trust-without-external-id",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 5.0,
    tags = {"security", "trust", "cross-account"},
    summary = "A role trusts another AWS account with no sts:ExternalId or organization condition.",
    description = "A trust to another account lets any principal that account's administrators allow assume the "
        + "role. When the other account is a third party acting for several customers, a request that names this "
        + "role on another customer's behalf succeeds (the confused deputy problem); an sts:ExternalId condition "
        + "prevents it. For accounts of your own organization, aws:PrincipalOrgID or aws:PrincipalOrgPaths "
        + "states the intent and keeps the trust from outliving the account's membership.",
    messages = {
      @RuleInfo.Message(text = "trusts account {0}, which is outside the organization, with no sts:ExternalId, "
          + "aws:PrincipalOrgID or aws:PrincipalOrgPaths condition; require the external id agreed with the third "
          + "party"),
      @RuleInfo.Message(id = "unknown", level = Level.NOTE, text = "trusts account {0} with no sts:ExternalId, "
          + "aws:PrincipalOrgID or aws:PrincipalOrgPaths condition; if it is a third party, require an external id; "
          + "if it is yours, declare the organization's accounts in .iam-lint.yaml (organization:)")
    })
public final class CrossAccountTrustWithoutExternalId implements DocumentRule {

  private static final Set<String> KEYS = Set.of("sts:externalid", "aws:principalorgid", "aws:principalorgpaths");

  /** A literal account id, or an IAM/STS ARN of an account (root, role, user, assumed role). */
  private static final Pattern ACCOUNT = Pattern.compile(
      "(\\d{12})|arn:[^:]+:(?:iam|sts)::(\\d{12}|\\$\\{AWS::AccountId})(?::.*)?|(\\$\\{AWS::AccountId})");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.kind() != PolicyKind.TRUST || !s.isAllow() || s.principal() == null) return;
    if (!Grants.covers(s, "sts:AssumeRole")) return;
    if (Conditions.restrictedBy(s, KEYS)) return;
    Config.Organization org = ctx.config() == null ? null : ctx.config().organization();
    Set<String> own = ownAccounts(org);
    for (Str v : s.principal().values("AWS")) {
      Matcher m = ACCOUNT.matcher(v.text().trim());
      if (!m.matches()) continue;
      String account = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (!account.matches("\\d{12}")) continue; // ${AWS::AccountId}: the stack's own account
      if (own.contains(account)) continue;
      ctx.report(v, org == null ? "unknown" : "default", account);
    }
  }

  /** The 12-digit account ids of the organization model (accounts and the management account). */
  private static Set<String> ownAccounts(Config.Organization org) {
    Set<String> out = new HashSet<>();
    if (org == null) return out;
    if (org.managementAccount() != null) out.add(org.managementAccount().trim());
    for (Config.Target t : org.accounts()) {
      if (t.id() != null) out.add(t.id().trim());
    }
    return out;
  }
}
