package dev.iamlint.rules.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.Level;
import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.testing.RuleFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** IAM701 levels, which the fixture markers do not state. */
class PublicPrincipalTest {

  private static final List<Rule> RULES = Engine.discoverRules(PublicPrincipalTest.class.getClassLoader());

  @Test
  void openAccessPolicyOfADomainInAVpcIsANoteAndElsewhereAnError() throws Exception {
    Path fixture = Path.of(PublicPrincipalTest.class.getResource("/public-principal/bad-cloudformation-opensearch-vpc.yaml").toURI());
    LintResult r = RuleFixtures.run(fixture, RULES);
    Map<Integer, Level> byLine = new TreeMap<>();
    for (Finding f : r.findings()) {
      if (f.ruleId().equals("IAM701")) byLine.put(f.location().span().startLine(), f.level());
    }
    assertEquals(Map.of(17, Level.NOTE, 30, Level.NOTE, 42, Level.ERROR, 52, Level.ERROR), byLine);
  }
}
