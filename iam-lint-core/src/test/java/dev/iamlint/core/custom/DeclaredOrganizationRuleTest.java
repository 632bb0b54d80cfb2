package dev.iamlint.core.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.LintException;
import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Notification;
import dev.iamlint.core.report.SarifReporter;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleDocs;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organization-level form of {@code customRules:} through the engine: messages, levels,
 * suppressions, explain and SARIF, configuration errors and scope warnings. The organization,
 * SCPs, permission sets and assignments come from the fixtures of {@code custom-org-rules/}.
 */
class DeclaredOrganizationRuleTest {

  @TempDir Path root;
  private Path folder;
  private String rules;

  @BeforeEach
  void setUp() throws IOException, URISyntaxException {
    folder = Path.of(getClass().getClassLoader().getResource("custom-org-rules").toURI());
    rules = Files.readString(folder.resolve("rules.iam-lint.yaml"));
  }

  /** One fixture per repository: each describes the whole organization. */
  private void fixture(String name) throws IOException {
    Files.copy(folder.resolve(name), root.resolve(name));
  }

  private void config(String text) throws IOException {
    Files.writeString(root.resolve(".iam-lint.yaml"), text);
  }

  private LintResult run() {
    return run(LintRequest.of(root));
  }

  private LintResult run(LintRequest request) {
    return new Engine(List.of()).run(request.withThreads(1));
  }

  private static List<Finding> of(LintResult r, String path) {
    return r.findings().stream().filter(f -> f.ruleId().equals("ACME101") && f.location().path().equals(path)).toList();
  }

  @Test
  void aCertainGrantIsAnErrorNamingThePermissionSetTheActionsAndOnlyTheAccountTheScpDoesNotGuard() throws IOException {
    fixture("bad-wildcard-grant.yaml");
    config(rules);
    List<Finding> found = of(run(), "bad-wildcard-grant.yaml");
    assertEquals(1, found.size(), found.toString());
    Finding f = found.get(0);
    assertEquals(Level.ERROR, f.level());
    assertEquals("IAM users and access keys are created by the identity pipeline only: permission set Admins allows "
        + "iam:CreateUser, iam:CreateAccessKey in account lab", f.message());
    assertEquals("/Resources/Admins/Properties/InlinePolicy/Statement/0/Action/1", f.location().pointer());
  }

  @Test
  void aGrantThatDependsOnAConditionIsANoteNamingTheKeyAndTheScpStatement() throws IOException {
    fixture("bad-conditional-scp.yaml");
    config(rules);
    List<Finding> found = of(run(), "bad-conditional-scp.yaml");
    assertEquals(1, found.size(), found.toString());
    Finding f = found.get(0);
    assertEquals(Level.NOTE, f.level());
    assertTrue(f.message().contains("permission set Admins may allow iam:CreateUser, iam:CreateAccessKey in account lab, "
        + "depending on aws:PrincipalTag/team (not decided in the repository)"), f.message());
    assertEquals(1, f.related().size(), f.related().toString());
    assertEquals("bad-conditional-scp.yaml", f.related().get(0).location().path());
  }

  @Test
  void placeholdersTakeTheActionsThePermissionSetsAndTheAccounts() throws IOException {
    fixture("bad-wildcard-grant.yaml");
    config(rules.replace("message: IAM users and access keys are created by the identity pipeline only",
        "message: \"{permissionSet} may not have {action} in {accounts}\""));
    Finding f = of(run(), "bad-wildcard-grant.yaml").get(0);
    assertEquals("permission set Admins may not have iam:CreateUser, iam:CreateAccessKey in account lab", f.message());
  }

  @Test
  void levelsOffAndSuppressionsWorkAsForEveryRule() throws IOException {
    fixture("bad-wildcard-grant.yaml");
    config(rules + "rules:\n  no-iam-users-outside-the-pipeline: warning\n");
    assertEquals(Level.WARNING, of(run(), "bad-wildcard-grant.yaml").get(0).level());
    config(rules + "rules:\n  ACME101: off\n");
    assertEquals(List.of(), run().findings().stream().filter(f -> f.ruleId().equals("ACME101")).toList());
    assertEquals(List.of(), of(run(LintRequest.of(root).withRuleLevels(Map.of("ACME101", "off"))), "bad-wildcard-grant.yaml"));
    config(rules + "suppressions:\n  - { rule: ACME101, paths: [bad-wildcard-grant.yaml], reason: lab is a sandbox }\n");
    assertTrue(of(run(), "bad-wildcard-grant.yaml").get(0).suppressed());
    config(rules + "suppressions:\n  - { rule: ACME101, paths: [other/**], reason: not this one }\n");
    assertTrue(!of(run(), "bad-wildcard-grant.yaml").get(0).suppressed());
  }

  @Test
  void pathsLimitWhereFindingsAreReported() throws IOException {
    fixture("bad-wildcard-grant.yaml");
    config(rules.replace("    organization:\n", "    paths: [\"teams/**\"]\n    organization:\n"));
    assertEquals(List.of(), of(run(), "bad-wildcard-grant.yaml"));
    config(rules.replace("    organization:\n", "    paths: [\"bad-*.yaml\"]\n    organization:\n"));
    assertEquals(1, of(run(), "bad-wildcard-grant.yaml").size());
  }

  @Test
  void explainAndSarifDescribeTheRule() throws IOException {
    fixture("bad-wildcard-grant.yaml");
    config(rules.replace("    organization:\n", "    securitySeverity: 8.0\n    helpUri: https://wiki.example.com/acme101\n"
        + "    organization:\n"));
    LintResult r = run();
    RuleDescriptor d = r.rules().stream().filter(x -> x.id().equals("ACME101")).findFirst().orElseThrow();
    assertTrue(d.tags().containsAll(List.of("custom", "organization", "security")), d.tags().toString());
    String page = RuleDocs.render(d);
    assertTrue(page.startsWith("# ACME101 no-iam-users-outside-the-pipeline"), page);
    assertTrue(page.contains("`iam:CreateUser`, `iam:CreateAccessKey` in the accounts of the OUs `Prod`, `Sandbox`"), page);
    assertTrue(page.contains("`Pipeline*` may"), page);
    StringWriter sarif = new StringWriter();
    new SarifReporter("0.1.0").write(r, sarif);
    assertTrue(sarif.toString().contains("\"helpUri\": \"https://wiki.example.com/acme101\""), sarif.toString());
    assertTrue(sarif.toString().contains("\"security-severity\": \"8.0\""), sarif.toString());
  }

  @Test
  void anOuOrAccountNotInTheOrganizationIsAWarningAtItsLine() throws IOException {
    fixture("bad-wildcard-grant.yaml");
    config(rules.replace("organizationalUnits: [Prod, Sandbox]", "organizationalUnits: [Prod, Sandbx]\n      accounts: [shopp]"));
    List<String> warnings = run().notifications().stream().filter(n -> n.level() == Level.WARNING)
        .map(Notification::message).toList();
    assertTrue(warnings.contains(".iam-lint.yaml:10:35: ACME101: organizational unit 'Sandbx' is not in the organization "
        + "(did you mean Sandbox?)"), warnings.toString());
    assertTrue(warnings.contains(".iam-lint.yaml:11:18: ACME101: account 'shopp' is not in the organization "
        + "(did you mean shop?)"), warnings.toString());
  }

  @Test
  void anActionTheCatalogueLacksIsAWarningWithTheNearestName() throws IOException {
    fixture("bad-wildcard-grant.yaml");
    config(rules.replace("actions: [iam:CreateUser, iam:CreateAccessKey]", "actions: [iam:CreateUsers]"));
    List<String> warnings = run().notifications().stream().map(Notification::message).toList();
    assertTrue(warnings.stream().anyMatch(w -> w.startsWith(".iam-lint.yaml:9:17: ACME101: 'iam:CreateUsers' is not in the "
        + "IAM catalogue (did you mean iam:CreateUser")), warnings.toString());
  }

  private void assertConfigError(String config, String expected) throws IOException {
    config(config);
    LintException e = assertThrows(LintException.class, this::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void theConfigurationSaysWhatIsMissingOrTooMuch() throws IOException {
    String rule = """
        customRules:
          - id: ACME102
            name: no-iam-users
            message: no IAM users
        """;
    assertConfigError(rule, ".iam-lint.yaml:2:5: customRules: ACME102: missing key 'match' (what a statement must be) "
        + "or 'organization'");
    assertConfigError(rule + "    match: { actions: [iam:CreateUser] }\n    organization: { actions: [iam:CreateUser], "
        + "accounts: [lab] }\n", ".iam-lint.yaml:6:5: customRules: ACME102: give either 'match' or 'organization', not both");
    assertConfigError(rule + "    kinds: [identity]\n    organization: { actions: [iam:CreateUser], accounts: [lab] }\n",
        ".iam-lint.yaml:5:5: customRules: ACME102: 'kinds' applies to 'match' rules");
    assertConfigError(rule + "    organization: { actions: [iam:CreateUser] }\n",
        ".iam-lint.yaml:5:5: customRules: ACME102: 'organization' needs 'organizationalUnits' or 'accounts'");
    assertConfigError(rule + "    organization: { actions: [iam:CreateUser], accounts: [lab], ous: [Prod] }\n",
        "unknown key 'ous' in /customRules/0/organization");
    assertConfigError(rule + "    organization: { accounts: [lab] }\n", "/customRules/0/organization: missing required key 'actions'");
  }

  // ------------------------------------------------ organization from the configuration section

  private static final String ADMINS_EVERYWHERE = """
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Admins:
          Type: AWS::SSO::PermissionSet
          Properties:
            InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
            Name: Admins
            InlinePolicy:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Action: '*'
                  Resource: '*'
        AdminsInShop:
          Type: AWS::SSO::Assignment
          Properties:
            InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
            PermissionSetArn: !GetAtt Admins.PermissionSetArn
            PrincipalType: GROUP
            PrincipalId: 906752d0-5081-70fb-d1c6-2f2a9f2b5e3d
            TargetId: '111111111111'
            TargetType: AWS_ACCOUNT
        AdminsInPayments:
          Type: AWS::SSO::Assignment
          Properties:
            InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
            PermissionSetArn: !GetAtt Admins.PermissionSetArn
            PrincipalType: GROUP
            PrincipalId: 906752d0-5081-70fb-d1c6-2f2a9f2b5e3d
            TargetId: '222222222222'
            TargetType: AWS_ACCOUNT
        AdminsInManagement:
          Type: AWS::SSO::Assignment
          Properties:
            InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
            PermissionSetArn: !GetAtt Admins.PermissionSetArn
            PrincipalType: GROUP
            PrincipalId: 906752d0-5081-70fb-d1c6-2f2a9f2b5e3d
            TargetId: '999999999999'
            TargetType: AWS_ACCOUNT
      """;

  private void organization(String customRule, String organization) throws IOException {
    Files.writeString(root.resolve("identity-center.yaml"), ADMINS_EVERYWHERE);
    Files.createDirectories(root.resolve("scps"));
    Files.writeString(root.resolve("scps/deny-delete.json"), """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Deny", "Action": ["s3:DeleteBucket", "kms:ScheduleKeyDeletion"], "Resource": "*"}]}
        """);
    config("customRules:\n" + customRule + "organization:\n" + organization);
  }

  private static final String NO_DELETE = """
        - id: ACME110
          name: no-deletion-in-prod
          level: error
          message: deletion is for the pipeline
          organization:
            actions: [s3:DeleteBucket, kms:ScheduleKeyDeletion]
            organizationalUnits: [Prod]
      """;

  private List<Finding> acme110() {
    return run().findings().stream().filter(f -> f.ruleId().equals("ACME110")).toList();
  }

  @Test
  void theAccountsOfOusBelowAreInScope() throws IOException {
    organization(NO_DELETE, """
          organizationalUnits:
            - { name: Prod, id: ou-prod, parent: Root }
            - { name: Shops, parent: Prod }
          accounts:
            - { name: shop, id: '111111111111', organizationalUnit: Shops }
            - { name: payments, id: '222222222222', organizationalUnit: Prod }
        """);
    List<Finding> found = acme110();
    assertEquals(1, found.size(), found.toString());
    assertEquals(Level.ERROR, found.get(0).level());
    assertTrue(found.get(0).message().endsWith("permission set Admins allows s3:DeleteBucket, kms:ScheduleKeyDeletion in account shop, account payments"),
        found.get(0).message());
  }

  @Test
  void anScpDenyingAtTheOuLeavesNothingToReport() throws IOException {
    organization(NO_DELETE, """
          organizationalUnits:
            - { name: Prod, id: ou-prod, parent: Root, scps: [scps/deny-delete.json] }
          accounts:
            - { name: shop, id: '111111111111', organizationalUnit: Prod }
        """);
    assertEquals(List.of(), acme110());
  }

  @Test
  void theManagementAccountIsNotProtectedByScps() throws IOException {
    // SCPs do not affect the management account (AWS Organizations User Guide, "Service control policies").
    organization(NO_DELETE, """
          managementAccount: management
          root: { scps: [scps/deny-delete.json] }
          organizationalUnits:
            - { name: Prod, id: ou-prod, parent: Root }
          accounts:
            - { name: shop, id: '111111111111', organizationalUnit: Prod }
            - { name: management, id: '999999999999', organizationalUnit: Prod }
        """);
    List<Finding> found = acme110();
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().endsWith("in account management"), found.get(0).message());
  }

  @Test
  void anRcpDenyingTheActionOnTheAccountsResourcesLeavesNothingToReport() throws IOException {
    organization(NO_DELETE.replace("[s3:DeleteBucket, kms:ScheduleKeyDeletion]", "[s3:DeleteBucket]"), """
          organizationalUnits:
            - { name: Prod, id: ou-prod, parent: Root, rcps: [rcps/deny-delete.json] }
          accounts:
            - { name: shop, id: '111111111111', organizationalUnit: Prod }
        """);
    Files.createDirectories(root.resolve("rcps"));
    Files.writeString(root.resolve("rcps/deny-delete.json"), """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": "*"}]}
        """);
    assertEquals(List.of(), acme110());
  }
}
