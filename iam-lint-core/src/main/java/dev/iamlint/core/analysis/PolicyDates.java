package dev.iamlint.core.analysis;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as the {@code Date*} condition operators read them: the W3C profile of ISO 8601
 * ({@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD}, {@code YYYY-MM-DDThh:mm[:ss[.s]]TZD}) or
 * epoch seconds. A date without a time is midnight; a value without a zone is UTC (IAM User Guide,
 * "IAM JSON policy elements: Condition operators", Date condition operators). An all-digit value
 * (up to 12 digits) is epoch seconds, so a bare year {@code 2026} reads as 2026 seconds after
 * 1970, as in the reference simulator cloud-copilot/iam-simulate.
 */
public final class PolicyDates {

  public static final Pattern EPOCH = Pattern.compile("\\d{1,12}");
  private static final Pattern DATE = Pattern.compile(
      "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?)?)?");

  private PolicyDates() {}

  /** True when the text is a W3C ISO 8601 date or epoch seconds. */
  public static boolean isDate(String t) {
    return parse(t).isPresent();
  }

  /** The instant a date value stands for, or empty when the Date operators cannot read it. */
  public static Optional<Instant> parse(String text) {
    String t = text.trim();
    if (EPOCH.matcher(t).matches()) return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
    Matcher m = DATE.matcher(t);
    if (!m.matches()) return Optional.empty();
    try {
      int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
      LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), month, day);
      long seconds = date.toEpochDay() * 86_400L;
      long nanos = 0;
      if (m.group(4) != null) {
        int sec = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        LocalTime time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Math.min(sec, 59));
        if (sec > 60) return Optional.empty();
        seconds += time.toSecondOfDay() + (sec == 60 ? 1 : 0);
        if (m.group(7) != null) {
          String frac = (m.group(7).substring(1) + "000000000").substring(0, 9);
          nanos = Long.parseLong(frac);
        }
        String zone = m.group(8);
        if (zone != null && !zone.equals("Z")) {
          String digits = zone.substring(1).replace(":", "");
          int offset = Integer.parseInt(digits.substring(0, 2)) * 3600 + Integer.parseInt(digits.substring(2)) * 60;
          seconds -= zone.charAt(0) == '-' ? -offset : offset;
        }
      }
      return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** True when the value is written in epoch seconds rather than as a W3C date. */
  public static boolean isEpoch(String t) {
    return EPOCH.matcher(t.trim()).matches();
  }

  /** The instant as AWS's examples write it, e.g. {@code 2026-12-31T23:59:59Z}. */
  public static String format(Instant i) {
    return i.toString();
  }
}
