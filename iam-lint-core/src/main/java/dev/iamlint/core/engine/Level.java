package dev.iamlint.core.engine;

import java.util.Locale;

/** Finding levels, as in SARIF; {@link #NONE} only as a fail level ("never fail"). */
public enum Level {
  NONE, NOTE, WARNING, ERROR;

  /** The SARIF / config spelling. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Level other) {
    return compareTo(other) >= 0;
  }

  /** Parses {@code error|warning|note|none}, case-insensitively. */
  public static Level parse(String text) {
    for (Level l : values()) {
      if (l.id().equalsIgnoreCase(text.trim())) return l;
    }
    throw new IllegalArgumentException("unknown level '" + text + "' (expected error, warning, note or none)");
  }
}
