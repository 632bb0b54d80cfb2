package dev.iamlint.core.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The declarative rules of {@code custom-rules/rules.iam-lint.yaml} over the fixtures of that
 * folder: each bad fixture gives exactly the custom findings it marks (any rule), each good one
 * none. Only the declarative rules run (no built-in rule is on core's class path).
 */
class DeclarativeRuleFixturesTest {

  static List<RuleFixtures.Fixture> fixtures() {
    return RuleFixtures.of(DeclarativeRuleFixturesTest.class, "custom-rules");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixture(RuleFixtures.Fixture fixture, @TempDir Path root) throws IOException {
    Files.copy(fixture.file(), root.resolve(fixture.file().getFileName().toString()));
    Files.copy(fixture.file().resolveSibling("rules.iam-lint.yaml"), root.resolve(".iam-lint.yaml"));
    LintResult result = new Engine(List.of()).run(LintRequest.of(root).withNow(RuleFixtures.NOW).withThreads(1));
    List<String> actual = result.findings().stream()
        .map(f -> f.location().span().startLine() + ":" + f.location().span().startColumn() + " " + f.ruleId())
        .sorted().toList();
    List<String> expected = fixture.bad() ? RuleFixtures.expectations(fixture.file()) : List.of();
    List<String> comparable = actual.stream()
        .map(a -> expected.stream().anyMatch(e -> e.equals(a)) ? a : lineOnly(a, expected)).sorted().toList();
    assertEquals(expected.stream().sorted().toList(), comparable, fixture + ": " + describe(result));
  }

  /** A YAML expectation without a column matches a finding on its line. */
  private static String lineOnly(String actual, List<String> expected) {
    String line = actual.substring(0, actual.indexOf(':'));
    String id = actual.substring(actual.indexOf(' ') + 1);
    String candidate = line + " " + id;
    return expected.contains(candidate) ? candidate : actual;
  }

  private static String describe(LintResult r) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : r.findings()) sb.append("\n  ").append(f.location()).append(' ').append(f.ruleId()).append(": ").append(f.message());
    r.notifications().forEach(n -> sb.append("\n  (").append(n.level()).append(") ").append(n.message()));
    return sb.toString();
  }

}
