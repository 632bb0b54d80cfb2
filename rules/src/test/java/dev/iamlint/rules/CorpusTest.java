package dev.iamlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Notification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule over the real-world corpus ({@code ../shared/corpus}, files nobody here wrote).
 * Snapshots every finding (path, line, column, level, rule, message) in
 * {@code src/test/resources/corpus-findings.txt}, cfn-lint style: every change in behaviour shows
 * up as a diff of that file in review. Refresh it with {@code -Diamlint.updateCorpus=true} and review the diff.
 */
class CorpusTest {

  private static final Path PINNED = Path.of("src", "test", "resources", "corpus-findings.txt");
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static Path corpus;
  private static LintResult result;

  @BeforeAll
  static void lint() {
    String dir = System.getProperty("iamlint.corpus", "../../shared/corpus");
    corpus = Path.of(dir);
    assumeTrue(Files.isDirectory(corpus), "corpus not found at " + corpus.toAbsolutePath()
        + " (set -Diamlint.corpus); real-corpus tests skipped");
    result = new Engine(Engine.discoverRules(CorpusTest.class.getClassLoader()))
        .run(LintRequest.of(corpus).withNow(NOW));
  }

  @Test
  void noRuleFailsAndNothingIsSkippedSilently() {
    List<String> errors = new ArrayList<>();
    for (Notification n : result.notifications()) {
      if (n.message().contains("failed") || n.message().contains("internal error")) errors.add(n.message());
    }
    assertEquals(List.of(), errors, "rules must not throw on real input");
  }

  /**
   * The streamed run (each file's tree dropped after its check, only what workspace rules read
   * kept) gives exactly what the run holding every document gives: the whole corpus, and each of
   * its folders as the only target with the rest as context.
   */
  @Test
  void streamedRunEqualsInMemoryRun() {
    Engine engine = new Engine(Engine.discoverRules(CorpusTest.class.getClassLoader()));
    LintRequest whole = LintRequest.of(corpus).withNow(NOW);
    assertEquals(render(result), render(engine.retainingAll().run(whole)), "whole corpus");
    for (String folder : List.of("lza", "cfct", "permission-sets", "scp-pipelines", "org-formation")) {
      LintRequest one = whole.withPaths(List.of(corpus.resolve(folder)));
      assertEquals(render(engine.retainingAll().run(one)), render(engine.run(one)), folder);
    }
  }

  /**
   * The parse cache changes nothing but time: a run that fills it, a run that reads it (the whole
   * corpus, and one file with the corpus as context, the pre-commit case) and a run over damaged
   * entries give exactly what the run without a cache gives.
   */
  @Test
  void cachedRunsEqualTheRunWithoutCache(@org.junit.jupiter.api.io.TempDir Path cache) throws IOException {
    Engine engine = new Engine(Engine.discoverRules(CorpusTest.class.getClassLoader()));
    LintRequest whole = LintRequest.of(corpus).withNow(NOW).withCacheDir(cache);
    assertEquals(render(result), render(engine.run(whole)), "cold cache");
    List<Path> entries;
    try (java.util.stream.Stream<Path> s = Files.walk(cache)) {
      entries = s.filter(p -> p.toString().endsWith(".tree")).toList();
    }
    assertTrue(entries.size() > 20, "the corpus's manifests are cached: " + entries.size());
    assertEquals(render(result), render(engine.run(whole)), "warm cache");
    Path oneFile = corpus.resolve("lza/lza-sample-config/iam-config.yaml");
    if (!Files.exists(oneFile)) oneFile = corpus.resolve("lza");
    LintRequest one = LintRequest.of(corpus).withNow(NOW).withPaths(List.of(oneFile));
    assertEquals(render(engine.run(one)), render(engine.run(one.withCacheDir(cache))), "one target, warm cache");
    for (Path e : entries) Files.write(e, new byte[] {'I', 'A', 'M', 'T', 0, 0, 0, 1, 9, 9, 9, 9});
    assertEquals(render(result), render(engine.run(whole)), "damaged entries");
  }

  /**
   * A declared organization-level rule (customRules: organization:) reads permission sets, their
   * policies, assignments, SCPs and RCPs from the workspace: the streamed run keeps all of them
   * ({@code Workspace.reads}), so it reports what the run holding every document reports.
   */
  @Test
  void declaredOrganizationRuleStreamedEqualsInMemoryRun(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Path config = tmp.resolve("org-rule.iam-lint.yaml");
    Files.writeString(config, """
        customRules:
          - id: CORPUS001
            name: corpus-organization-rule
            level: error
            message: no permission set may do this
            organization:
              actions: [iam:CreateUser, iam:CreateAccessKey, s3:DeleteBucket, organizations:LeaveOrganization, kms:ScheduleKeyDeletion]
              organizationalUnits: [Root]
        """);
    Engine engine = new Engine(List.of());
    LintRequest request = LintRequest.of(corpus).withNow(NOW).withConfigFile(config);
    LintResult streamed = engine.run(request);
    assertTrue(streamed.findings().stream().anyMatch(f -> f.ruleId().equals("CORPUS001")),
        "the corpus has permission sets that the rule reports: " + render(streamed));
    assertEquals(render(engine.retainingAll().run(request)), render(streamed));
  }

  private static List<String> render(LintResult r) {
    List<String> out = new ArrayList<>();
    out.add(r.filesScanned() + " files, " + r.documentsChecked() + " documents");
    for (Finding f : r.findings()) out.add(f.toString());
    for (Notification n : r.notifications()) out.add(n.toString());
    return out;
  }

  @Test
  void findingsAreSnapshotted() throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    for (Finding f : result.findings()) {
      counts.merge(f.ruleId() + " " + f.level().id(), 1, Integer::sum);
      lines.add(f.location().path() + ":" + f.location().span().startLine() + ":" + f.location().span().startColumn()
          + " " + f.level().id() + " " + f.ruleId() + " " + f.message().replace('\n', ' '));
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# Findings of every rule on ../shared/corpus (").append(result.filesScanned()).append(" files, ")
        .append(result.documentsChecked()).append(" documents). Generated by CorpusTest; review diffs.\n");
    sb.append("# Update: ./mvnw -pl rules -am test -Dtest=CorpusTest -Dsurefire.failIfNoSpecifiedTests=false -Diamlint.updateCorpus=true\n");
    sb.append("# Counts by rule and level\n");
    counts.forEach((k, v) -> sb.append("# ").append(k).append(' ').append(v).append('\n'));
    lines.forEach(l -> sb.append(l).append('\n'));
    String actual = sb.toString();
    if (Boolean.getBoolean("iamlint.updateCorpus")) {
      Files.writeString(PINNED, actual, StandardCharsets.UTF_8);
    }
    String expected = Files.exists(PINNED) ? Files.readString(PINNED, StandardCharsets.UTF_8) : "";
    if (!expected.equals(actual)) {
      // Show the first differing lines, not two 700 KB strings.
      List<String> e = expected.lines().toList();
      List<String> a = actual.lines().toList();
      List<String> missing = e.stream().filter(x -> !a.contains(x)).limit(20).toList();
      List<String> added = a.stream().filter(x -> !e.contains(x)).limit(20).toList();
      throw new AssertionError("findings on the corpus changed; if intended, run with -Diamlint.updateCorpus=true and review the diff\n"
          + "gone:\n  " + String.join("\n  ", missing) + "\nnew:\n  " + String.join("\n  ", added));
    }
  }
}
