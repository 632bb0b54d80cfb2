package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The same repository gives the same findings — path, position, rule, fingerprint and suppression
 * — whatever the entry point: the whole root, the CLI from a subdirectory, a directory argument,
 * file arguments (as the pre-commit hook passes them), each file on its own. Runs the CLI as a
 * separate process so that the working directory really differs.
 */
class EntryPointsTest {

  static final String NOW = "2026-11-24T12:00:00Z";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path repo;
  static Set<String> full;

  @BeforeAll
  static void copyExample() throws Exception {
    Path example = Path.of("..", "examples", "securecart").toAbsolutePath().normalize();
    repo = tmp.resolve("securecart");
    copy(example, repo);
    full = findings(cli(repo, "check"));
    assertTrue(full.size() > 5, "the example has findings: " + full);
    assertTrue(full.stream().anyMatch(f -> f.contains("suppressed")), "the example has a suppressed finding");
  }

  @Test
  void fromASubdirectoryWithoutPathsTheWholeRootIsChecked() throws Exception {
    assertEquals(full, findings(cli(repo.resolve("policies"), "check")));
  }

  @Test
  void aDirectoryArgumentIsATargetNotANewRoot() throws Exception {
    assertEquals(under(full, "policies/"), findings(cli(repo, "check", "policies")));
    // The suppression in the root's .iam-lint.yaml still applies to break-glass/.
    Set<String> breakGlass = findings(cli(repo, "check", "break-glass"));
    assertEquals(under(full, "break-glass/"), breakGlass);
    assertTrue(breakGlass.stream().allMatch(f -> f.contains("suppressed")), breakGlass.toString());
  }

  @Test
  void fileArgumentsFromAnyDirectoryGiveTheFullRunsFindingsForThoseFiles() throws Exception {
    assertEquals(under(full, "policies/legacy-ops.json"), findings(cli(repo.resolve("policies"), "check", "legacy-ops.json")));
    Set<String> staged = findings(cli(repo, "check", "permission-sets/assignments.json", "permission-sets/Product.json"));
    Set<String> expected = new TreeSet<>(under(full, "permission-sets/assignments.json"));
    expected.addAll(under(full, "permission-sets/Product.json"));
    assertEquals(expected, staged);
    assertTrue(staged.stream().anyMatch(f -> f.contains("IAM502")), "the CMP case mismatch is found with the repository as context");
    assertFalse(staged.stream().anyMatch(f -> f.contains("IAM508") || f.contains("IAM501")), staged.toString());
  }

  @Test
  void sarifUrisAreRelativeToTheRepositoryRoot() throws Exception {
    String sarif = cli(repo.resolve("policies"), "check", "legacy-ops.json", "-f", "sarif").out();
    JsonNode run = JSON.readTree(sarif).get("runs").get(0);
    assertEquals(repo.toUri().toString(), run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asString());
    for (JsonNode r : run.get("results")) {
      assertEquals("policies/legacy-ops.json",
          r.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asString());
    }
  }

  /** Every file of the example linted alone, in process: its findings are the full run's for it. */
  @Test
  void eachFileAloneGivesTheFullRunsFindingsForIt() throws Exception {
    Engine engine = new Engine(Engine.discoverRules(getClass().getClassLoader()));
    LintRequest base = LintRequest.of(repo).withNow(Instant.parse(NOW)).withThreads(1);
    Set<String> inProcessFull = keys(engine.run(base));
    assertEquals(full, inProcessFull, "CLI and engine agree on the whole root");
    List<Path> files;
    try (Stream<Path> s = Files.walk(repo)) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".iam-lint.yaml"))
          .filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
    }
    assertTrue(files.size() > 15, "files: " + files);
    for (Path f : files) {
      String rel = repo.relativize(f).toString().replace('\\', '/');
      assertEquals(under(full, rel), keys(engine.run(base.withPaths(List.of(f)))), rel);
    }
  }

  // --- helpers ---

  record Run(int code, String out, String err) {}

  /** The CLI in its own JVM, in {@code dir}, with the test class path. */
  static Run cli(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.iamlint.cli.Main"));
    cmd.addAll(List.of(args));
    boolean format = List.of(args).contains("-f");
    if (!format) cmd.addAll(List.of("-f", "json"));
    cmd.addAll(List.of("--now", NOW, "--no-color"));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI finished");
    Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    assertTrue(r.code() == 0 || r.code() == 1, "exit " + r.code() + ": " + r.err());
    return r;
  }

  static Set<String> findings(Run r) throws IOException {
    Set<String> out = new TreeSet<>();
    for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
      out.add(f.get("path").asString() + ":" + f.get("startLine").asInt() + ":" + f.get("startColumn").asInt() + " "
          + f.get("ruleId").asString() + " " + f.get("fingerprint").asString()
          + (f.has("suppression") && !f.get("suppression").isNull() ? " suppressed" : ""));
    }
    return out;
  }

  static Set<String> keys(LintResult r) {
    Set<String> out = new TreeSet<>();
    for (Finding f : r.findings()) {
      out.add(f.location().path() + ":" + f.location().span().startLine() + ":" + f.location().span().startColumn() + " "
          + f.ruleId() + " " + f.fingerprint() + (f.suppressed() ? " suppressed" : ""));
    }
    return out;
  }

  static Set<String> under(Set<String> all, String prefix) {
    Set<String> out = new TreeSet<>();
    for (String f : all) {
      String path = f.substring(0, f.indexOf(':'));
      if (prefix.endsWith("/") ? path.startsWith(prefix) : path.equals(prefix)) out.add(f);
    }
    return out;
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }
}
