package dev.iamlint.core.report;

import dev.iamlint.core.config.FailLevel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.Finding.RelatedLocation;
import dev.iamlint.core.engine.Finding.Suppression;
import dev.iamlint.core.Level;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Location;
import dev.iamlint.core.engine.Notification;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.source.Span;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Golden-file tests of all four formats over one hand-built result, plus the fixture the other
 * reporter tests share.
 *
 * <p>To regenerate the golden files after an intended change, run the tests with
 * {@code -Diamlint.updateGolden=true} and review the diff of {@code src/test/resources/report/}.
 */
class ReporterTest {

  static final String VERSION = "1.2.3-SNAPSHOT";
  static final Path GOLDEN_DIR = Path.of("src/test/resources/report");

  @Test
  void textGolden() {
    assertGolden("expected.txt", render(new TextReporter(false), sample()));
  }

  @Test
  void jsonGolden() {
    assertGolden("expected.json", render(new JsonReporter(VERSION), sample()));
  }

  @Test
  void sarifGolden() {
    String sarif = render(new SarifReporter(VERSION), sample());
    SarifSchema.assertValid(sarif);
    assertGolden("expected.sarif", sarif);
  }

  @Test
  void githubGolden() {
    assertGolden("expected.github.txt", render(new GithubReporter(), sample()));
  }

  @Test
  void everyFormatRendersAnEmptyResult() {
    LintResult empty = new LintResult(Path.of("/repo"), List.of(), List.of(), List.of(), 0, 0, FailLevel.ERROR,
        Instant.EPOCH, null, 0, null);
    for (ReportFormat format : ReportFormat.values()) {
      String out = render(format.reporter(false, VERSION), empty);
      if (format == ReportFormat.SARIF) SarifSchema.assertValid(out);
      if (format == ReportFormat.GITHUB) assertEquals("", out);
      else assertTrue(out.endsWith("\n"), format + " output ends with a newline");
    }
  }

  // ---- shared fixture ----

  static final RuleDescriptor EMPTY_ELEMENT = new RuleDescriptor("IAM007", "empty-element", Level.WARNING, 2.0,
      List.of("correctness"), "0.1.0", "An element of the policy is empty.",
      "An empty Action, Resource or Condition usually means a template variable did not expand.",
      Map.of("default", "{0} is empty"), Map.of(), "", "rules.EmptyElement", null, List.of(), List.of());

  static final RuleDescriptor FULL_ADMIN = new RuleDescriptor("IAM201", "full-admin-grant", Level.ERROR, 9.0,
      List.of("security", "privilege-escalation"), "0.1.0", "A statement allows every action on every resource.",
      "Allow \"*\" on \"*\" makes the principal an administrator of the account.",
      Map.of("default", "allows every action on every resource"), Map.of(),
      "## What it does\n\nFinds `Allow` statements with `Action: \"*\"` and `Resource: \"*\"`.\n",
      "rules.FullAdminGrant", null, List.of(), List.of());

  static final RuleDescriptor MFA_BOOL_TRAP = new RuleDescriptor("IAM302", "mfa-bool-trap", Level.WARNING, 5.5,
      List.of("security", "mfa"), "0.1.0", "An MFA condition that never matches for SSO sessions.",
      "Identity Center sessions do not carry aws:MultiFactorAuthPresent.",
      Map.of("default", "{0} never matches"), Map.of(), "## What it does\n\nMFA trap.\n", "rules.MfaBoolTrap", null, List.of(), List.of());

  /** Four findings over two files (one suppressed, one with a related location) and a notification. */
  static LintResult sample() {
    return sample(UnaryOperator.identity());
  }

  /** The sample with every span passed through {@code move} (for fingerprint stability). */
  static LintResult sample(UnaryOperator<Span> move) {
    String admin = "policies/admin policy.json";
    String scp = "scps/deny.json";
    List<Finding> findings = List.of(
        new Finding("IAM302", "mfa-bool-trap", Level.WARNING, "default",
            "Bool aws:MultiFactorAuthPresent = \"true\", 100% never matches for SSO sessions",
            new Location(admin, move.apply(new Span(12, 9, 14, 10)), "/Statement/1/Condition"), List.of(),
            "b1c2d3e4f5a6b7c8", null),
        new Finding("IAM201", "full-admin-grant", Level.ERROR, "default", "allows every action on every resource",
            new Location(admin, move.apply(new Span(4, 17, 4, 20)), "/Statement/0/Action"),
            List.of(new RelatedLocation(new Location(scp, move.apply(new Span(3, 5, 8, 6)), "/Statement/0"),
                "no SCP statement denies it")),
            "0a1b2c3d4e5f6a7b", null),
        new Finding("IAM007", "empty-element", Level.NOTE, "default", "Resource is empty",
            new Location(scp, move.apply(new Span(9, 19, 9, 21)), "/Statement/1/Resource"), List.of(),
            "99aa88bb77cc66dd", new Suppression("legacy SCP, tracked in SEC-42", "2026-12-31")),
        new Finding("IAM007", "empty-element", Level.NOTE, "default", "Condition is empty",
            new Location(scp, move.apply(new Span(5, 20, 5, 22)), "/Statement/0/Condition"), List.of(),
            "1122334455667788", null));
    List<Notification> notifications = List.of(
        new Notification(Level.WARNING, "suppression of IAM104 expired on 2025-01-01", ".iam-lint.yaml"));
    return new LintResult(Path.of("/repo"), List.of(EMPTY_ELEMENT, FULL_ADMIN, MFA_BOOL_TRAP), findings,
        notifications, 5, 4, FailLevel.ERROR, Instant.parse("2025-06-01T00:00:00Z"), "2025-05-20", 123, null);
  }

  static String render(Reporter reporter, LintResult result) {
    StringWriter out = new StringWriter();
    try {
      reporter.write(result, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static void assertGolden(String name, String actual) {
    Path file = GOLDEN_DIR.resolve(name);
    try {
      if (Boolean.getBoolean("iamlint.updateGolden")) {
        Files.createDirectories(GOLDEN_DIR);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertTrue(Files.exists(file), file + " is missing; run with -Diamlint.updateGolden=true to create it");
      // A checkout with CRLF line ends must not fail the comparison.
      String expected = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
      assertEquals(expected, actual,
          name + " differs; if the change is intended, rerun with -Diamlint.updateGolden=true and review the diff");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
