package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExplainCommandTest {

  @Test
  void findsARuleByIdOrNameInAnyCase() {
    MainTest.Run byId = MainTest.run("explain", "IAM201");
    assertEquals(0, byId.code(), byId.err());
    assertTrue(byId.out().contains("full-admin-grant"), byId.out());
    assertEquals(byId.out(), MainTest.run("explain", "iam201").out());
    assertEquals(byId.out(), MainTest.run("explain", "Full-Admin-Grant").out());
  }

  @Test
  void catalogueRuleNotImplementedIsSaidSoAndSucceeds() {
    MainTest.Run r = MainTest.run("explain", "IAM801");
    assertEquals(0, r.code(), r.err());
    assertEquals("IAM801 new-access-granted is in the rule catalogue but not implemented in this version",
        r.out().strip());
    assertEquals(r.out(), MainTest.run("explain", "New-Access-Granted").out());
  }

  @Test
  void unknownRuleSuggestsTheNearest() {
    MainTest.Run r = MainTest.run("explain", "full-admin-grnat");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("iam-lint: error: unknown rule 'full-admin-grnat'; did you mean IAM201 (full-admin-grant)"),
        r.err());
  }

  @Test
  void suggestionsIncludeCataloguedRulesAndAreCaseBlind() {
    String msg = ExplainCommand.unknown(java.util.List.of(), "NEW-ACCESS-GRANTD");
    assertEquals("unknown rule 'NEW-ACCESS-GRANTD'; did you mean IAM801 (new-access-granted)?", msg);
  }

  @Test
  void farFromEveryRuleSaysWhereToLook() {
    assertEquals("unknown rule 'zzzzzzzzzzzzzzzzzzzz'; 'iam-lint rules' lists them all",
        ExplainCommand.unknown(java.util.List.of(), "zzzzzzzzzzzzzzzzzzzz"));
  }
}
