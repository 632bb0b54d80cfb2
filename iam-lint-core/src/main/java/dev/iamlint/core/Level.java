package dev.iamlint.core;

import java.util.Locale;

/** The level of a finding, as in SARIF. "Off" and "never fail" are not levels (see RuleSetting, FailLevel). */
public enum Level {
  NOTE, WARNING, ERROR;

  /** The SARIF / config spelling. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Level other) {
    return compareTo(other) >= 0;
  }

  /** Parses {@code error|warning|note}, case-insensitively. */
  public static Level parse(String text) {
    for (Level l : values()) {
      if (l.id().equalsIgnoreCase(text.trim())) return l;
    }
    throw new IllegalArgumentException("unknown level '" + text + "' (expected error, warning or note)");
  }
}
