package dev.iamlint.rules.time;

import dev.iamlint.core.analysis.TimeWindows;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.HashSet;
import java.util.Set;

/**
 * A {@code String*} operator (including ones that do not exist, such as {@code StringLessThan}) on
 * {@code aws:CurrentTime} or {@code aws:EpochTime}, or a {@code Numeric*} operator on
 * {@code aws:CurrentTime} ({@link TimeWindows#comparedAsText}); pointing at the operator key.
 * {@code Numeric*} on {@code aws:EpochTime} is valid (AWS documents it).
 */
@RuleInfo(
    id = "IAM404",
    name = "time-window-string-operator",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 4.0,
    tags = {"security", "time-window", "correctness", "condition"},
    summary = "A String* operator on aws:CurrentTime or aws:EpochTime, or a Numeric* operator on aws:CurrentTime: "
        + "the time is not compared as a time.",
    description = "String operators compare text, so a window written with them matches only one exact timestamp "
        + "string or a pattern, never a range, and StringLessThan-style operators do not exist at all. "
        + "aws:CurrentTime is a date, not a number, so Numeric operators cannot compare it. Date operators compare "
        + "points in time whatever the format and time zone.",
    messages = {
      @RuleInfo.Message(text = "{0} on {1} compares the time as {2}, not as a point in time; use {3}")
    })
public final class TimeWindowStringOperator implements DocumentRule {

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    Set<String> reported = new HashSet<>();
    for (Condition c : s.conditions()) {
      if (c.operatorName() == null || !TimeWindows.comparedAsText(c)) continue;
      if (!reported.add(c.operatorName().pointer())) continue;
      String base = c.operator().base();
      boolean string = base.startsWith("String");
      String rel = base.substring(string ? 6 : 7);
      String date = "Date" + rel;
      String fix = ConditionOperator.BASE_OPERATORS.contains(date) ? date
          : "DateGreaterThan / DateLessThan" + (TimeWindows.isEpochKey(c.key()) ? " (or Numeric operators with epoch seconds)" : "");
      ctx.report(c.operatorName(), "default", c.operatorName().text(), c.key().text(), string ? "text" : "a number", fix);
    }
  }
}
