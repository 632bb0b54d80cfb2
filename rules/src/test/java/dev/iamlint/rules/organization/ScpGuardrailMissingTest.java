package dev.iamlint.rules.organization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.testing.RuleFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IAM603 messages, which the fixture markers do not state: an account is not "everything below it". */
class ScpGuardrailMissingTest {

  private static final List<Rule> RULES = Engine.discoverRules(ScpGuardrailMissingTest.class.getClassLoader());

  private static List<String> messages(String fixture) throws Exception {
    Path p = Path.of(ScpGuardrailMissingTest.class.getResource("/scp-guardrail-missing/" + fixture).toURI());
    return RuleFixtures.run(p, RULES).findings().stream().filter(f -> f.ruleId().equals("IAM603"))
        .map(Finding::message).toList();
  }

  @Test
  void anAccountLacksTheGuardrailAndAnOuLacksItWithEverythingBelowIt() throws Exception {
    assertEquals(List.of(
        "Workloads and everything below it lack the guardrail deny-region-changes (no SCP in its chain denies "
            + "account:DisableRegion, account:EnableRegion)",
        "account sandbox lacks the guardrail deny-region-changes (no SCP in its chain denies account:DisableRegion, "
            + "account:EnableRegion)"),
        messages("bad-ou-missing.yaml"));
  }

  @Test
  void orgFormationAccountAndRoot() throws Exception {
    assertEquals(List.of("account LogArchive lacks the guardrail deny-leave (no SCP in its chain denies "
        + "organizations:LeaveOrganization)"), messages("bad-org-formation-account.yaml"));
    assertEquals(List.of("Root and everything below it lack the guardrail deny-leave (no SCP in its chain denies "
        + "organizations:LeaveOrganization)"), messages("bad-org-formation-root.yaml"));
  }

  @Test
  void theMessageNamesOnlyTheActionsTheChainDoesNotDeny() throws Exception {
    assertEquals(List.of("Security and everything below it lack the guardrail protect-security-services (no SCP in "
        + "its chain denies config:StopConfigurationRecorder, config:DeleteConfigurationRecorder)"),
        messages("bad-ou-partial.yaml"));
  }

  @Test
  void aRolledUpFindingNamesOnlyTheActionsNothingBelowDenies() throws Exception {
    assertEquals(List.of(
        "Root and everything below it lack the guardrail deny-iam-users (no SCP in its chain denies iam:CreateAccessKey)",
        "Root and everything below it lack the guardrail protect-security (no SCP in its chain denies "
            + "config:StopConfigurationRecorder)"),
        messages("bad-lza-actions-left-uncovered").stream().sorted().toList());
  }
}
