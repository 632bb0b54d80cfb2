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
   * The reporter for this format; the text report counts notes without listing them.
   *
   * @param color ANSI colours (text format only)
   * @param toolVersion the iam-lint version for SARIF and JSON
   */
  public Reporter reporter(boolean color, String toolVersion) {
    return reporter(color, false, toolVersion);
  }

  /**
   * The reporter for this format.
   *
   * @param color ANSI colours (text format only)
   * @param showNotes list findings of level note one by one (text format only; the other formats
   *     always carry every finding)
   * @param toolVersion the iam-lint version for SARIF and JSON
   */
  public Reporter reporter(boolean color, boolean showNotes, String toolVersion) {
    return switch (this) {
      case TEXT -> new TextReporter(color, showNotes);
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
