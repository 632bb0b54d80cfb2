package dev.iamlint.core.engine;

import dev.iamlint.core.Level;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A problem of the run itself rather than of the linted content: an unreadable directory, an
 * expired suppression, a rule that failed. Reported in SARIF as a tool execution notification.
 * An error-level notification means the run's verdict is incomplete (SARIF
 * {@code executionSuccessful: false}, CLI exit code 2, a Maven build error).
 *
 * @param level error, warning or note
 * @param message one line, no stack trace
 * @param path the file concerned (relative to the root), or null
 * @param failure the exception of a rule that threw, or null
 */
public record Notification(Level level, String message, String path, RuleFailure failure) {

  public Notification(Level level, String message, String path) {
    this(level, message, path, null);
  }

  /**
   * A rule that threw: the run goes on with the other rules, but fails.
   *
   * @param ruleId the rule's id
   * @param exception the exception's class and message, one line
   * @param stackTrace the full stack trace, for {@code --verbose}
   */
  public record RuleFailure(String ruleId, String exception, String stackTrace) {

    public static RuleFailure of(String ruleId, Throwable e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      String m = e.getMessage();
      String text = e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.strip().lines().findFirst().orElse(""));
      return new RuleFailure(ruleId, text, trace.toString());
    }
  }
}
