package dev.iamlint.core.report;

import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.Level;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Notification;
import dev.iamlint.core.source.Span;
import java.io.IOException;
import java.io.Writer;

/**
 * GitHub Actions workflow commands ({@code ::error file=...::message}), which the runner turns into
 * annotations on the pull request. One command per unsuppressed finding, then one per tool
 * notification; nothing else, so the output can go straight to the job log.
 *
 * <p>Escaping follows the Actions runner ({@code @actions/core} {@code escapeData} and
 * {@code escapeProperty}).
 */
public final class GithubReporter implements Reporter {

  @Override
  public void write(LintResult result, Writer out) throws IOException {
    for (Finding f : JsonReporter.sorted(result.findings())) {
      if (f.suppressed()) continue;
      Span s = f.location().span();
      StringBuilder props = new StringBuilder();
      props.append("file=").append(escapeProperty(f.location().path()));
      props.append(",line=").append(s.startLine());
      // GitHub accepts columns only for a single-line annotation.
      if (s.startLine() == s.endLine()) {
        props.append(",col=").append(s.startColumn());
        props.append(",endLine=").append(s.endLine());
        props.append(",endColumn=").append(s.endColumn());
      } else {
        props.append(",endLine=").append(s.endLine());
      }
      String title = f.ruleName() == null ? f.ruleId() : f.ruleId() + " " + f.ruleName();
      props.append(",title=").append(escapeProperty(title));
      command(out, f.level(), props.toString(), f.message());
    }
    for (Notification n : result.notifications()) {
      StringBuilder props = new StringBuilder();
      if (n.path() != null && !n.path().isEmpty()) props.append("file=").append(escapeProperty(n.path())).append(',');
      props.append("title=iam-lint");
      command(out, n.level(), props.toString(), n.message());
    }
    out.flush();
  }

  private static void command(Writer out, Level level, String props, String message) throws IOException {
    out.write("::" + command(level) + " " + props + "::" + escapeData(message) + "\n");
  }

  static String command(Level level) {
    return switch (level) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "notice";
    };
  }

  /** The message part: only '%', CR and LF would break the command. */
  static String escapeData(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value: also ':' and ',', which separate properties and the message. */
  static String escapeProperty(String s) {
    return escapeData(s).replace(":", "%3A").replace(",", "%2C");
  }
}
