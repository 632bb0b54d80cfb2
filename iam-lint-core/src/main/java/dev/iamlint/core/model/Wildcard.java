package dev.iamlint.core.model;

import java.util.Locale;

/**
 * IAM wildcard matching: {@code *} is any run of characters, {@code ?} one character. Actions
 * and condition keys compare case-insensitively; ARNs case-sensitively.
 */
public final class Wildcard {

  private Wildcard() {}

  /** Case-insensitive match, as for action names ({@code s3:Get*} matches {@code s3:getobject}). */
  public static boolean matchesIgnoreCase(String pattern, String text) {
    return matches(pattern.toLowerCase(Locale.ROOT), text.toLowerCase(Locale.ROOT));
  }

  /** Case-sensitive match; linear time (greedy with backtracking to the last star). */
  public static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') p++;
    return p == pattern.length();
  }
}
