package dev.iamlint.rules.mfa;

import dev.iamlint.core.analysis.Mfa;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;

/**
 * An Allow that bounds {@code aws:MultiFactorAuthAge} only from below
 * ({@code NumericGreaterThan[Equals]} without {@code NumericLessThan[Equals]} or
 * {@code NumericEquals}), pointing at the key. {@code Null} is a presence test and is not
 * reported here. An operator of another family on the key (a {@code String*} compare, a
 * misspelt operator, a value that is no number) is IAM008's: one element, one rule. IfExists
 * traps are IAM302/IAM303's; permission-set inline policies are IAM304's.
 */
@RuleInfo(
    id = "IAM305",
    name = "mfa-age-unbounded",
    since = "0.1.0",
    level = Level.NOTE,
    securitySeverity = 3.0,
    tags = {"security", "mfa", "condition"},
    summary = "aws:MultiFactorAuthAge in an Allow with only a lower bound.",
    description = "aws:MultiFactorAuthAge is the number of seconds since the principal authenticated with MFA; AWS "
        + "documents Numeric operators for it. The point of the key is to limit how old an MFA sign-in may be, so an "
        + "Allow that only sets a lower bound accepts MFA sessions of any age.",
    messages = {
      @RuleInfo.Message(text = "{0} has only a lower bound ({1} {2}): this Allow accepts MFA "
          + "sign-ins of any age above it; add an upper bound such as \"NumericLessThan\": {\"{0}\": \"3600\"}")
    })
public final class MfaAgeUnbounded implements DocumentRule {

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (Mfa.inPermissionSet(policy)) return;
    Condition lower = null;
    boolean upper = false;
    for (Condition c : s.conditions()) {
      if (!Mfa.usable(c) || !Mfa.isAge(c) || Mfa.base(c, "Null")) continue;
      String base = c.operator().base();
      if (!base.startsWith("Numeric")) continue; // IAM008
      if (c.operator().ifExists()) continue;
      if (base.startsWith("NumericGreaterThan")) {
        if (lower == null) lower = c;
      } else if (base.startsWith("NumericLessThan") || base.equals("NumericEquals")) {
        upper = true;
      }
    }
    if (s.isAllow() && lower != null && !upper) {
      Str v = lower.values().values().isEmpty() ? null : lower.values().values().get(0);
      ctx.report(lower.key(), "default", lower.key().text(), lower.operatorName().text(),
          v == null ? "" : v.text());
    }
  }
}
