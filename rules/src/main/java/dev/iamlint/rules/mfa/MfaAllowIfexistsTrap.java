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
 * An Allow whose MFA condition grants without MFA, pointing at the MFA condition key:
 * {@code BoolIfExists {aws:MultiFactorAuthPresent: true}} (matches requests signed with long-term
 * access keys, which carry no such key), an IfExists operator on {@code aws:MultiFactorAuthAge}
 * (matches requests made without MFA, which carry no age), {@code Null {key: true}} (matches only
 * requests without the key), and {@code Null {aws:MultiFactorAuthPresent: false}} as the only MFA
 * requirement (matches all temporary credentials, with or without MFA). {@code Null
 * {aws:MultiFactorAuthAge: false}} is a real MFA requirement and is not reported. In a permission
 * set's inline policy MFA conditions are IAM304's.
 */
@RuleInfo(
    id = "IAM303",
    name = "mfa-allow-ifexists-trap",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 6.0,
    tags = {"security", "mfa", "condition"},
    summary = "An Allow with BoolIfExists {aws:MultiFactorAuthPresent: true} (or another MFA condition that matches "
        + "requests made without MFA, such as a misused Null).",
    description = "IfExists makes a condition true when the key is absent, and aws:MultiFactorAuthPresent is absent "
        + "from requests signed with long-term access keys: BoolIfExists true grants IAM users' CLI/SDK requests without "
        + "MFA. It is what the console's visual editor writes for \"MFA required\". Null on an MFA key tests only whether "
        + "the key is present, which is not the same as MFA.",
    messages = {
      @RuleInfo.Message(text = "this Allow also applies to requests signed with long-term access keys, without MFA: they "
          + "carry no {0}, and {1} matches an absent key; use \"Bool\": {\"{0}\": \"true\"}"),
      @RuleInfo.Message(id = "age", text = "this Allow also applies to requests made without MFA: {0} is present only "
          + "when MFA was used, and {1} matches an absent key; drop IfExists"),
      @RuleInfo.Message(id = "nullTrue", text = "Null {0} = true matches only requests without {0}: this Allow applies "
          + "only to requests made without MFA; use \"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}"),
      @RuleInfo.Message(id = "nullPresentFalse", text = "Null {0} = false requires temporary credentials, not MFA: "
          + "credentials obtained without MFA carry {0} = false and are allowed; use \"Bool\": {\"{0}\": \"true\"}")
    })
public final class MfaAllowIfexistsTrap implements DocumentRule {

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (!s.isAllow() || Mfa.inPermissionSet(policy)) return;
    for (Condition c : s.conditions()) {
      if (!Mfa.usable(c)) continue;
      if (Mfa.boolIfExists(c, true)) {
        ctx.report(c.key(), "default", c.key().text(), c.operatorName().text());
      } else if (Mfa.isAge(c) && c.operator().ifExists() && !Mfa.base(c, "Null")) {
        ctx.report(c.key(), "age", c.key().text(), c.operatorName().text());
      } else if (Mfa.nullCheck(c, true)) {
        ctx.report(c.key(), "nullTrue", c.key().text());
      } else if (Mfa.isPresent(c) && Mfa.nullCheck(c, false) && !requiresMfa(s)) {
        ctx.report(c.key(), "nullPresentFalse", c.key().text());
      }
    }
  }

  /** The statement has a condition that holds only with MFA. */
  static boolean requiresMfa(Statement s) {
    for (Condition c : s.conditions()) {
      if (!Mfa.usable(c)) continue;
      if (Mfa.plainBool(c, true)) return true;
      if (Mfa.isAge(c) && !c.operator().ifExists() && !c.operator().isNegated() && !Mfa.base(c, "Null")) return true;
      if (Mfa.isAge(c) && Mfa.nullCheck(c, false)) return true;
    }
    return false;
  }
}
