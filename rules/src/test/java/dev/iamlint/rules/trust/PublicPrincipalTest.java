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

/** IAM701 levels and messages, which the fixture markers do not state. */
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

  @Test
  void openAccessPolicyOfADomainWithFineGrainedAccessControlIsANote() throws Exception {
    Map<Integer, Level> byLine = new TreeMap<>();
    for (Finding f : iam701("bad-cloudformation-opensearch-fgac.yaml")) byLine.put(f.location().span().startLine(), f.level());
    assertEquals(Map.of(18, Level.NOTE, 35, Level.NOTE, 48, Level.ERROR, 60, Level.ERROR, 72, Level.ERROR), byLine);
  }

  @Test
  void aWildcardAccountIsNamedInTheMessage() throws Exception {
    Map<Integer, String> byLine = new TreeMap<>();
    for (Finding f : iam701("bad-wildcard-account.yaml")) byLine.put(f.location().span().startLine(), f.message());
    assertEquals("allows everyone (Principal \"*\"); its condition ArnLike aws:PrincipalArn does not restrict the "
        + "caller: arn:${AWS::Partition}:iam::*:role/deploy-exec-* matches callers in any AWS account (a wildcard "
        + "where the account goes: any account can create a role or resource of that name); name the accounts, or "
        + "add aws:PrincipalOrgID or aws:PrincipalAccount", byLine.get(16));
    assertEquals("allows everyone (Principal \"*\"); its condition StringLike aws:PrincipalOrgID does not restrict "
        + "the caller: * matches callers in any AWS account (it matches every value); name the accounts, or add "
        + "aws:PrincipalOrgID or aws:PrincipalAccount", byLine.get(76));
    // The Deny leaves the role of that name in every account: the Allow is reported as it stands
    assertEquals("allows everyone (Principal \"*\") with no condition restricting the caller; add "
        + "aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceVpce, or name the principals",
        byLine.get(91));
    assertEquals("allows everyone (Principal \"*\"); its condition StringEquals aws:username does not restrict the "
        + "caller: build-bot matches callers in any AWS account (any account can create a user of that name); name "
        + "the accounts, or add aws:PrincipalOrgID or aws:PrincipalAccount", byLine.get(103));
  }

  private static List<Finding> iam701(String name) throws Exception {
    Path fixture = Path.of(PublicPrincipalTest.class.getResource("/public-principal/" + name).toURI());
    return RuleFixtures.run(fixture, RULES).findings().stream().filter(f -> f.ruleId().equals("IAM701")).toList();
  }
}
