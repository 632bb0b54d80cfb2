package dev.iamlint.core.config;

import dev.iamlint.core.Level;
import java.util.Locale;

/** The lowest finding level that fails a run, or {@link #NONE}: never fail. */
public enum FailLevel {
  NONE(null), NOTE(Level.NOTE), WARNING(Level.WARNING), ERROR(Level.ERROR);

  private final Level level;

  FailLevel(Level level) {
    this.level = level;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when a finding at this level fails the run. */
  public boolean fails(Level findingLevel) {
    return level != null && findingLevel.atLeast(level);
  }

  /** Parses {@code error|warning|note|none}, case-insensitively. */
  public static FailLevel parse(String text) {
    for (FailLevel l : values()) {
      if (l.id().equalsIgnoreCase(text.trim())) return l;
    }
    throw new IllegalArgumentException("unknown level '" + text + "' (expected error, warning, note or none)");
  }
}
