package dev.iamlint.rules.time;

import dev.iamlint.core.analysis.PolicyDates;
import dev.iamlint.core.analysis.TimeWindows;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

/**
 * An Allow whose time window ended before now (dead or forgotten temporary access), pointing at
 * the end value wherever it is (the statement or a closing Deny); a note when the window has not
 * started yet, pointing at the start value. Deny windows are not reported: a past Deny window is
 * not access. Inverted windows are IAM401's.
 */
@RuleInfo(
    id = "IAM402",
    name = "time-window-expired",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 2.0,
    tags = {"security", "time-window", "hygiene", "condition"},
    summary = "An Allow whose aws:CurrentTime/aws:EpochTime window ended before now (note when it has not started yet).",
    description = "An expired window is dead temporary access: it grants nothing, hides what the policy really does, and "
        + "invites someone to \"fix\" it by moving the date instead of asking whether the access is still needed. A "
        + "window that has not started yet is reported as a note so that scheduled access is visible.",
    messages = {
      @RuleInfo.Message(text = "the time window ended at {0} (now is {1}): this Allow no longer grants anything; "
          + "remove it or renew the access deliberately"),
      @RuleInfo.Message(id = "notStarted", level = Level.NOTE,
          text = "the time window starts at {0} (now is {1}): this Allow grants nothing yet")
    })
public final class TimeWindowExpired implements DocumentRule {

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    TimeWindows.Window deny = TimeWindows.denyBounds(policy);
    Instant now = ctx.now();
    // "now" in a message to the second: nanoseconds made each run's message differ for nothing
    String nowText = PolicyDates.format(now.truncatedTo(ChronoUnit.SECONDS));
    Set<String> seen = new HashSet<>();
    for (Statement s : policy.statements()) {
      if (!s.isAllow()) continue;
      TimeWindows.Window w = TimeWindows.effective(s, deny);
      if (w.inverted()) continue;
      TimeWindows.Bound end = w.end();
      TimeWindows.Bound start = w.start();
      if (end != null && (end.inclusive() ? end.at().isBefore(now) : !end.at().isAfter(now))) {
        if (seen.add(end.value().pointer())) {
          ctx.report(end.value(), "default", PolicyDates.format(end.at()), nowText);
        }
      } else if (start != null && (start.inclusive() ? start.at().isAfter(now) : !start.at().isBefore(now))) {
        if (seen.add(start.value().pointer())) {
          ctx.report(start.value(), "notStarted", PolicyDates.format(start.at()), nowText);
        }
      }
    }
  }
}
