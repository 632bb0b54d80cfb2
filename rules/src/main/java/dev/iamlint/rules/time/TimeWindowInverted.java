package dev.iamlint.rules.time;

import dev.iamlint.core.analysis.PolicyDates;
import dev.iamlint.core.analysis.TimeWindows;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.HashSet;
import java.util.Set;

/**
 * A time window whose start is not before its end, in any mix of W3C dates, epoch seconds and
 * time zones: the statement never applies. An Allow's window includes the policy's Deny bounds
 * (see {@link TimeWindow}).
 */
@RuleInfo(
    id = "IAM401",
    name = "time-window-inverted",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 3.0,
    tags = {"security", "time-window", "correctness", "condition"},
    summary = "A time window on aws:CurrentTime/aws:EpochTime whose start is at or after its end: the statement never applies.",
    description = "DateGreaterThan and DateLessThan are ANDed: when the start is not before the end no moment satisfies "
        + "both, so an Allow grants nothing and a Deny protects nothing. It is usually a swapped pair of dates, a "
        + "wrong year, or a time zone offset that moves one bound past the other.",
    messages = {
      @RuleInfo.Message(text = "the window ends ({0}) before it starts ({1}): this statement never applies")
    })
public final class TimeWindowInverted implements DocumentRule {

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    TimeWindows.Window deny = TimeWindows.denyBounds(policy);
    Set<String> seen = new HashSet<>();
    for (Statement s : policy.statements()) {
      TimeWindows.Window w = TimeWindows.effective(s, deny);
      if (!w.inverted()) continue;
      if (!seen.add(w.end().value().pointer() + "|" + w.start().value().pointer())) continue;
      ctx.report(w.end().value(), "default", PolicyDates.format(w.end().at()), PolicyDates.format(w.start().at()))
          .related(ctx.file(), w.start().value().span(), "the window starts here");
    }
  }
}
