package dev.iamlint.core.catalog;

import dev.iamlint.core.model.Wildcard;

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

  boolean matches(String text) {
    return Wildcard.matches(pattern, text);
  }
}
