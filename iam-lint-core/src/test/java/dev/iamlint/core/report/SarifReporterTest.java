package dev.iamlint.core.report;

import dev.iamlint.core.config.FailLevel;
import static dev.iamlint.core.report.ReporterTest.VERSION;
import static dev.iamlint.core.report.ReporterTest.render;
import static dev.iamlint.core.report.ReporterTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.Level;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Location;
import dev.iamlint.core.engine.Notification;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SarifReporterTest {

  private static JsonNode sarif(LintResult result) {
    String text = render(new SarifReporter(VERSION), result);
    SarifSchema.assertValid(text);
    return new tools.jackson.databind.json.JsonMapper().readTree(text);
  }

  private static JsonNode run(LintResult result) {
    return sarif(result).get("runs").get(0);
  }

  private static List<String> fingerprints(LintResult result) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : run(result).get("results")) out.add(r.get("partialFingerprints").toString());
    return out;
  }

  @Test
  void everyRuleIsInDriverRulesAndRuleIndexPointsAtIt() {
    LintResult result = sample();
    JsonNode run = run(result);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    List<String> ids = new ArrayList<>();
    for (JsonNode r : rules) ids.add(r.get("id").asString());
    for (RuleDescriptor d : result.rules()) assertTrue(ids.contains(d.id()), d.id() + " missing from driver.rules");
    assertEquals(result.findings().size(), run.get("results").size(), "suppressed findings are kept");
    for (JsonNode r : run.get("results")) {
      assertEquals(r.get("ruleId").asString(), rules.get(r.get("ruleIndex").asInt()).get("id").asString());
    }
  }

  @Test
  void ruleOutsideResultRulesGetsAnEntryToo() {
    LintResult base = sample();
    List<Finding> findings = new ArrayList<>(base.findings());
    findings.add(new Finding("IAM001", "parse-error", Level.ERROR, "default", "unexpected end of input",
        new Location("broken.json", Span.at(7, 1), null), List.of(), null, null));
    LintResult result = new LintResult(base.root(), base.rules(), findings, base.notifications(), 5, 4, FailLevel.ERROR,
        base.now(), null, 0, null);
    JsonNode run = run(result);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    assertEquals(base.rules().size() + 1, rules.size());
    JsonNode orphan = rules.get(rules.size() - 1);
    assertEquals("IAM001", orphan.get("id").asString());
    for (String required : List.of("shortDescription", "fullDescription", "help")) {
      assertFalse(orphan.get(required).get("text").asString().isEmpty(), required);
    }
    for (JsonNode r : run.get("results")) {
      assertEquals(r.get("ruleId").asString(), rules.get(r.get("ruleIndex").asInt()).get("id").asString());
    }
  }

  @Test
  void partialFingerprintsIgnoreLineMoves() {
    LintResult moved = sample(s -> new Span(s.startLine() + 3, s.startColumn(), s.endLine() + 3, s.endColumn()));
    assertEquals(fingerprints(sample()), fingerprints(moved));
    assertNotEquals(sample().findings().get(0).location(), moved.findings().get(0).location());
  }

  @Test
  void fallbackFingerprintIgnoresLineMovesToo() {
    Finding f = new Finding("IAM201", "full-admin-grant", Level.ERROR, "default", "m",
        new Location("a.json", new Span(3, 1, 3, 4), "/Statement/0/Action"), List.of(), null, null);
    Finding moved = new Finding("IAM201", "full-admin-grant", Level.ERROR, "default", "m",
        new Location("a.json", new Span(30, 1, 30, 4), "/Statement/0/Action"), List.of(), null, null);
    assertEquals(SarifReporter.fingerprint(f), SarifReporter.fingerprint(moved));
    assertEquals(32, SarifReporter.fingerprint(f).length());
  }

  @Test
  void fingerprintUsesOurOwnKeyNotGithubs() {
    for (JsonNode r : run(sample()).get("results")) {
      JsonNode pf = r.get("partialFingerprints");
      assertFalse(pf.has("primaryLocationLineHash"), "GitHub computes primaryLocationLineHash itself");
      assertTrue(pf.has(SarifReporter.FINGERPRINT_KEY));
    }
  }

  @Test
  void driverAndRuleMetadataAsGithubExpects() {
    JsonNode run = run(sample());
    JsonNode driver = run.get("tool").get("driver");
    assertEquals("iam-lint", driver.get("name").asString());
    assertEquals("1.2.3", driver.get("semanticVersion").asString());
    assertEquals(VERSION, driver.get("version").asString());
    JsonNode admin = driver.get("rules").get(1);
    assertEquals("IAM201", admin.get("id").asString());
    assertTrue(admin.get("properties").get("security-severity").isString());
    assertEquals("9.0", admin.get("properties").get("security-severity").asString());
    assertTrue(admin.get("properties").get("tags").toString().contains("\"security\""));
    assertEquals("error", admin.get("defaultConfiguration").get("level").asString());
    assertTrue(admin.get("help").get("markdown").asString().startsWith("## What it does"));
    // IAM007 has no doc body: the markdown is generated; it is no security alert and has no help page.
    JsonNode empty = driver.get("rules").get(0);
    assertTrue(empty.get("help").get("markdown").asString().contains("is empty"));
    assertFalse(empty.get("properties").has("security-severity"));
    assertFalse(empty.get("properties").get("tags").toString().contains("\"security\""));
    assertFalse(empty.has("helpUri"), "no helpUri unless the rule declares a real one");
    assertFalse(driver.has("informationUri"), "no informationUri unless it is real");
    assertEquals("file:///repo/", run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asString());
    assertEquals("iam-lint/", run.get("automationDetails").get("id").asString());
  }

  @Test
  void resultsHaveOneRelativeLocationAndSuppressionsAreExternal() {
    JsonNode results = run(sample()).get("results");
    int suppressed = 0;
    for (JsonNode r : results) {
      assertEquals(1, r.get("locations").size());
      JsonNode artifact = r.get("locations").get(0).get("physicalLocation").get("artifactLocation");
      assertEquals("%SRCROOT%", artifact.get("uriBaseId").asString());
      assertFalse(artifact.get("uri").asString().contains(" "));
      if (r.has("suppressions")) {
        suppressed++;
        assertEquals("external", r.get("suppressions").get(0).get("kind").asString());
        assertEquals("legacy SCP, tracked in SEC-42",
            r.get("suppressions").get(0).get("justification").asString());
      }
    }
    assertEquals(1, suppressed);
    JsonNode admin = results.get(0);
    assertEquals("policies/admin%20policy.json",
        admin.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asString());
    assertEquals(1, admin.get("relatedLocations").get(0).get("id").asInt());
  }

  @Test
  void messageLinksRelatedLocationsForGithub() {
    JsonNode admin = run(sample()).get("results").get(0);
    assertEquals("allows every action on every resource (related: [no SCP statement denies it](1))",
        admin.get("message").get("text").asString());
    Finding f = new Finding("IAM201", "full-admin-grant", Level.ERROR, "default", "m",
        new Location("a.json", Span.at(1, 1), null),
        List.of(new Finding.RelatedLocation(new Location("b.json", Span.at(2, 3), null), "Action [\"*\"]")),
        "f", null);
    LintResult one = new LintResult(Path.of("/repo"), List.of(), List.of(f), List.of(), 1, 1, FailLevel.ERROR,
        sample().now(), null, 0, null);
    assertEquals("m (related: [Action \\[\"*\"\\]](1))",
        run(one).get("results").get(0).get("message").get("text").asString());
  }

  @Test
  void errorNotificationMarksTheInvocationUnsuccessful() {
    LintResult base = sample();
    assertTrue(run(base).get("invocations").get(0).get("executionSuccessful").asBoolean());
    LintResult failed = new LintResult(base.root(), base.rules(), base.findings(),
        List.of(new Notification(Level.ERROR, "rule IAM201 failed: boom", null)), 5, 4, FailLevel.ERROR, base.now(),
        null, 0, null);
    JsonNode invocation = run(failed).get("invocations").get(0);
    assertFalse(invocation.get("executionSuccessful").asBoolean());
    JsonNode note = invocation.get("toolExecutionNotifications").get(0);
    assertEquals("error", note.get("level").asString());
    assertFalse(note.has("locations"));
  }

  @Test
  void uriReferencesArePercentEncoded() {
    assertEquals("a/b%20c.json", SarifReporter.uriReference("a/b c.json"));
    assertEquals("x%3Ay/%23%3F%25.yaml", SarifReporter.uriReference("x:y/#?%.yaml"));
    assertEquals("caf%C3%A9/p.json", SarifReporter.uriReference("café/p.json"));
    assertEquals("plain-name_1.2~/(a)+b.json", SarifReporter.uriReference("plain-name_1.2~/(a)+b.json"));
    assertEquals("file:///repo/sub/", SarifReporter.rootUri(Path.of("/repo/sub")));
  }

  @Test
  void outputIsDeterministic() {
    assertEquals(render(new SarifReporter(VERSION), sample()), render(new SarifReporter(VERSION), sample()));
  }
}
