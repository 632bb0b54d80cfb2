package dev.iamlint.rules.time;

import dev.iamlint.core.analysis.PolicyDates;
import dev.iamlint.core.analysis.TimeWindows;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * An Allow whose window (with both bounds, counting the policy's closing Deny statements) is
 * strictly longer than option {@code maxWindow} (ISO-8601 duration, default {@code P90D}); exactly
 * the maximum passes. Applies to every Allow window, temporary or not; pointing at the end value.
 */
@RuleInfo(
    id = "IAM407",
    name = "time-window-too-long",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 3.0,
    tags = {"security", "time-window", "least-privilege", "condition"},
    options = @RuleInfo.Option(name = TimeWindowTooLong.MAX_WINDOW, type = RuleInfo.OptionType.DURATION,
        defaultValue = TimeWindowTooLong.DEFAULT_MAX,
        description = "the longest window allowed, as an ISO-8601 duration (P30D, PT72H, P3M); an unreadable value "
            + "falls back to the default"),
    summary = "An Allow time window on aws:CurrentTime/aws:EpochTime longer than the configured maximum (default 90 days).",
    description = "A time window is meant to make access temporary. A window of many months is standing access in "
        + "practice, and one that outlives the reason it was granted for; keep windows short and renew them "
        + "deliberately.",
    messages = {
      @RuleInfo.Message(text = "the time window lasts {0} ({1} to {2}), longer than the maximum {3}")
    })
public final class TimeWindowTooLong implements DocumentRule {

  static final String MAX_WINDOW = "maxWindow";
  static final String DEFAULT_MAX = "P90D";

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    String maxText = ctx.options().string(MAX_WINDOW).orElse(DEFAULT_MAX).trim();
    TemporalAmount max = parse(maxText);
    if (max == null) {
      maxText = DEFAULT_MAX;
      max = Period.ofDays(90);
    }
    TimeWindows.Window deny = TimeWindows.denyBounds(policy);
    Set<String> seen = new HashSet<>();
    for (Statement s : policy.statements()) {
      if (!s.isAllow()) continue;
      TimeWindows.Window w = TimeWindows.effective(s, deny);
      if (!w.closed() || w.inverted()) continue;
      Instant limit = w.start().at().atOffset(ZoneOffset.UTC).plus(max).toInstant();
      if (!w.end().at().isAfter(limit)) continue;
      if (!seen.add(w.end().value().pointer() + "|" + w.start().value().pointer())) continue;
      ctx.report(w.end().value(), "default", describe(Duration.between(w.start().at(), w.end().at())),
          PolicyDates.format(w.start().at()), PolicyDates.format(w.end().at()), maxText)
          .related(ctx.file(), w.start().value().span(), "the window starts here");
    }
  }

  /** An ISO-8601 duration ({@code P90D}, {@code PT2160H}, {@code P3M}), or null when unreadable. */
  static TemporalAmount parse(String text) {
    String t = text.toUpperCase(Locale.ROOT);
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return Period.parse(t);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static String describe(Duration d) {
    long days = d.toDays();
    long hours = d.minusDays(days).toHours();
    long minutes = d.minusDays(days).minusHours(hours).toMinutes();
    StringBuilder sb = new StringBuilder().append(days).append(days == 1 ? " day" : " days");
    if (hours > 0 || minutes > 0) sb.append(' ').append(hours).append('h');
    if (minutes > 0) sb.append(' ').append(minutes).append('m');
    return sb.toString();
  }
}
