package dev.iamlint.rules;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.testing.RuleFixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in rule against its bad and good fixtures (see {@link RuleFixtures}). */
class RuleFixturesTest {

  static final List<Rule> RULES = Engine.discoverRules(RuleFixturesTest.class.getClassLoader());

  static Stream<Arguments> fixtures() {
    return RULES.stream().flatMap(r -> RuleFixtures.of(RuleFixturesTest.class, r.descriptor().name()).stream()
        .map(f -> Arguments.of(r.descriptor().id() + " " + f, r, f)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixture(String name, Rule rule, RuleFixtures.Fixture fixture) {
    RuleFixtures.check(fixture, rule, RULES);
  }
}
