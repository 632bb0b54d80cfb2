package dev.iamlint.core.model;

/**
 * IAM wildcard matching: {@code *} is any run of characters, {@code ?} one character. Actions
 * and condition keys compare case-insensitively; ARNs case-sensitively.
 */
public final class Wildcard {

  private Wildcard() {}

  /** Case-insensitive match, as for action names ({@code s3:Get*} matches {@code s3:getobject}). */
  public static boolean matchesIgnoreCase(String pattern, String text) {
    return match(pattern, text, true);
  }

  /** Case-sensitive match; linear time (greedy with backtracking to the last star). */
  public static boolean matches(String pattern, String text) {
    return match(pattern, text, false);
  }

  // Rules call this for every pattern against every catalogued action of a statement (thousands
  // of times for policies like ReadOnlyAccess), so it compares in place and allocates nothing.
  private static boolean match(String pattern, String text, boolean ignoreCase) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    int pn = pattern.length();
    int tn = text.length();
    while (t < tn) {
      char pc = p < pn ? pattern.charAt(p) : 0;
      if (p < pn && pc != '*' && (pc == '?' || same(pc, text.charAt(t), ignoreCase))) {
        p++;
        t++;
      } else if (p < pn && pc == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pn && pattern.charAt(p) == '*') p++;
    return p == pn;
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    if (a == b) return true;
    if (!ignoreCase) return false;
    if (a < 128 && b < 128) {
      return (a | 0x20) == (b | 0x20) && (a | 0x20) >= 'a' && (a | 0x20) <= 'z';
    }
    return Character.toLowerCase(a) == Character.toLowerCase(b) || Character.toUpperCase(a) == Character.toUpperCase(b);
  }
}
