package dev.iamlint.rules.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.testing.RuleFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IAM006 cases the fixture folder cannot express (they depend on the file name). */
class PolicySizeLimitTest {

  private static final List<Rule> RULES = Engine.discoverRules(PolicySizeLimitTest.class.getClassLoader());

  @TempDir Path dir;

  /** A managed policy of about 8,000 characters without whitespace. */
  private static String bigPolicy() {
    StringBuilder sb = new StringBuilder("{\"Version\": \"2012-10-17\", \"Statement\": [\n");
    for (int i = 0; i < 60; i++) {
      if (i > 0) sb.append(",\n");
      sb.append("  {\"Sid\": \"Read").append(i).append("\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], ")
          .append("\"Resource\": \"arn:aws:s3:::example-bucket-name-").append(i).append("/reports/*\"}");
    }
    return sb.append("\n]}\n").toString();
  }

  private long iam006(String fileName) throws IOException {
    Path f = dir.resolve(fileName);
    Files.writeString(f, bigPolicy());
    LintResult r = RuleFixtures.run(f, RULES);
    return r.findings().stream().map(Finding::ruleId).filter("IAM006"::equals).count();
  }

  @Test
  void customerManagedPolicyOverTheQuotaIsReported() throws IOException {
    assertEquals(1, iam006("reports-reader.json"));
  }

  @Test
  void copyOfAnAwsManagedPolicyIsNotHeldToTheCustomerManagedQuota() throws IOException {
    // AWS publishes ReadOnlyAccess far above 6,144 characters: the quota is for customer managed policies.
    assertEquals(0, iam006("ReadOnlyAccess.json"));
  }

  @Test
  void awsManagedNameWithASmallPublishedDocumentIsStillChecked() throws IOException {
    // AWS's own AmazonS3ReadOnlyAccess is small, so a file that big under that name is not AWS's policy.
    assertEquals(1, iam006("AmazonS3ReadOnlyAccess.json"));
  }

  /**
   * An SCP file over 5,120 characters as written, though within it as compact JSON: AWS
   * Organizations counts every character of what it receives, so an error (RULES.md: "SCP and RCP
   * 5,120 — every character counted"); only a manifest that declares a compacting deployer (LZA)
   * makes it fit.
   */
  @Test
  void aPrettyPrintedScpOverTheLimitAsWrittenIsAnError() throws IOException {
    Path fixture = Path.of("src/test/resources/policy-size-limit/bad-pretty-printed-scp");
    Path scps = Files.createDirectories(dir.resolve("service-control-policies"));
    Files.copy(fixture.resolve("service-control-policies/guardrails.json"), scps.resolve("guardrails.json"));
    LintResult r = RuleFixtures.run(dir, RULES);
    assertEquals(List.of("ERROR"), r.findings().stream().filter(f -> f.ruleId().equals("IAM006"))
        .map(f -> f.level().name()).toList());
  }

  @Test
  void sizeWithoutWhitespaceKeepsWhitespaceInStrings() {
    assertEquals("{\"a\":\"b c\",\"d\":[\"e\\\"\"]}".length(),
        PolicySizeLimit.sizeWithoutWhitespace("{ \"a\" : \"b c\",\n  \"d\": [ \"e\\\"\" ] }"));
  }
}
