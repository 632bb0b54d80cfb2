package dev.iamlint.core.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * Access level of an action, as the AWS Service Authorization Reference classifies it.
 *
 * <p>The source data writes some levels as "Permissions management, Write" and "Tagging, Write";
 * the first part is AWS's access level, and is what this enum keeps.
 */
public enum AccessLevel {
  LIST("List"),
  READ("Read"),
  WRITE("Write"),
  PERMISSIONS_MANAGEMENT("Permissions management"),
  TAGGING("Tagging");

  private final String label;

  AccessLevel(String label) {
    this.label = label;
  }

  /** The label AWS uses, e.g. {@code "Permissions management"}. */
  public String label() {
    return label;
  }

  /** True for the levels that change something: Write, Permissions management, Tagging. */
  public boolean modifies() {
    return this == WRITE || this == PERMISSIONS_MANAGEMENT || this == TAGGING;
  }

  /** Parses AWS's label or the enum name, case-insensitively ("permissions management", "PERMISSIONS_MANAGEMENT"). */
  public static Optional<AccessLevel> fromLabel(String text) {
    String t = text.trim().replace('_', ' ').toLowerCase(Locale.ROOT);
    for (AccessLevel level : values()) {
      if (level.label.toLowerCase(Locale.ROOT).equals(t)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
