package dev.iamlint.core.report;

import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.Level;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Location;
import dev.iamlint.core.engine.Notification;
import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The human-readable report: one {@code path:line:col: level ID name: message} line per
 * unsuppressed finding (the shape compilers use, so terminals and editors make it a link), sorted
 * by file with a blank line between files, related locations indented below, then the tool's own
 * notifications and a one-line summary. Suppressed findings are only counted; so are notes unless
 * asked for (they are hints, and a long list of them hides the errors that fail the build), with
 * a line that says how many were left out and how to see them.
 */
public final class TextReporter implements Reporter {

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";
  private static final String GREEN = "\u001b[32m";

  private final boolean color;
  private final boolean showNotes;

  /** A report that lists errors and warnings and counts notes. */
  public TextReporter(boolean color) {
    this(color, false);
  }

  /**
   * @param color ANSI colours
   * @param showNotes list findings of level note too (the CLI's {@code --verbose})
   */
  public TextReporter(boolean color, boolean showNotes) {
    this.color = color;
    this.showNotes = showNotes;
  }

  @Override
  public void write(LintResult result, Writer out) throws IOException {
    String previousPath = null;
    Set<String> filesWithFindings = new HashSet<>();
    long hiddenNotes = 0;
    for (Finding f : JsonReporter.sorted(result.findings())) {
      if (f.suppressed()) continue;
      String path = f.location().path();
      filesWithFindings.add(path);
      if (f.level() == Level.NOTE && !showNotes) {
        hiddenNotes++;
        continue;
      }
      if (!path.equals(previousPath)) {
        if (previousPath != null) out.write('\n');
        previousPath = path;
      }
      out.write(paint(BOLD, position(f.location())) + ": " + paint(levelColor(f.level()), f.level().id()) + " "
          + paint(DIM, f.ruleName() == null ? f.ruleId() : f.ruleId() + " " + f.ruleName()) + ": "
          + indentContinuation(f.message()) + "\n");
      for (Finding.RelatedLocation r : f.related()) {
        String text = "    " + position(r.location()) + ": related"
            + (r.message() == null || r.message().isEmpty() ? "" : ": " + indentContinuation(r.message()));
        out.write(paint(DIM, text) + "\n");
      }
    }

    // Notes about the run (a skipped file that is not ours, a rule not implemented) are verbose lines.
    List<Notification> notifications = result.notifications().stream()
        .filter(n -> showNotes || n.level() != Level.NOTE).toList();
    if (!notifications.isEmpty()) {
      if (previousPath != null) out.write('\n');
      for (Notification n : notifications) {
        out.write("iam-lint: " + paint(levelColor(n.level()), n.level().id()) + ": "
            + (n.path() == null || n.path().isEmpty() ? "" : n.path() + ": ") + indentContinuation(n.message()) + "\n");
      }
    }
    if (previousPath != null || !notifications.isEmpty()) out.write('\n');
    out.write(summary(result, filesWithFindings.size()) + "\n");
    if (hiddenNotes > 0) {
      out.write(paint(DIM, plural(hiddenNotes, "note") + " not shown; run with --verbose to list them") + "\n");
    }
    out.flush();
  }

  private String summary(LintResult result, int filesWithFindings) {
    long errors = result.count(Level.ERROR);
    long warnings = result.count(Level.WARNING);
    long notes = result.count(Level.NOTE);
    long suppressed = result.suppressedCount();
    String suppressedText = suppressed == 0 ? "" : " (" + suppressed + " suppressed)";
    String checked = "; " + plural(result.filesScanned(), "file") + " checked";
    if (errors + warnings + notes == 0) {
      return paint(GREEN, "no problems found") + suppressedText + checked;
    }
    String counts = plural(errors, "error") + ", " + plural(warnings, "warning") + ", " + plural(notes, "note");
    String colour = errors > 0 ? RED : warnings > 0 ? YELLOW : CYAN;
    return paint(colour, counts) + " in " + plural(filesWithFindings, "file") + suppressedText + checked;
  }

  private static String position(Location loc) {
    return loc.path() + ":" + loc.span().startLine() + ":" + loc.span().startColumn();
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Keeps a multi-line message from looking like the start of another finding. */
  private static String indentContinuation(String s) {
    return s.replace("\r\n", "\n").replace("\n", "\n    ");
  }

  private static String levelColor(Level level) {
    return switch (level) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case NOTE -> CYAN;
    };
  }

  private String paint(String ansi, String text) {
    return color ? ansi + text + RESET : text;
  }
}
