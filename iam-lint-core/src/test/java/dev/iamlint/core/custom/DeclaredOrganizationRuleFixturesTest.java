package dev.iamlint.core.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.testing.RuleFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The organization-level declarative rules of {@code custom-org-rules/rules.iam-lint.yaml} over
 * the fixtures of that folder (each a CloudFormation template with the organization, its SCPs,
 * permission sets and assignments): each bad fixture gives exactly the findings it marks, each
 * good one none.
 */
class DeclaredOrganizationRuleFixturesTest {

  static List<RuleFixtures.Fixture> fixtures() {
    return RuleFixtures.of(DeclaredOrganizationRuleFixturesTest.class, "custom-org-rules");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixture(RuleFixtures.Fixture fixture, @TempDir Path root) throws IOException {
    Files.copy(fixture.file(), root.resolve(fixture.file().getFileName().toString()));
    Files.copy(fixture.file().resolveSibling("rules.iam-lint.yaml"), root.resolve(".iam-lint.yaml"));
    LintResult result = new Engine(List.of()).run(LintRequest.of(root).withNow(RuleFixtures.NOW).withThreads(1));
    List<String> actual = result.findings().stream()
        .map(f -> f.location().span().startLine() + " " + f.ruleId()).sorted().toList();
    List<String> expected = fixture.bad()
        ? RuleFixtures.expectations(fixture.file()).stream().map(e -> e.replaceFirst(":[0-9]+ ", " ")).sorted().toList()
        : List.of();
    assertEquals(expected, actual, fixture + ": " + describe(result));
    assertTrue(result.notifications().stream().noneMatch(n -> n.level() != dev.iamlint.core.Level.NOTE),
        fixture + ": " + describe(result));
  }

  private static String describe(LintResult r) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : r.findings()) {
      sb.append("\n  ").append(f.location()).append(' ').append(f.ruleId()).append(' ').append(f.level()).append(": ")
          .append(f.message());
    }
    r.notifications().forEach(n -> sb.append("\n  (").append(n.level()).append(") ").append(n.message()));
    return sb.toString();
  }
}
