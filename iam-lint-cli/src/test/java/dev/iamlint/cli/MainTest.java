package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.report.SarifSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

  static final String ADMIN = """
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
          }
        ]
      }
      """;

  static final String CLEAN = """
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "ReadReports",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::example-reports/*"
          }
        ]
      }
      """;

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  /** Runs the command line as {@code main} builds it, with captured output. */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aRunBuildsOnlyTheCommandItNamesAndHelpListsThemAll() {
    // every subcommand Main declares is one a run can name alone
    for (String name : new CommandLine(new Main()).getSubcommands().keySet()) {
      if (name.equals("help")) continue;
      CommandLine one = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
          new String[] {name, "x.json"});
      assertEquals(List.of(name), List.copyOf(one.getSubcommands().keySet()));
      assertEquals("iam-lint " + name, one.getSubcommands().get(name).getCommandSpec().qualifiedName());
    }
    Run help = run("--help");
    assertEquals(0, help.code(), help.err());
    for (String command : List.of("check", "rules", "explain", "explain-access", "help")) {
      assertTrue(help.out().contains("  " + command + " "), command + " in:\n" + help.out());
    }
    Run typo = run("chek");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("check"), typo.err());
  }

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void fullAdminPolicyFailsWithPositionedFinding() throws IOException {
    write("admin.json", ADMIN);
    Run r = run("check", "--no-color", dir.toString());
    assertEquals(1, r.code(), r.err());
    Matcher m = Pattern.compile("(?m)^admin\\.json:(\\d+):(\\d+): error IAM201\\b").matcher(r.out());
    assertTrue(m.find(), r.out());
    int line = Integer.parseInt(m.group(1));
    assertTrue(line >= 4 && line <= 7, "IAM201 should point into the statement, not line " + line);
    assertTrue(Integer.parseInt(m.group(2)) >= 1);
  }

  /**
   * The repository's manifests are parsed once and read from the cache after: a one-file run
   * (the pre-commit hook) with a warm cache reports what it reports without one; --no-cache
   * writes nothing.
   */
  @Test
  void cacheDirKeepsManifestTreesAndNoCacheWritesNothing(@TempDir Path caches) throws IOException {
    Path repo = dir.resolve("repo");
    write("repo/admin.json", ADMIN);
    write("repo/identity-center.yaml", """
        Resources:
          Admins:
            Type: AWS::SSO::PermissionSet
            Properties:
              InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
              Name: Admins
              SessionDuration: PT14H
              ManagedPolicies: [arn:aws:iam::aws:policy/AdministratorAccess]
        """);
    Path cache = caches.resolve("c");
    String target = repo.resolve("identity-center.yaml").toString();
    Run none = run("check", "--no-color", "--root", repo.toString(), "--no-cache", "--cache-dir", cache.toString(), target);
    assertFalse(Files.exists(cache), "--no-cache wins over --cache-dir");
    Run cold = run("check", "--no-color", "--root", repo.toString(), "--cache-dir", cache.toString(), target);
    long entries;
    try (var s = Files.walk(cache)) {
      entries = s.filter(p -> p.toString().endsWith(".tree")).count();
    }
    assertEquals(1, entries, "the permission set's template is context every run parses");
    Run warm = run("check", "--no-color", "--root", repo.toString(), "--cache-dir", cache.toString(), target);
    assertTrue(none.out().contains("IAM"), none.out());
    assertEquals(none, cold);
    assertEquals(none, warm);
    // --verbose says what the cache did, on standard error only.
    Run told = run("check", "--no-color", "--verbose", "--root", repo.toString(), "--cache-dir", cache.toString(), target);
    assertTrue(told.err().contains("iam-lint: parse cache " + cache.toAbsolutePath().normalize()) && told.err().contains(
        ": 1 tree read from it, 0 files parsed and kept"), told.err());
    Run off = run("check", "--no-color", "--verbose", "--root", repo.toString(), "--no-cache", target);
    assertTrue(off.err().contains("iam-lint: parse cache: off"), off.err());
  }

  @Test
  void cleanPolicyPasses() throws IOException {
    write("reports-read.json", CLEAN);
    Run r = run("check", "--no-color", dir.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertFalse(r.out().contains(": error "), r.out());
  }

  @Test
  void brokenJsonIsAFindingNotACrash() throws IOException {
    write("broken.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
    write("reports-read.json", CLEAN);
    Run r = run("check", "--no-color", dir.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(Pattern.compile("(?m)^broken\\.json:\\d+:\\d+: error IAM001\\b").matcher(r.out()).find(), r.out());
    assertEquals("", r.err());
  }

  @Test
  void failLevelNoneNeverFails() throws IOException {
    write("admin.json", ADMIN);
    Run r = run("check", "--no-color", "--fail-level", "none", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("IAM201"), r.out());
  }

  @Test
  void ruleOffDisablesIt() throws IOException {
    write("admin.json", ADMIN);
    Run r = run("check", "--no-color", "--rule", "IAM201=off", "--fail-level", "none", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("IAM201"), r.out());
  }

  @Test
  void explicitFileIsLintedRelativeToTheCurrentDirectory() throws IOException {
    Path f = write("nested/admin.json", ADMIN);
    Run r = run("check", "--no-color", f.toString(), dir.resolve("nested").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("IAM201"), r.out());
  }

  @Test
  void quietPrintsNothingWhenClean() throws IOException {
    write("reports-read.json", CLEAN);
    Run r = run("check", "--quiet", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
  }

  @Test
  void badFormatIsAUsageError() {
    Run r = run("check", "--format", "xml", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("iam-lint: error: "), r.err());
    assertTrue(r.err().contains("xml"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    assertEquals(2, run("check", "--fail-level", "fatal", dir.toString()).code());
    assertEquals(2, run("check", "--now", "yesterday", dir.toString()).code());
    assertEquals(2, run("check", "--rule", "IAM201=loud", dir.toString()).code());
    assertEquals(2, run("check", "--threads", "many", dir.toString()).code());
    assertEquals(2, run("check", "--no-such-option").code());
    assertEquals(2, run("no-such-command").code());
    assertEquals(2, run().code());
  }

  @Test
  void twoReportsOnStdoutIsAUsageError() {
    Run r = run("check", "-f", "json", "-f", "text", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("standard output"), r.err());
  }

  @Test
  void missingConfigFileIsAnError() throws IOException {
    write("reports-read.json", CLEAN);
    Run r = run("check", "--config", dir.resolve("nope.yaml").toString(), dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("iam-lint: error: "), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
  }

  @Test
  void missingPathIsAnError() {
    Run r = run("check", dir.resolve("missing.json").toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().startsWith("iam-lint: error: "), r.err());
  }

  @Test
  void rulesListsEveryRule() {
    Run r = run("rules");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("ID "), r.out());
    assertTrue(Pattern.compile("(?m)^IAM201 +\\S+ +error\\b").matcher(r.out()).find(), r.out());
    assertTrue(Pattern.compile("(?m)^IAM001 ").matcher(r.out()).find(), r.out());
  }

  @Test
  void explainPrintsTheDocPage() {
    Run r = run("explain", "IAM201");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("IAM201"), r.out());
    assertTrue(r.out().length() > 200, "a doc page, not a line: " + r.out());
  }

  @Test
  void explainUnknownRuleSuggests() {
    Run r = run("explain", "IAM20l");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown rule 'IAM20l'"), r.err());
    assertTrue(r.err().contains("did you mean"), r.err());
  }

  @Test
  void versionNamesToolAndCatalogue() {
    Run r = run("--version");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("iam-lint "), r.out());
    assertTrue(Pattern.compile("(?m)^IAM catalogue data \\d{4}-\\d{2}-\\d{2} \\(.+\\)$").matcher(r.out()).find(),
        r.out());
  }

  @Test
  void sarifToFileAndTextToStdout() throws IOException {
    write("admin.json", ADMIN);
    Path sarif = dir.resolve("build/reports/out.sarif");
    Run r = run("check", "--no-color", "-f", "sarif", "-o", sarif.toString(), "-f", "text",
        "--exclude", "build/**", dir.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(Files.isRegularFile(sarif), "parent directories are created");
    String json = Files.readString(sarif);
    SarifSchema.assertValid(json);
    assertTrue(json.contains("IAM201"));
    assertTrue(r.out().contains("admin.json:"), "text goes to stdout: " + r.out());
    assertFalse(r.out().contains("\"$schema\""), r.out());
  }

  @Test
  void plainCommandLineKeepsTheExitCodes() throws IOException {
    write("admin.json", ADMIN);
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(1, cl.execute("check", dir.toString()));
    assertEquals(2, cl.execute("check", "--format", "xml", dir.toString()));
    assertEquals(2, cl.execute("check", "--config", dir.resolve("nope.yaml").toString(), dir.toString()));
  }
}
