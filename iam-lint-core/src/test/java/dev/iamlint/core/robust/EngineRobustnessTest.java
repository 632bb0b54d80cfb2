package dev.iamlint.core.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Notification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs over hostile trees: the engine completes, reports problems as findings, never throws. */
class EngineRobustnessTest {

  private static final Duration GUARD = Duration.ofSeconds(20);

  @TempDir Path root;
  @TempDir Path outside;

  private LintResult run(Engine engine) {
    return assertTimeoutPreemptively(GUARD, () -> engine.run(LintRequest.of(root)));
  }

  private static Engine withProblemRule() {
    return new Engine(List.of(new LoadProblemRule()));
  }

  /** A symbolic link, or the test is skipped where the file system or the user cannot make one. */
  private static void link(Path link, Path target) {
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException | SecurityException e) {
      Assumptions.abort("no symbolic links here: " + e);
    }
  }

  private void write(String rel, String text) throws IOException {
    write(rel, text.getBytes(StandardCharsets.UTF_8));
  }

  private void write(String rel, byte[] bytes) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }

  private static void assertNoInternalErrors(LintResult r) {
    for (Notification n : r.notifications()) {
      assertFalse(n.message().contains("internal error") || n.message().contains("failed"), "unexpected notification: " + n);
    }
  }

  private static Finding findingIn(LintResult r, String path) {
    return r.findings().stream().filter(f -> f.location().path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no finding in " + path + "; findings: " + r.findings()));
  }

  @Test
  void brokenFilesBecomeFindingsWithPositions() throws IOException {
    write("policies/truncated.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
    write("policies/tab.yaml", "Version: '2012-10-17'\nStatement:\n\t- Effect: Allow\n");
    write("policies/empty.json", "");
    write("policies/binary.json", new byte[] {'{', 0, 1, 2, 3});
    write("policies/latin1.json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'});
    write("policies/deep.json", "[".repeat(10_000) + "]".repeat(10_000));
    write("policies/null.json", "null");
    write("policies/array.yaml", "[]");
    write("policies/number.json", "42");
    write("policies/good.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");

    LintResult noRules = run(new Engine(List.of()));
    assertEquals(10, noRules.filesScanned());
    assertNoInternalErrors(noRules);

    LintResult r = run(withProblemRule());
    assertEquals(10, r.filesScanned());
    assertNoInternalErrors(r);
    assertEquals(4, findingIn(r, "policies/truncated.json").location().span().startLine());
    assertEquals(3, findingIn(r, "policies/tab.yaml").location().span().startLine());
    assertEquals(1, findingIn(r, "policies/empty.json").location().span().startLine());
    assertEquals(2, findingIn(r, "policies/binary.json").location().span().startColumn());
    assertEquals(7, findingIn(r, "policies/latin1.json").location().span().startColumn());
    assertTrue(findingIn(r, "policies/deep.json").message().contains("LIMIT"));
    Set<String> flagged = r.findings().stream().map(f -> f.location().path()).collect(Collectors.toSet());
    assertFalse(flagged.contains("policies/good.json"));
    assertFalse(flagged.contains("policies/null.json"));
    assertFalse(flagged.contains("policies/array.yaml"));
    assertFalse(flagged.contains("policies/number.json"));
  }

  @Test
  void anEmptyFileOutsideThePolicyFoldersIsSkippedAsEmpty() throws IOException {
    write("app/template.yaml", "");
    LintResult r = run(withProblemRule());
    assertTrue(r.findings().isEmpty(), r.findings().toString());
    assertTrue(r.notifications().stream().anyMatch(n -> n.message().startsWith("skipped app/template.yaml: it is empty")),
        r.notifications().toString());
  }

  @Test
  void wrongTypesEverywhereDoNotBreakTheRun() throws IOException {
    write("a.json", """
        {"Version": 2012, "Statement": [
          {"Sid": 1, "Effect": true, "Action": [1, null, ["s3:*"], {"x": 1}], "Resource": {"a": [[]]},
           "Condition": {"StringEquals": [1, 2]}, "Principal": 42, "NotAction": false},
          {"Effect": null, "Action": null, "Resource": null, "Condition": null, "Principal": [null]},
          {"Effect": ["Allow"], "Action": {"s3": "GetObject"}, "Resource": 3.5,
           "Condition": {"StringLike": {"aws:PrincipalArn": [1, true, null, {"a": "b"}]}, "Bool": 7},
           "Principal": {"AWS": [1, [2]], "Service": {"x": "y"}}},
          17, null, "Allow", [[]]
        ]}
        """);
    write("b.json", "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": [], \"Action\": 5}}");
    write("c.json", "{\"Version\": null, \"Statement\": \"Allow\"}");
    write("d.json", "{\"Statement\": [[[[{\"Effect\": \"Allow\"}]]]]}");
    write("e.yaml", """
        Version: 2012-10-17
        Statement:
          - Effect: yes
            Action: !Ref Foo
            Resource: !Sub [1, {a: [b]}]
            Condition: !GetAtt x.y
          - Effect: Allow
            Action: {Fn::Join: [1, 2]}
            Resource: ~
        """);
    write("f.yaml", """
        AWSTemplateFormatVersion: 2010-09-09
        Resources:
          R:
            Type: AWS::IAM::Policy
            Properties:
              PolicyDocument: 7
              Policies: [1, {PolicyDocument: [x]}, {PolicyDocument: '{"Statement": 5}'}]
          S:
            Type: 5
          T:
            Type: AWS::IAM::ManagedPolicy
            Properties: [1, 2]
          U:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: '{"Statement": [{"Effect": 1, "Principal": [1]}'
              Policies: {a: b}
        """);
    write("g.json", "{\"PolicyDocument\": 1, \"Policies\": {\"x\": []}, \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"\"}]}");
    LintResult r = run(withProblemRule());
    assertEquals(7, r.filesScanned());
    assertTrue(r.documentsChecked() >= 3, "the malformed policies are still read as documents: " + r.documentsChecked());
    assertNoInternalErrors(r);
    LintResult plain = run(new Engine(List.of()));
    assertNoInternalErrors(plain);
  }

  @Test
  void symlinkLoopIsNotFollowed() throws IOException {
    write("policies/p.json", "{}");
    Path loop = root.resolve("policies/loop");
    link(loop, root.resolve("policies"));
    LintResult r = run(withProblemRule());
    assertNoInternalErrors(r);
    assertEquals(1, r.filesScanned(), "files: the real one only");
    assertTrue(r.notifications().stream().anyMatch(n -> n.message().contains("loop")), "loop notification: " + r.notifications());
  }

  /**
   * Links inside the root are followed under their own names (a file, a directory); links that
   * lead into each other (two sibling directories linking to one another) end as loops; a link
   * the include globs would not take says nothing, wherever it leads.
   */
  @Test
  void symlinksInsideTheRootAreFollowedAndCyclesEnd() throws IOException {
    write("real/p.json", "{}");
    write("a/q.json", "{}");
    write("b/r.json", "{}");
    Files.writeString(outside.resolve("notes.md"), "not a policy");
    link(root.resolve("linked-file.json"), root.resolve("real/p.json"));
    link(root.resolve("linked-dir"), root.resolve("real"));
    link(root.resolve("a/to-b"), root.resolve("b"));
    link(root.resolve("b/to-a"), root.resolve("a"));
    link(root.resolve("README.md"), outside.resolve("notes.md"));
    link(root.resolve("dangling.json"), root.resolve("nowhere.json"));
    LintResult r = run(withProblemRule());
    assertNoInternalErrors(r);
    // real/p.json, linked-file.json, linked-dir/p.json, a/q.json, a/to-b/r.json, b/r.json, b/to-a/q.json
    assertEquals(7, r.filesScanned(), r.notifications().toString());
    List<String> notes = r.notifications().stream().map(Notification::message).toList();
    assertEquals(2, notes.stream().filter(m -> m.contains("symbolic link loop")).count(), notes.toString());
    assertTrue(notes.stream().anyMatch(m -> m.contains("a/to-b/to-a")), notes.toString());
    assertTrue(notes.stream().noneMatch(m -> m.contains("README.md") || m.contains("dangling")), notes.toString());
  }

  @Test
  void symlinkOutOfTheRootIsNotFollowed() throws IOException {
    write("policies/p.json", "{}");
    Files.writeString(outside.resolve("secret.json"), "{\"Version\": \"2012-10-17\"}");
    Files.createDirectories(outside.resolve("dir"));
    Files.writeString(outside.resolve("dir/other.json"), "{}");
    link(root.resolve("policies/secret.json"), outside.resolve("secret.json"));
    link(root.resolve("policies/dirlink"), outside.resolve("dir"));
    LintResult r = run(withProblemRule());
    assertNoInternalErrors(r);
    assertEquals(1, r.filesScanned(), "only the file inside the root");
    List<String> notes = r.notifications().stream().map(Notification::message).toList();
    assertTrue(notes.stream().anyMatch(m -> m.contains("not following") && m.contains("secret.json")), notes.toString());
    assertTrue(notes.stream().anyMatch(m -> m.contains("not following") && m.contains("dirlink")), notes.toString());
  }

  @Test
  void unreadableFileIsReportedAndTheRunCompletes() throws IOException {
    write("policies/ok.json", "{}");
    write("policies/locked.json", "{}");
    Path locked = root.resolve("policies/locked.json");
    try {
      Files.setPosixFilePermissions(locked, Set.of());
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("no POSIX permissions on this file system");
    }
    try {
      LintResult r = run(withProblemRule());
      assertNoInternalErrors(r);
      assertEquals(2, r.filesScanned());
      if (Files.isReadable(locked)) return; // running as root: chmod 000 does not stop reading
      Finding f = findingIn(r, "policies/locked.json");
      assertTrue(f.message().contains("IO"), f.message());
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
