package dev.iamlint.rules.time;

import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.analysis.Operators;
import dev.iamlint.core.analysis.PolicyDates;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.analysis.TimeWindows;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values and operators on {@code aws:CurrentTime} / {@code aws:EpochTime} that AWS rejects or
 * cannot compare: a Date value that is not a W3C ISO 8601 date or epoch seconds, a policy variable
 * or wildcard in a Date value, epoch milliseconds, a non-number under a Numeric operator on
 * {@code aws:EpochTime}, an operator that cannot compare times (Bool, IpAddress, Arn*,
 * BinaryEquals) and an unknown operator. String operators, and Numeric ones on
 * {@code aws:CurrentTime}, are IAM404's; IAM008 leaves these keys to this rule. Epoch seconds are
 * accepted under Date operators on both keys, as AWS documents; a date without a zone is UTC.
 * Template substitutions ({@code ${StartDate}}) are not checked.
 */
@RuleInfo(
    id = "IAM403",
    name = "time-window-malformed",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 4.0,
    tags = {"security", "time-window", "correctness", "condition"},
    summary = "A date AWS will not parse, or a value or operator of the wrong kind, on aws:CurrentTime or aws:EpochTime.",
    description = "The Date operators read W3C ISO 8601 dates (2026-12-31T23:59:59Z) or epoch seconds. AWS rejects "
        + "other text when the policy is saved, and does not accept policy variables or wildcards in Date values; a "
        + "13-digit epoch (milliseconds) is a date tens of thousands of years away, so the window never closes.",
    messages = {
      @RuleInfo.Message(text = "{0} needs a W3C ISO 8601 date (2026-12-31T23:59:59Z) or epoch seconds, not \"{1}\""),
      @RuleInfo.Message(id = "policyVariable",
          text = "{0} does not accept policy variables (\"{1}\"); AWS rejects policy variables in Date values"),
      @RuleInfo.Message(id = "wildcard", text = "{0} does not accept wildcards (\"{1}\"); write a full date"),
      @RuleInfo.Message(id = "milliseconds",
          text = "\"{1}\" under {0} looks like epoch milliseconds; {2} counts seconds since 1970-01-01T00:00:00Z"),
      @RuleInfo.Message(id = "notNumber",
          text = "{0} on aws:EpochTime needs epoch seconds, not \"{1}\"; use a Date operator for W3C dates"),
      @RuleInfo.Message(id = "wrongOperator",
          text = "{0} cannot compare {1}, a point in time; use a Date operator (DateLessThan, DateGreaterThan, ...)"),
      @RuleInfo.Message(id = "unknownOperator", text = "unknown condition operator {0} on {1}; did you mean {2}?"),
      @RuleInfo.Message(id = "unknownOperatorNoHint",
          text = "unknown condition operator {0} on {1}; use a Date operator (DateLessThan, DateGreaterThan, ...)")
    })
public final class TimeWindowMalformed implements DocumentRule {

  private static final Pattern MILLIS = Pattern.compile("\\d{13,}(\\.\\d*)?");
  private static final List<String> TIME_OPERATORS = Operators.names(b -> b.startsWith("Date") || b.startsWith("Numeric"));

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    Set<String> reportedOperators = new HashSet<>();
    for (Condition c : s.conditions()) {
      if (c.key() == null || c.operatorName() == null || c.operator() == null || !TimeWindows.isTimeKey(c.key())) continue;
      ConditionOperator op = c.operator();
      if (TimeWindows.comparedAsText(c)) continue; // IAM404's
      boolean epochKey = TimeWindows.isEpochKey(c.key());
      if (!op.known()) {
        if (reportedOperators.add(c.operatorName().pointer())) reportUnknown(c, ctx);
        continue;
      }
      if (op.qualifier() != null) continue;
      if (op.isDate()) {
        checkDates(c, ctx);
      } else if (op.isNumeric() && epochKey) {
        checkNumbers(c, ctx);
      } else if (!op.isNull()) {
        if (reportedOperators.add(c.operatorName().pointer() + "|" + c.key().pointer())) {
          ctx.report(c.operatorName(), "wrongOperator", c.operatorName().text(), c.key().text());
        }
      }
    }
  }

  private static void reportUnknown(Condition c, RuleContext ctx) {
    String text = c.operatorName().text();
    String rest = text.substring(text.indexOf(':') + 1);
    String hint = EditDistance.nearest(rest, TIME_OPERATORS, Math.max(1, rest.length() / 4));
    if (hint != null && !TimeWindows.isEpochKey(c.key()) && hint.startsWith("Numeric")) hint = null;
    if (hint == null || hint.equals(text)) {
      ctx.report(c.operatorName(), "unknownOperatorNoHint", text, c.key().text());
    } else {
      ctx.report(c.operatorName(), "unknownOperator", text, c.key().text(), hint);
    }
  }

  private static void checkDates(Condition c, RuleContext ctx) {
    String op = c.operatorName().text();
    for (Str v : c.values().values()) {
      String t = v.text().trim();
      if (Templates.hasTemplateSubstitution(t)) continue;
      if (Templates.hasPolicyVariable(t)) {
        ctx.report(v, "policyVariable", op, v.text());
      } else if (Texts.hasWildcard(t)) {
        ctx.report(v, "wildcard", op, v.text());
      } else if (MILLIS.matcher(t).matches()) {
        ctx.report(v, "milliseconds", op, v.text(), "epoch time");
      } else if (!PolicyDates.isDate(t)) {
        ctx.report(v, "default", op, v.text());
      }
    }
  }

  private static void checkNumbers(Condition c, RuleContext ctx) {
    String op = c.operatorName().text();
    for (Str v : c.values().values()) {
      String t = v.text().trim();
      if (Templates.hasTemplateSubstitution(t)) continue;
      if (Templates.hasPolicyVariable(t)) {
        ctx.report(v, "policyVariable", op, v.text());
      } else if (MILLIS.matcher(t).matches()) {
        ctx.report(v, "milliseconds", op, v.text(), "aws:EpochTime");
      } else if (!Operators.isNumber(t)) {
        ctx.report(v, "notNumber", op, v.text());
      }
    }
  }
}
