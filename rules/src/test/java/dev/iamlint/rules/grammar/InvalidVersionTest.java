package dev.iamlint.rules.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.testing.RuleFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IAM003's level, which the fixture markers do not state: policy variables make it an error. */
class InvalidVersionTest {

  private static final List<Rule> RULES = Engine.discoverRules(InvalidVersionTest.class.getClassLoader());

  private static List<String> messageIds(String fixture) throws Exception {
    Path p = Path.of(InvalidVersionTest.class.getResource("/invalid-version/" + fixture).toURI());
    return RuleFixtures.run(p, RULES).findings().stream().filter(f -> f.ruleId().equals("IAM003"))
        .map(Finding::messageId).toList();
  }

  @Test
  void cloudFormationFunctionsInAJoinAreNoPolicyVariables() throws Exception {
    assertEquals(List.of("legacy"), messageIds("bad-legacy-joined-intrinsics.yaml"));
  }

  @Test
  void policyVariablesMakeTheLegacyVersionAnError() throws Exception {
    assertEquals(List.of("legacyWithVariables"), messageIds("bad-legacy-with-variables.json"));
  }
}
