package dev.iamlint.rules.mfa;

import dev.iamlint.core.analysis.Mfa;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;

/**
 * An MFA condition ({@code aws:MultiFactorAuthPresent}, {@code aws:MultiFactorAuthAge}) in an IAM
 * Identity Center permission set's inline policy, pointing at the key. Permission-set roles are
 * entered through federation, and MFA done when signing in to Identity Center is not passed on as
 * these keys, so an Allow that requires MFA never applies and a Deny on them cannot tell MFA
 * sessions from others. {@code Deny} with {@code Null {aws:MultiFactorAuthPresent: true}} is left
 * to IAM302, whose sibling pattern it is.
 */
@RuleInfo(
    id = "IAM304",
    name = "mfa-condition-never-present",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"security", "mfa", "permission-set", "correctness", "condition"},
    summary = "An MFA condition (aws:MultiFactorAuthPresent/aws:MultiFactorAuthAge) in a permission set's inline "
        + "policy, where Identity Center sessions do not carry MFA as these keys.",
    description = "Users reach permission-set roles through IAM Identity Center, which signs them in to the account by "
        + "federation. AWS's STS documentation lists no MFA support for federated (SAML) sessions, and MFA done at the "
        + "Identity Center sign-in is not reflected as aws:MultiFactorAuthPresent = true. An Allow that requires MFA "
        + "therefore never applies, and a Deny on these keys denies every session or none. Enforce MFA in the "
        + "Identity Center (or identity provider) settings instead.",
    messages = {
      @RuleInfo.Message(text = "IAM Identity Center sessions do not carry MFA done at sign-in as {0}: this Allow in a "
          + "permission set never applies; enforce MFA in Identity Center settings and drop the condition"),
      @RuleInfo.Message(id = "deny", text = "IAM Identity Center sessions do not carry MFA done at sign-in as {0}: this "
          + "Deny in a permission set denies every session or none, never only those without MFA; enforce MFA in "
          + "Identity Center settings instead"),
      @RuleInfo.Message(id = "denyAll", text = "IAM Identity Center sessions do not carry MFA done at sign-in as {0} "
          + "= true: this Deny in a permission set matches whether the key is absent or false, so it denies every "
          + "Identity Center session; enforce MFA in Identity Center settings instead"),
      @RuleInfo.Message(id = "allowOther", text = "IAM Identity Center sessions do not carry MFA done at sign-in as "
          + "{0}: in a permission set this condition cannot tell MFA sessions from others; enforce MFA in Identity "
          + "Center settings and drop the condition")
    })
public final class MfaConditionNeverPresent implements DocumentRule {

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (!Mfa.inPermissionSet(policy)) return;
    for (Condition c : s.conditions()) {
      if (!Mfa.usable(c)) continue;
      if (s.isDeny() && Mfa.isPresent(c) && Mfa.nullCheck(c, true)) continue; // IAM302's sibling pattern
      if (s.isAllow()) {
        ctx.report(c.key(), requiresMfa(c) ? "default" : "allowOther", c.key().text());
      } else if (s.isDeny()) {
        ctx.report(c.key(), Mfa.boolIfExists(c, false) ? "denyAll" : "deny", c.key().text());
      }
    }
  }

  /** The condition alone holds only with MFA (so, in a permission set, never). */
  private static boolean requiresMfa(Condition c) {
    if (Mfa.plainBool(c, true)) return true;
    if (!Mfa.isAge(c)) return false;
    if (Mfa.base(c, "Null")) return Mfa.nullCheck(c, false) && !Mfa.hasValue(c, true);
    return !c.operator().ifExists() && !c.operator().isNegated();
  }
}
