package dev.iamlint.core.report;

import static dev.iamlint.core.report.ReporterTest.render;
import static dev.iamlint.core.report.ReporterTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GithubReporterTest {

  @Test
  void oneCommandPerUnsuppressedFindingThenNotifications() {
    List<String> lines = render(new GithubReporter(), sample()).lines().toList();
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("::error file=policies/admin policy.json,line=4,col=17,endLine=4,endColumn=20,"
        + "title=IAM201 full-admin-grant::"));
    assertTrue(lines.get(1).startsWith("::warning "));
    assertTrue(lines.get(2).startsWith("::notice "));
    assertFalse(String.join("\n", lines).contains("Resource is empty"), "suppressed findings are not annotated");
    assertEquals("::warning file=.iam-lint.yaml,title=iam-lint::suppression of IAM104 expired on 2025-01-01",
        lines.get(3));
  }

  @Test
  void columnsOnlyForSingleLineRegions() {
    String line = render(new GithubReporter(), sample()).lines().toList().get(1);
    assertTrue(line.startsWith("::warning file=policies/admin policy.json,line=12,endLine=14,title="), line);
  }

  @Test
  void escapesAsTheActionsRunnerDoes() {
    assertEquals("100%25 a%0D%0Ab: c, d", GithubReporter.escapeData("100% a\r\nb: c, d"));
    assertEquals("a%3Ab%2Cc%25%0A", GithubReporter.escapeProperty("a:b,c%\n"));
    String line = render(new GithubReporter(), sample()).lines().toList().get(1);
    assertTrue(line.endsWith("::Bool aws:MultiFactorAuthPresent = \"true\", 100%25 never matches for SSO sessions"),
        line);
  }
}
