package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iamlint.core.report.SarifSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iam-lint check ../shared/corpus -f sarif -o x.sarif}: the real corpus, through the CLI,
 * gives SARIF valid against the official 2.1.0 schema, exit code 1 (it holds one invalid SCP)
 * and no stack trace. The Multitool's GitHub rules run on the same output in {@code .ci/run}.
 */
class CorpusSarifTest {

  @TempDir Path out;

  @Test
  void corpusSarifIsValid() throws Exception {
    Path corpus = Path.of(System.getProperty("iamlint.corpus", "../../shared/corpus"));
    assumeTrue(Files.isDirectory(corpus), "corpus not found at " + corpus.toAbsolutePath() + "; test skipped");
    Path sarif = out.resolve("x.sarif");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int rc = Main.commandLine(new PrintWriter(stdout), new PrintWriter(stderr))
        .execute("check", corpus.toString(), "--format", "sarif", "--output", sarif.toString(), "--now", "2026-11-24");
    assertEquals(1, rc, "the corpus has one invalid SCP, so findings at error level: " + stderr);
    assertTrue(!stderr.toString().contains("\tat "), "no stack trace: " + stderr);
    String json = Files.readString(sarif, StandardCharsets.UTF_8);
    SarifSchema.assertValid(json);
    assertTrue(java.util.regex.Pattern.compile("\"ruleId\"\\s*:\\s*\"IAM001\"").matcher(json).find(), "the invalid SCP is reported");
  }
}
