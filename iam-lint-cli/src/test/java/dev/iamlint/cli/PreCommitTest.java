package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real pre-commit on a throw-away git repository made from {@code examples/securecart}: the hook
 * lints the staged files as targets with the whole repository as context. Staging a correct
 * permission set or the assignments file passes (before, workspace rules saw only the staged
 * files and reported IAM508/IAM501 errors that were not true); staging a broken one fails with
 * the right rule and line. Skipped, with a message, where pre-commit or git is not installed
 * ({@code .ci/run} installs the Debian package {@code pre-commit} when it can).
 */
class PreCommitTest {

  @TempDir static Path tmp;
  static Path repo;

  @BeforeAll
  static void repository() throws Exception {
    assumeTrue(onPath("git"), "git is not installed: pre-commit test skipped");
    assumeTrue(onPath("pre-commit"), "pre-commit is not installed (Debian package pre-commit; .ci/run installs it "
        + "when it can): pre-commit test skipped");
    repo = tmp.resolve("securecart");
    EntryPointsTest.copy(Path.of("..", "examples", "securecart").toAbsolutePath().normalize(), repo);
    // The hook as a repository that vendors iam-lint declares it (README), calling this build's classes.
    Path hook = repo.resolve("tools/iam-lint/iam-lint");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + System.getProperty("java.class.path")
        + "' dev.iamlint.cli.Main \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(repo.resolve(".pre-commit-config.yaml"), """
        repos:
          - repo: local
            hooks:
              - id: iam-lint
                name: iam-lint
                entry: tools/iam-lint/iam-lint check --no-color
                language: system
                files: '\\.(json|ya?ml|template)$'
                exclude: '^tools/iam-lint/'
                require_serial: true
        """, StandardCharsets.UTF_8);
    Files.move(repo.resolve("permission-sets/Support.json"), tmp.resolve("Support.json"));
    Files.move(repo.resolve("permission-sets/assignments.json"), tmp.resolve("assignments.json"));
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "SecureCart access, without two files");
  }

  @Test
  void stagingCorrectFilesPassesAndABrokenOneFailsAtItsLine() throws Exception {
    Files.move(tmp.resolve("Support.json"), repo.resolve("permission-sets/Support.json"));
    Files.move(tmp.resolve("assignments.json"), repo.resolve("permission-sets/assignments.json"));
    git("add", "permission-sets/Support.json", "permission-sets/assignments.json");
    Run ok = run(List.of("pre-commit", "run"));
    assertEquals(0, ok.code(), ok.out());
    assertTrue(ok.out().contains("iam-lint") && ok.out().contains("Passed"), ok.out());
    git("commit", "-q", "-m", "Support and assignments");

    String broken = Files.readString(repo.resolve("permission-sets/Support.json"), StandardCharsets.UTF_8)
        .replace("  \"ManagedPolicies\": [", "  \"CustomerManagedPolicies\": [\"SecureCart-NoSuchPolicy\"],\n  \"ManagedPolicies\": [");
    Files.writeString(repo.resolve("permission-sets/Support.json"), broken, StandardCharsets.UTF_8);
    git("add", "permission-sets/Support.json");
    Run bad = run(List.of("pre-commit", "run"));
    assertNotEquals(0, bad.code(), bad.out());
    assertTrue(bad.out().contains("permission-sets/Support.json:5:31: error IAM501"), bad.out());
    assertFalse(bad.out().contains("IAM508"), bad.out());
  }

  record Run(int code, String out) {}

  static void git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=iam-lint test", "-c", "user.email=test@example.com",
        "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Run r = run(cmd);
    assertEquals(0, r.code(), String.join(" ", cmd) + ": " + r.out());
  }

  static Run run(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PRE_COMMIT_HOME", tmp.resolve("pre-commit-home").toString());
    env.put("NO_COLOR", "1");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("HOME", tmp.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finished: " + cmd);
    return new Run(p.exitValue(), out);
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) return false;
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }
}
