package dev.iamlint.core.report;

import dev.iamlint.core.config.FailLevel;
import static dev.iamlint.core.report.ReporterTest.render;
import static dev.iamlint.core.report.ReporterTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.Level;
import dev.iamlint.core.engine.LintResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReporterTest {

  @Test
  void plainTextHasNoEscapesAndHidesSuppressedFindings() {
    String text = render(new TextReporter(false), sample());
    assertFalse(text.contains("\u001b"));
    assertFalse(text.contains("Resource is empty"));
    assertTrue(text.contains("policies/admin policy.json:4:17: error IAM201 full-admin-grant: "
        + "allows every action on every resource\n    scps/deny.json:3:5: related: no SCP statement denies it\n"));
    assertTrue(text.endsWith("1 error, 1 warning, 1 note in 2 files (1 suppressed); 5 files checked\n"
        + "1 note not shown; run with --verbose to list them\n"), text);
    assertTrue(text.contains("iam-lint: warning: .iam-lint.yaml: suppression of IAM104 expired on 2025-01-01\n"));
  }

  @Test
  void notesAreCountedButNotListedByDefault() {
    String text = render(new TextReporter(false), sample());
    assertFalse(text.contains("Condition is empty"), text);
    assertFalse(text.contains("scps/deny.json:5:20"), text);
    assertEquals(render(ReportFormat.TEXT.reporter(false, "x"), sample()), text);
  }

  @Test
  void showNotesListsThemAndDropsTheHint() {
    String text = render(new TextReporter(false, true), sample());
    assertTrue(text.contains("\n\nscps/deny.json:5:20: note IAM007 empty-element: Condition is empty\n"), text);
    assertTrue(text.endsWith("1 error, 1 warning, 1 note in 2 files (1 suppressed); 5 files checked\n"), text);
    assertEquals(render(ReportFormat.TEXT.reporter(false, true, "x"), sample()), text);
  }

  @Test
  void onlyNotesStillSaysWhereTheyAre() {
    LintResult base = sample();
    LintResult notes = new LintResult(base.root(), base.rules(),
        base.findings().stream().filter(f -> f.level() == Level.NOTE).toList(), List.of(), 1, 1, FailLevel.ERROR,
        base.now(), null, 0, null);
    assertEquals("0 errors, 0 warnings, 1 note in 1 file (1 suppressed); 1 file checked\n"
        + "1 note not shown; run with --verbose to list them\n", render(new TextReporter(false), notes));
  }

  @Test
  void colourOnlyWhenAsked() {
    String text = render(new TextReporter(true), sample());
    assertTrue(text.contains("\u001b[1;31merror\u001b[0m"));
    assertEquals(render(new TextReporter(false), sample()), text.replaceAll("\u001b\\[[0-9;]*m", ""));
  }

  @Test
  void noProblems() {
    LintResult base = sample();
    LintResult clean = new LintResult(base.root(), base.rules(),
        base.findings().stream().filter(f -> f.suppressed()).toList(), List.of(), 1, 1, FailLevel.ERROR, base.now(),
        null, 0, null);
    assertEquals("no problems found (1 suppressed); 1 file checked\n", render(new TextReporter(false), clean));
  }
}
