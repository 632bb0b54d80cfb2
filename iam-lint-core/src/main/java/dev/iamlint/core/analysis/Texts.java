package dev.iamlint.core.analysis;

import java.util.List;

/** Small text facts and helpers shared by the rules. */
public final class Texts {

  private Texts() {}

  /** True when the text holds an IAM wildcard ({@code *} or {@code ?}). */
  public static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  /** A template substitution or policy variable ({@code ${...}}, {@code {{...}}}). */
  private static final java.util.regex.Pattern SUBSTITUTION = java.util.regex.Pattern.compile("\\$\\{[^}]*}|\\{\\{.*?}}");

  /**
   * {@link #hasWildcard} outside substitutions: a template's {@code ${Param}} or {@code {{ x }}}
   * stands for a value, and the policy variables {@code ${*}} and {@code ${?}} are literal.
   */
  public static boolean hasWildcardOutsideSubstitutions(String s) {
    return hasWildcard(SUBSTITUTION.matcher(s).replaceAll(""));
  }

  /**
   * True when the text still holds a substitution, so its final value is unknown here.
   *
   * @deprecated the decision is {@link Templates#isTemplated}; this delegate stays until the
   *     IAM5xx/IAM6xx rules call it directly.
   */
  @Deprecated
  public static boolean isTemplated(String s) {
    return Templates.isTemplated(s);
  }

  /** "a, b, c" of at most {@code max} items, then "and N more" for the rest, in iteration order. */
  public static String andMore(java.util.Collection<String> items, int max) {
    List<String> l = new java.util.ArrayList<>(items);
    if (l.size() <= max) return String.join(", ", l);
    return String.join(", ", l.subList(0, max)) + " and " + (l.size() - max) + " more";
  }

  /** "a", "a or b", "a, b or c" of at most {@code max} names. */
  public static String orList(List<String> names, int max) {
    List<String> shown = names.size() > max ? names.subList(0, max) : names;
    if (shown.size() == 1) return shown.get(0);
    return String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.get(shown.size() - 1);
  }

  /**
   * A count with thousands separated by commas, whatever the default locale: "7", "1,234",
   * "22,000" (what {@code String.format(Locale.ROOT, "%,d", n)} gives, without a Formatter, which
   * is slow to set up and sits on the path of every finding that counts).
   */
  public static String count(long n) {
    String digits = Long.toString(n);
    if (n < 0) digits = digits.substring(1);
    StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3 + 1);
    if (n < 0) sb.append('-');
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    sb.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) sb.append(',').append(digits, i, i + 3);
    return sb.toString();
  }
}
