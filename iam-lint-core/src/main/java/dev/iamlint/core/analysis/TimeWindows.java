package dev.iamlint.core.analysis;

import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The time window of a statement, read from its {@code aws:CurrentTime} / {@code aws:EpochTime}
 * conditions: the start is the latest {@code DateGreaterThan[Equals]} bound, the end the earliest
 * {@code DateLessThan[Equals]} bound ({@code Numeric*} bounds count on {@code aws:EpochTime}, as
 * epoch seconds). Values of one operator are ORed (the loosest counts); operators are ANDed (the
 * tightest counts). A window may be split across statements: a {@code Deny} with only a
 * {@code DateGreaterThan} bound ends every Allow of the policy, one with only a
 * {@code DateLessThan} bound starts them. Values that do not parse are left out (IAM403 reports
 * them); operators with a set qualifier are left out.
 */
public final class TimeWindows {

  private static final String CURRENT_TIME = "aws:currenttime";
  private static final String EPOCH_TIME = "aws:epochtime";

  private TimeWindows() {}

  /** One bound: the instant, the value that sets it, whether the instant itself is inside. */
  public record Bound(Instant at, Str value, boolean inclusive) {}

  /** A window; either bound may be null. */
  public record Window(Bound start, Bound end) {
    public static final Window NONE = new Window(null, null);

    public boolean hasAny() {
      return start != null || end != null;
    }

    public boolean closed() {
      return start != null && end != null;
    }

    /** Both bounds and the start is not before the end: the window is empty. */
    public boolean inverted() {
      return closed() && !start.at().isBefore(end.at());
    }

    public Window and(Window o) {
      return new Window(later(start, o.start), earlier(end, o.end));
    }
  }

  public static boolean isTimeKey(Str key) {
    if (key == null) return false;
    String k = key.text().trim().toLowerCase(Locale.ROOT);
    return k.equals(CURRENT_TIME) || k.equals(EPOCH_TIME);
  }

  public static boolean isEpochKey(Str key) {
    return key != null && key.text().trim().equalsIgnoreCase(EPOCH_TIME);
  }

  /**
   * True when a condition on a time key compares the time as text or as a number where it cannot:
   * a {@code String*} operator (including ones that do not exist, such as {@code StringLessThan})
   * on either key, or a {@code Numeric*} operator on {@code aws:CurrentTime}. {@code Numeric*} on
   * {@code aws:EpochTime} is valid (AWS documents it).
   */
  public static boolean comparedAsText(Condition c) {
    if (c.operator() == null || c.key() == null || !isTimeKey(c.key())) return false;
    String base = c.operator().base();
    return base.startsWith("String") || (base.startsWith("Numeric") && !isEpochKey(c.key()));
  }

  /** The window a statement's own conditions set. */
  public static Window of(Statement s) {
    Window w = Window.NONE;
    for (Condition c : s.conditions()) {
      if (c.operator() == null || c.key() == null || !isTimeKey(c.key())) continue;
      ConditionOperator op = c.operator();
      if (!op.known() || op.qualifier() != null) continue;
      boolean numeric = op.isNumeric() && isEpochKey(c.key());
      if (!op.isDate() && !numeric) continue;
      String rel = op.base().substring(op.isDate() ? 4 : 7);
      boolean greater = rel.startsWith("GreaterThan");
      boolean less = rel.startsWith("LessThan");
      if (!greater && !less) continue;
      boolean inclusive = rel.endsWith("Equals");
      Bound loosest = null;
      for (Str v : c.values().values()) {
        Optional<Instant> at = numeric ? epochNumber(v.text()) : PolicyDates.parse(v.text());
        if (at.isEmpty()) continue;
        Bound b = new Bound(at.get(), v, inclusive);
        loosest = greater ? earlier(loosest, b) : later(loosest, b);
      }
      if (loosest == null) continue;
      w = w.and(greater ? new Window(loosest, null) : new Window(null, loosest));
    }
    return w;
  }

  /**
   * The bounds Deny statements put on every Allow of the policy: a Deny with only a start bound
   * ({@code DateGreaterThan X}: denied after X) ends the Allows at X; one with only an end bound
   * ({@code DateLessThan X}: denied before X) starts them at X.
   */
  public static Window denyBounds(PolicyDocument policy) {
    Window w = Window.NONE;
    for (Statement s : policy.statements()) {
      if (!s.isDeny()) continue;
      Window d = of(s);
      if (d.start() != null && d.end() == null) {
        w = w.and(new Window(null, d.start()));
      } else if (d.end() != null && d.start() == null) {
        w = w.and(new Window(d.end(), null));
      }
    }
    return w;
  }

  /** The window of an Allow statement with the policy's Deny bounds; a Deny's own window. */
  public static Window effective(Statement s, Window denyBounds) {
    Window own = of(s);
    return s.isAllow() ? own.and(denyBounds) : own;
  }

  public static Optional<Instant> epochNumber(String text) {
    String t = text.trim();
    if (!Operators.isNumber(t)) return Optional.empty();
    try {
      BigDecimal d = new BigDecimal(t);
      long secs = d.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
      if (secs >= 1_000_000_000_000L) return Optional.empty(); // epoch milliseconds: IAM403's
      long nanos = d.subtract(BigDecimal.valueOf(secs)).movePointRight(9).longValue();
      return Optional.of(Instant.ofEpochSecond(secs, nanos));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Bound later(Bound a, Bound b) {
    if (a == null) return b;
    if (b == null) return a;
    return b.at().isAfter(a.at()) ? b : a;
  }

  private static Bound earlier(Bound a, Bound b) {
    if (a == null) return b;
    if (b == null) return a;
    return b.at().isBefore(a.at()) ? b : a;
  }
}
