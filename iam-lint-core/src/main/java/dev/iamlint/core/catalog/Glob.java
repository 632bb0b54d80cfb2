package dev.iamlint.core.catalog;

/**
 * IAM-style wildcard matching: {@code *} is any run of characters, {@code ?} exactly one. Callers
 * lower-case both sides first, since action names and condition keys are case-insensitive.
 */
final class Glob {
  private final String pattern;

  private Glob(String pattern) {
    this.pattern = pattern;
  }

  static Glob compile(String pattern) {
    return new Glob(pattern);
  }

  static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  /** Linear-time in practice: backtracks only to the last star, which is enough for {@code *}/{@code ?} globs. */
  boolean matches(String text) {
    String p = pattern;
    int pi = 0;
    int ti = 0;
    int star = -1;
    int mark = 0;
    while (ti < text.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == text.charAt(ti))) {
        pi++;
        ti++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = ti;
      } else if (star >= 0) {
        pi = star + 1;
        ti = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
