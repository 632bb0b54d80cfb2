package dev.iamlint.core.report;

import java.util.Locale;

/** The output formats, and their reporters. */
public enum ReportFormat {
  TEXT, JSON, SARIF, GITHUB;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReportFormat parse(String s) {
    for (ReportFormat f : values()) {
      if (f.id().equalsIgnoreCase(s.trim())) return f;
    }
    throw new IllegalArgumentException("unknown format '" + s + "' (expected text, json, sarif or github)");
  }

  /**
   * The reporter for this format.
   *
   * @param color ANSI colours (text format only)
   * @param toolVersion the iam-lint version for SARIF and JSON
   */
  public Reporter reporter(boolean color, String toolVersion) {
    return switch (this) {
      case TEXT -> new TextReporter(color);
      case JSON -> new JsonReporter(toolVersion);
      case SARIF -> new SarifReporter(toolVersion);
      case GITHUB -> new GithubReporter();
    };
  }

  /** The usual file name of this format's report (Maven outputDirectory). */
  public String defaultFileName() {
    return switch (this) {
      case TEXT -> "iam-lint.txt";
      case JSON -> "iam-lint.json";
      case SARIF -> "iam-lint.sarif";
      case GITHUB -> "iam-lint-github.txt";
    };
  }
}
