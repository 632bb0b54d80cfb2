package dev.iamlint.rules.organization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository holding two Landing Zone Accelerator configurations (a production and a test
 * landing zone) is two deployments: each has its own organization, guardrails, customer managed
 * policies and Identity Center instance. One configuration's permission sets never collide with
 * the other's names, its guardrails never cover the other's root, and its policies never resolve
 * the other's references. A repository of one landing zone reads every other file with it, as
 * before.
 */
class SeveralLandingZonesTest {

  private static final Engine ENGINE = new Engine();

  private static final String ACCOUNTS = """
      mandatoryAccounts:
        - name: Management
          email: mgmt@example.com
          organizationalUnit: Root
        - name: LogArchive
          email: log@example.com
          organizationalUnit: Security
      workloadAccounts: []
      """;
  private static final String GUARDRAILS = """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Leave", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"},
        {"Sid": "Trail", "Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
          "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"], "Resource": "*"},
        {"Sid": "Users", "Effect": "Deny", "Action": ["iam:CreateUser", "iam:CreateAccessKey"], "Resource": "*"},
        {"Sid": "Pab", "Effect": "Deny", "Action": ["s3:PutBucketPublicAccessBlock", "s3:PutAccountPublicAccessBlock"],
          "Resource": "*"},
        {"Sid": "Security", "Effect": "Deny", "Action": ["guardduty:DeleteDetector", "guardduty:DisassociateFromMasterAccount",
          "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "securityhub:DisableSecurityHub"],
          "Resource": "*"},
        {"Sid": "Root", "Effect": "Deny", "Action": "*", "Resource": "*",
          "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}}]}
      """;
  private static final String ORGANIZATION_GUARDED = """
      enable: true
      organizationalUnits:
        - name: Security
      serviceControlPolicies:
        - name: Guardrails
          description: every guardrail
          policy: service-control-policies/guardrails.json
          type: customerManaged
          deploymentTargets:
            organizationalUnits:
              - Root
      """;
  private static final String ORGANIZATION_BARE = """
      enable: true
      organizationalUnits:
        - name: Security
      serviceControlPolicies: []
      """;
  private static final String CMP = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
      """;
  /** A permission set named Admin attaching the customer managed policy Reader (policy set or not). */
  private static String iamConfig(boolean definesReader) {
    return (definesReader ? """
        policySets:
          - deploymentTargets:
              organizationalUnits:
                - Root
            policies:
              - name: Reader
                policy: iam-policies/reader.json
        """ : "") + """
        identityCenter:
          name: identityCenter1
          identityCenterPermissionSets:
            - name: Admin
              policies:
                awsManaged:
                  - ReadOnlyAccess
                customerManaged:
                  - Reader
              sessionDuration: 60
        """;
  }

  @Test
  void twoLandingZonesAreTwoDeployments(@TempDir Path root) throws IOException {
    write(root, "prod/accounts-config.yaml", ACCOUNTS);
    write(root, "prod/organization-config.yaml", ORGANIZATION_GUARDED);
    write(root, "prod/service-control-policies/guardrails.json", GUARDRAILS);
    write(root, "prod/iam-config.yaml", iamConfig(true));
    write(root, "prod/iam-policies/reader.json", CMP);
    write(root, "test/accounts-config.yaml", ACCOUNTS);
    write(root, "test/organization-config.yaml", ORGANIZATION_BARE);
    write(root, "test/iam-config.yaml", iamConfig(false));

    Set<String> found = findings(root, List.of());
    // No IAM509: each landing zone has its own Identity Center instance, where Admin is unique.
    // The test landing zone's root lacks every guardrail that the production one attaches; its
    // Admin attaches a Reader policy only the production landing zone creates.
    assertEquals(new TreeSet<>(Set.of(
        "IAM501 test/iam-config.yaml:9",
        "IAM603 test/organization-config.yaml:4 deny-iam-users",
        "IAM603 test/organization-config.yaml:4 deny-leave-organization",
        "IAM603 test/organization-config.yaml:4 protect-cloudtrail",
        "IAM603 test/organization-config.yaml:4 protect-s3-public-access-block",
        "IAM603 test/organization-config.yaml:4 protect-security-services",
        "IAM603 test/organization-config.yaml:4 restrict-root-user")), found);
    // --verbose says why: the deployments are named in a note.
    LintResult run = ENGINE.run(LintRequest.of(root).withCacheDir(null));
    assertEquals(1, run.notifications().stream()
        .filter(n -> n.message().startsWith("each of prod/, test/ is a deployment of its own")).count(),
        run.notifications().toString());
    // A run over one staged file judges it as the whole-repository run does.
    assertEquals(Set.of("IAM501 test/iam-config.yaml:9"), findings(root, List.of(root.resolve("test/iam-config.yaml"))));
    assertEquals(Set.of(), findings(root, List.of(root.resolve("prod/iam-config.yaml"))));
  }

  @Test
  void oneLandingZoneReadsTheRestOfTheRepositoryWithIt(@TempDir Path root) throws IOException {
    write(root, "lza/accounts-config.yaml", ACCOUNTS);
    write(root, "lza/organization-config.yaml", ORGANIZATION_GUARDED);
    write(root, "lza/service-control-policies/guardrails.json", GUARDRAILS);
    write(root, "lza/iam-config.yaml", iamConfig(false));
    // The Reader policy comes from a CloudFormation template beside the landing zone.
    write(root, "stacks/reader.yaml", """
        Resources:
          Reader:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              ManagedPolicyName: Reader
              PolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Action: s3:GetObject
                    Resource: '*'
        """);
    assertEquals(Set.of(), findings(root, List.of()));
  }

  /** org-formation: one organization per organization.yml, each with the task files beside and below it. */
  @Test
  void twoOrgFormationOrganizationsAreTwoDeployments(@TempDir Path root) throws IOException {
    write(root, "guarded/organization.yml", """
        AWSTemplateFormatVersion: '2010-09-09-OC'
        Organization:
          MasterAccount:
            Type: OC::ORG::MasterAccount
            Properties:
              AccountName: Management
              AccountId: '111111111111'
          OrganizationRoot:
            Type: OC::ORG::OrganizationRoot
            Properties:
              ServiceControlPolicies:
                - !Ref GuardrailsScp
          GuardrailsScp:
            Type: OC::ORG::ServiceControlPolicy
            Properties:
              PolicyName: Guardrails
              PolicyDocument:
        """ + GUARDRAILS.indent(8));
    write(root, "bare/organization.yml", """
        AWSTemplateFormatVersion: '2010-09-09-OC'
        Organization:
          MasterAccount:
            Type: OC::ORG::MasterAccount
            Properties:
              AccountName: Management
              AccountId: '222222222222'
          Workload:
            Type: OC::ORG::Account
            Properties:
              AccountName: Workload
              AccountId: '333333333333'
              RootEmail: workload@example.com
        """);
    Set<String> found = findings(root, List.of());
    // The bare organization's root lacks every guardrail, reported at its management account's
    // type (it declares no OrganizationRoot); the guarded one's guardrails do not cover it.
    assertEquals(6, found.size(), found.toString());
    for (String f : found) assertEquals("IAM603 bare/organization.yml:4", f.substring(0, f.lastIndexOf(' ')), f);
  }

  /** "IAMnnn path:line", with the guardrail's name for IAM603. */
  private static Set<String> findings(Path root, List<Path> targets) {
    LintResult r = ENGINE.run(LintRequest.of(root).withPaths(targets).withNow(Instant.parse("2026-12-07T00:00:00Z"))
        .withCacheDir(null).withRuleLevels(Map.of("IAM504", "off")));
    assertEquals(List.of(), r.notifications().stream().filter(n -> n.failure() != null).toList());
    Set<String> out = new TreeSet<>();
    for (Finding f : r.findings()) {
      String id = f.ruleId();
      if (!id.startsWith("IAM5") && !id.startsWith("IAM6")) continue;
      String s = id + " " + f.location().path() + ":" + f.location().span().startLine();
      if (id.equals("IAM603")) s += " " + f.message().replaceAll(".*the guardrail (\\S+).*", "$1");
      out.add(s);
    }
    return out;
  }

  private static void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
