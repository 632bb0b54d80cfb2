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
 * A Deny meant to block requests without MFA that lets some of them through, pointing at the MFA
 * condition key: {@code Bool {aws:MultiFactorAuthPresent: false}} (long-term access keys carry no
 * such key, so they are not denied), its sibling {@code Null {aws:MultiFactorAuthPresent: true}}
 * (denies long-term keys only; temporary credentials without MFA carry {@code false} and pass),
 * and {@code NumericGreaterThan} on {@code aws:MultiFactorAuthAge} without IfExists (requests
 * without MFA carry no age and pass). In a permission set's inline policy every MFA condition but
 * the {@code Null} sibling is IAM304's.
 */
@RuleInfo(
    id = "IAM302",
    name = "mfa-deny-bool-trap",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 6.0,
    tags = {"security", "mfa", "condition"},
    summary = "A Deny with Bool {aws:MultiFactorAuthPresent: false} (or Null {aws:MultiFactorAuthPresent: true}, or "
        + "NumericGreaterThan on aws:MultiFactorAuthAge) that lets requests without MFA through.",
    description = "aws:MultiFactorAuthPresent is absent from requests signed with long-term access keys, and a Bool "
        + "condition does not match an absent key, so a Deny on Bool false never denies the CLI/SDK requests of an IAM "
        + "user. AWS marks the pattern \"not recommended\" and recommends BoolIfExists.",
    messages = {
      @RuleInfo.Message(text = "this Deny does not apply to requests signed with long-term access keys: they carry no "
          + "{0}, and {1} does not match an absent key; use \"BoolIfExists\": {\"{0}\": \"false\"}"),
      @RuleInfo.Message(id = "nullPresent", text = "this Deny only applies to requests without {0} (long-term access "
          + "keys); temporary credentials obtained without MFA carry {0} = false and are not denied; use "
          + "\"BoolIfExists\": {\"{0}\": \"false\"}"),
      @RuleInfo.Message(id = "nullPresentPermissionSet", text = "this Deny only applies to requests without {0}; in a "
          + "permission set it denies every Identity Center session or none, never only those without MFA; enforce MFA "
          + "in Identity Center settings instead"),
      @RuleInfo.Message(id = "age", text = "this Deny does not apply to requests made without MFA: {0} is present only "
          + "when MFA was used, and {1} does not match an absent key; use {2}IfExists")
    })
public final class MfaDenyBoolTrap implements DocumentRule {

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (!s.isDeny()) return;
    boolean permissionSet = Mfa.inPermissionSet(policy);
    for (Condition c : s.conditions()) {
      if (!Mfa.usable(c)) continue;
      if (Mfa.isPresent(c) && Mfa.nullCheck(c, true)) {
        ctx.report(c.key(), permissionSet ? "nullPresentPermissionSet" : "nullPresent", c.key().text());
      } else if (permissionSet) {
        continue;
      } else if (Mfa.plainBool(c, false)) {
        ctx.report(c.key(), "default", c.key().text(), c.operatorName().text());
      } else if (Mfa.isAge(c) && !c.operator().ifExists() && c.operator().base().startsWith("NumericGreaterThan")) {
        ctx.report(c.key(), "age", c.key().text(), c.operatorName().text(), c.operator().base());
      }
    }
  }
}
