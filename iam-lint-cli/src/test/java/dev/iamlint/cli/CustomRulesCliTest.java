package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.testing.RuleJarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule jars and declarative rules through the CLI: {@code --plugin}, {@code plugins:},
 * {@code rules} and {@code explain}, a configuration shared with runs that lack the jar, and a
 * rule that throws (exit code 2). The jars are built here from source, as a user would build one.
 */
class CustomRulesCliTest {

  @TempDir Path dir;
  Path jar;
  Path broken;

  private static final String S3_ADMIN = """
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Allow",
            "Action": "s3:*",
            "Resource": "*"
          }
        ]
      }
      """;

  @BeforeEach
  void jars() throws IOException {
    Files.writeString(dir.resolve(".iam-lint.yaml"), "# the repository root\n");
    Files.writeString(dir.resolve("storage.json"), S3_ADMIN, StandardCharsets.UTF_8);
    jar = new RuleJarBuilder()
        .rule("com.acme.iam.NoS3Admin", RuleJarBuilder.statementRule("com.acme.iam.NoS3Admin", "ACME101", "no-s3-admin",
            "s3:*", "S3 administration is for the platform team"))
        .resource("com/acme/iam/docs/ACME101-no-s3-admin.md", "## What it does\n\nReports `s3:*` grants.\n")
        .build(dir.resolve("tools/acme-rules.jar"));
    broken = new RuleJarBuilder()
        .rule("com.acme.iam.Broken", RuleJarBuilder.throwingRule("com.acme.iam.Broken", "ACME900", "broken-rule", "boom"))
        .build(dir.resolve("tools/broken.jar"));
  }

  @Test
  void pluginOptionLoadsTheJarsRules() {
    MainTest.Run r = MainTest.run("check", "--no-color", "--root", dir.toString(), "--plugin", jar.toString(),
        dir.resolve("storage.json").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("storage.json:6:17: error ACME101 no-s3-admin: S3 administration is for the platform team"),
        r.out());
  }

  @Test
  void pluginsInTheConfigurationAreRelativeToItsFolder() throws IOException {
    Files.writeString(dir.resolve(".iam-lint.yaml"), "plugins: [tools/acme-rules.jar]\nrules:\n  ACME101: warning\n");
    MainTest.Run r = MainTest.run("check", "--no-color", "--root", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("warning ACME101 no-s3-admin"), r.out());
  }

  @Test
  void rulesAndExplainKnowPluginAndDeclaredRules() throws IOException {
    Files.writeString(dir.resolve(".iam-lint.yaml"), """
        customRules:
          - id: ACME001
            name: no-s3-delete-bucket
            level: error
            message: S3 buckets are deleted by the platform pipeline only
            match: { actions: [s3:DeleteBucket] }
        """);
    MainTest.Run list = MainTest.run("rules", "--root", dir.toString(), "--plugin", jar.toString());
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().contains("ACME001  ") && list.out().contains("no-s3-delete-bucket"), list.out());
    assertTrue(list.out().contains("ACME101") && list.out().contains("IAM201"), list.out());
    MainTest.Run page = MainTest.run("explain", "--root", dir.toString(), "--plugin", jar.toString(), "no-s3-admin");
    assertEquals(0, page.code(), page.err());
    assertTrue(page.out().startsWith("# ACME101 no-s3-admin") && page.out().contains("Reports `s3:*` grants."), page.out());
    MainTest.Run declared = MainTest.run("explain", "--root", dir.toString(), "acme001");
    assertEquals(0, declared.code(), declared.err());
    assertTrue(declared.out().contains("`s3:DeleteBucket`"), declared.out());
  }

  @Test
  void aConfigurationNamingAnAbsentRuleJarsRuleWarns() throws IOException {
    Files.writeString(dir.resolve(".iam-lint.yaml"), "rules:\n  ACME101: warning\n  ACME-0102: off\n");
    MainTest.Run r = MainTest.run("check", "--no-color", "-f", "json", "--root", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("iam-lint: warning: .iam-lint.yaml:2:3: rule ACME101 is configured"), r.err());
    assertTrue(r.err().contains("the rule jar with the ACME rules is not loaded"), r.err());
  }

  @Test
  void aTypoOfABuiltInRuleStillFails() throws IOException {
    Files.writeString(dir.resolve(".iam-lint.yaml"), "rules:\n  full-admin-grnt: warning\n");
    MainTest.Run r = MainTest.run("check", "--no-color", "--root", dir.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("did you mean 'full-admin-grant'"), r.err());
    // Not of any rule id's form: the schema would only say "does not match the pattern".
    Files.writeString(dir.resolve(".iam-lint.yaml"), "rules:\n  IAM2O1: warning\n");
    r = MainTest.run("check", "--no-color", "--root", dir.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(".iam-lint.yaml:2:3: unknown rule 'IAM2O1' (did you mean 'IAM201'?)"), r.err());
  }

  @Test
  void aRuleThatThrowsExitsWith2AndTheOtherFindingsAreReported() throws IOException {
    MainTest.Run r = MainTest.run("check", "--no-color", "--root", dir.toString(), "--plugin", broken.toString(),
        "--plugin", jar.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    String all = r.out() + r.err();
    assertTrue(all.contains("rule ACME900 broken-rule failed on storage.json: IllegalStateException: boom"), all);
    assertTrue(r.out().contains("error ACME101 no-s3-admin"), "the other rules still report: " + r.out());
    assertFalse(all.contains("Broken.onStatement("), "no stack trace without --verbose: " + all);
    assertTrue(r.err().contains("--verbose"), r.err());

    MainTest.Run verbose = MainTest.run("check", "--no-color", "--verbose", "-f", "sarif", "--root", dir.toString(),
        "--plugin", broken.toString());
    assertEquals(2, verbose.code(), verbose.err());
    assertTrue(verbose.err().contains("com.acme.iam.Broken.onStatement("), verbose.err());
    assertTrue(verbose.out().contains("\"executionSuccessful\": false"), verbose.out());
  }

  @Test
  void aMissingPluginIsAConfigurationError() {
    MainTest.Run r = MainTest.run("check", "--root", dir.toString(), "--plugin", dir.resolve("absent.jar").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("rule jar not found"), r.err());
  }
}
