package dev.iamlint.rules.organization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One organization written in every organization source iam-lint reads gives the same IAM6xx
 * findings (rule and target; positions differ). The organization: the root; OUs Security,
 * Workloads and Workloads/Prod; accounts Management (the management account), Audit and LogArchive
 * (Security), Shop (Prod), Staging (Workloads), Sandbox (root); SCPs DenyLeave and ProtectTrail
 * (root), DenyIamUsers (Workloads), DenyDataDeletion (Prod) and DenyRegions (attached nowhere); an
 * RCP RequireTls (root); permission sets Admin (Staging, Sandbox), Operators (Prod: its
 * s3:DeleteBucket is dead there) and ReadOnly (root).
 *
 * <p>What a format cannot say is written the nearest way it can: CloudFormation cannot name the
 * management account nor give the ids of the accounts it creates, so its permission sets and
 * assignments are in the Identity Center pipeline format, by name; org-formation has no permission
 * sets nor RCPs, so it is paired with a CloudFormation template of permission sets (by id) and an
 * RCP template; the configuration's {@code organization:} section attaches policy files.
 */
class SameOrganizationInEveryFormatTest {

  // --- Policies shared by the formats that name policy files ---------------------------------

  private static final String DENY_LEAVE = """
      {"Version": "2012-10-17", "Statement": [{"Sid": "DenyLeave", "Effect": "Deny",
        "Action": "organizations:LeaveOrganization", "Resource": "*"}]}
      """;
  private static final String PROTECT_TRAIL = """
      {"Version": "2012-10-17", "Statement": [{"Sid": "ProtectTrail", "Effect": "Deny",
        "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"],
        "Resource": "*"}]}
      """;
  private static final String DENY_IAM_USERS = """
      {"Version": "2012-10-17", "Statement": [{"Sid": "DenyIamUsers", "Effect": "Deny",
        "Action": ["iam:CreateUser", "iam:CreateAccessKey"], "Resource": "*"}]}
      """;
  private static final String DENY_DATA_DELETION = """
      {"Version": "2012-10-17", "Statement": [{"Sid": "DenyDataDeletion", "Effect": "Deny",
        "Action": "s3:DeleteBucket", "Resource": "*"}]}
      """;
  private static final String DENY_REGIONS = """
      {"Version": "2012-10-17", "Statement": [{"Sid": "DenyRegions", "Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]}
      """;
  private static final String REQUIRE_TLS = """
      {"Version": "2012-10-17", "Statement": [{"Sid": "RequireTls", "Effect": "Deny", "Principal": "*",
        "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
      """;
  private static final String OPERATORS_INLINE = """
      {"Version": "2012-10-17", "Statement": [{"Sid": "Buckets", "Effect": "Allow",
        "Action": ["s3:GetObject", "s3:DeleteBucket"], "Resource": "*"}]}
      """;

  private static void policyFiles(Path root) throws IOException {
    write(root, "scps/DenyLeave.json", DENY_LEAVE);
    write(root, "scps/ProtectTrail.json", PROTECT_TRAIL);
    write(root, "scps/DenyIamUsers.json", DENY_IAM_USERS);
    write(root, "scps/DenyDataDeletion.json", DENY_DATA_DELETION);
    write(root, "scps/DenyRegions.json", DENY_REGIONS);
    write(root, "rcps/RequireTls.json", REQUIRE_TLS);
  }

  /** Permission sets and assignments in the Identity Center pipeline format. */
  private static void pipelinePermissionSets(Path root, boolean withIds) throws IOException {
    write(root, "permission-sets/Admin.json", """
        {"Name": "Admin", "SessionDuration": "PT4H", "ManagedPolicies": ["arn:aws:iam::aws:policy/AdministratorAccess"]}
        """);
    write(root, "permission-sets/ReadOnly.json", """
        {"Name": "ReadOnly", "SessionDuration": "PT4H", "ManagedPolicies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}
        """);
    write(root, "permission-sets/Operators.json", "{\"Name\": \"Operators\", \"SessionDuration\": \"PT4H\", \"CustomPolicy\": "
        + OPERATORS_INLINE + "}");
    String staging = withIds ? "Staging:555555555555" : "Staging:000000000000";
    String sandbox = withIds ? "Sandbox:666666666666" : "Sandbox:000000000000";
    write(root, "permission-sets/assignments.json", """
        {"Assignments": [
          {"SID": "AdminWorkloads", "Target": ["%s", "%s"], "PrincipalType": "GROUP", "PrincipalId": "admins", "PermissionSetName": "Admin"},
          {"SID": "OperatorsProd", "Target": ["Prod:ou-a1b2-prod0000"], "PrincipalType": "GROUP", "PrincipalId": "ops", "PermissionSetName": "Operators"},
          {"SID": "ReadOnlyEverywhere", "Target": ["Root"], "PrincipalType": "GROUP", "PrincipalId": "all", "PermissionSetName": "ReadOnly"}
        ]}
        """.formatted(staging, sandbox));
  }

  /** Permission sets and assignments as a CloudFormation template (accounts by id). */
  private static void cloudFormationPermissionSets(Path root) throws IOException {
    StringBuilder sb = new StringBuilder("""
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          Admin:
            Type: AWS::SSO::PermissionSet
            Properties:
              InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
              Name: Admin
              SessionDuration: PT4H
              ManagedPolicies: [arn:aws:iam::aws:policy/AdministratorAccess]
          ReadOnly:
            Type: AWS::SSO::PermissionSet
            Properties:
              InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
              Name: ReadOnly
              SessionDuration: PT4H
              ManagedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess]
          Operators:
            Type: AWS::SSO::PermissionSet
            Properties:
              InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
              Name: Operators
              SessionDuration: PT4H
              InlinePolicy:
                Version: '2012-10-17'
                Statement:
                  - Sid: Buckets
                    Effect: Allow
                    Action: [s3:GetObject, s3:DeleteBucket]
                    Resource: '*'
        """);
    String[][] assignments = {{"Admin", "555555555555"}, {"Admin", "666666666666"}, {"Operators", "444444444444"},
        {"ReadOnly", "111111111111"}, {"ReadOnly", "222222222222"}, {"ReadOnly", "333333333333"},
        {"ReadOnly", "444444444444"}, {"ReadOnly", "555555555555"}, {"ReadOnly", "666666666666"}};
    int i = 0;
    for (String[] a : assignments) {
      sb.append("""
            Assignment%d:
              Type: AWS::SSO::Assignment
              Properties:
                InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
                PermissionSetArn: !GetAtt %s.PermissionSetArn
                PrincipalType: GROUP
                PrincipalId: 906752d0-5081-70fb-d1c6-2f2a9f2b5e3d
                TargetType: AWS_ACCOUNT
                TargetId: '%s'
          """.formatted(i++, a[0], a[1]));
    }
    write(root, "identity-center/permission-sets.yaml", sb.toString());
  }

  // --- The four organization sources --------------------------------------------------------

  private static void lza(Path root) throws IOException {
    policyFiles(root);
    write(root, "config/organization-config.yaml", """
        enable: true
        organizationalUnits:
          - name: Security
          - name: Workloads
          - name: Workloads/Prod
        serviceControlPolicies:
          - name: DenyLeave
            description: deny leaving the organization
            policy: ../scps/DenyLeave.json
            type: customerManaged
            deploymentTargets: {organizationalUnits: [Root]}
          - name: ProtectTrail
            description: protect CloudTrail
            policy: ../scps/ProtectTrail.json
            type: customerManaged
            deploymentTargets: {organizationalUnits: [Root]}
          - name: DenyIamUsers
            description: no IAM users
            policy: ../scps/DenyIamUsers.json
            type: customerManaged
            deploymentTargets: {organizationalUnits: [Workloads]}
          - name: DenyDataDeletion
            description: keep production data
            policy: ../scps/DenyDataDeletion.json
            type: customerManaged
            deploymentTargets: {organizationalUnits: [Workloads/Prod]}
          - name: DenyRegions
            description: only eu-west-1
            policy: ../scps/DenyRegions.json
            type: customerManaged
        resourceControlPolicies:
          - name: RequireTls
            description: TLS only
            policy: ../rcps/RequireTls.json
            deploymentTargets: {organizationalUnits: [Root]}
        """);
    write(root, "config/accounts-config.yaml", """
        mandatoryAccounts:
          - {name: Management, email: management@example.com, organizationalUnit: Root}
          - {name: Audit, email: audit@example.com, organizationalUnit: Security}
          - {name: LogArchive, email: log@example.com, organizationalUnit: Security}
        workloadAccounts:
          - {name: Shop, email: shop@example.com, organizationalUnit: Workloads/Prod}
          - {name: Staging, email: staging@example.com, organizationalUnit: Workloads}
          - {name: Sandbox, email: sandbox@example.com, organizationalUnit: Root}
        accountIds:
          - {email: management@example.com, accountId: '111111111111'}
          - {email: audit@example.com, accountId: '222222222222'}
          - {email: log@example.com, accountId: '333333333333'}
          - {email: shop@example.com, accountId: '444444444444'}
          - {email: staging@example.com, accountId: '555555555555'}
          - {email: sandbox@example.com, accountId: '666666666666'}
        """);
    write(root, "config/iam-config.yaml", """
        identityCenter:
          name: identityCenter
          identityCenterPermissionSets:
            - name: Admin
              sessionDuration: 240
              policies:
                awsManaged: [AdministratorAccess]
            - name: ReadOnly
              sessionDuration: 240
              policies:
                awsManaged: [ReadOnlyAccess]
            - name: Operators
              sessionDuration: 240
              policies:
                inlinePolicy: ../iam-policies/operators.json
          identityCenterAssignments:
            - name: AdminWorkloads
              permissionSetName: Admin
              principals: [{type: GROUP, name: admins}]
              deploymentTargets: {accounts: [Staging, Sandbox]}
            - name: OperatorsProd
              permissionSetName: Operators
              principals: [{type: GROUP, name: ops}]
              deploymentTargets: {organizationalUnits: [Workloads/Prod]}
            - name: ReadOnlyEverywhere
              permissionSetName: ReadOnly
              principals: [{type: GROUP, name: all}]
              deploymentTargets: {organizationalUnits: [Root]}
        """);
    write(root, "iam-policies/operators.json", OPERATORS_INLINE);
  }

  private static void cloudFormation(Path root) throws IOException {
    StringBuilder sb = new StringBuilder("""
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          Security:
            Type: AWS::Organizations::OrganizationalUnit
            Properties: {Name: Security, ParentId: r-a1b2}
          Workloads:
            Type: AWS::Organizations::OrganizationalUnit
            Properties: {Name: Workloads, ParentId: r-a1b2}
          Prod:
            Type: AWS::Organizations::OrganizationalUnit
            Properties: {Name: Prod, ParentId: !GetAtt Workloads.Id}
          Audit:
            Type: AWS::Organizations::Account
            Properties: {AccountName: Audit, Email: audit@example.com, ParentIds: [!Ref Security]}
          LogArchive:
            Type: AWS::Organizations::Account
            Properties: {AccountName: LogArchive, Email: log@example.com, ParentIds: [!Ref Security]}
          Shop:
            Type: AWS::Organizations::Account
            Properties: {AccountName: Shop, Email: shop@example.com, ParentIds: [!Ref Prod]}
          Staging:
            Type: AWS::Organizations::Account
            Properties: {AccountName: Staging, Email: staging@example.com, ParentIds: [!Ref Workloads]}
          Sandbox:
            Type: AWS::Organizations::Account
            Properties: {AccountName: Sandbox, Email: sandbox@example.com, ParentIds: [r-a1b2]}
        """);
    policy(sb, "DenyLeave", "SERVICE_CONTROL_POLICY", "[r-a1b2]", DENY_LEAVE);
    policy(sb, "ProtectTrail", "SERVICE_CONTROL_POLICY", "[r-a1b2]", PROTECT_TRAIL);
    policy(sb, "DenyIamUsers", "SERVICE_CONTROL_POLICY", "[!Ref Workloads]", DENY_IAM_USERS);
    policy(sb, "DenyDataDeletion", "SERVICE_CONTROL_POLICY", "[!GetAtt Prod.Id]", DENY_DATA_DELETION);
    policy(sb, "DenyRegions", "SERVICE_CONTROL_POLICY", null, DENY_REGIONS);
    policy(sb, "RequireTls", "RESOURCE_CONTROL_POLICY", "[r-a1b2]", REQUIRE_TLS);
    write(root, "org/organization.yaml", sb.toString());
    pipelinePermissionSets(root, false);
  }

  /** An AWS::Organizations::Policy whose Content is the policy as a JSON string. */
  private static void policy(StringBuilder sb, String name, String type, String targets, String json) {
    sb.append("  ").append(name).append("Policy:\n    Type: AWS::Organizations::Policy\n    Properties:\n")
        .append("      Name: ").append(name).append('\n')
        .append("      Type: ").append(type).append('\n');
    if (targets != null) sb.append("      TargetIds: ").append(targets).append('\n');
    sb.append("      Content: '").append(json.strip().replace("\n", " ")).append("'\n");
  }

  private static void orgFormation(Path root) throws IOException {
    StringBuilder sb = new StringBuilder("""
        AWSTemplateFormatVersion: '2010-09-09-OC'
        Organization:
          ManagementAccount:
            Type: OC::ORG::MasterAccount
            Properties: {AccountName: Management, AccountId: '111111111111', RootEmail: management@example.com}
          OrganizationRoot:
            Type: OC::ORG::OrganizationRoot
            Properties:
              ServiceControlPolicies: [!Ref DenyLeaveSCP, !Ref ProtectTrailSCP]
          SecurityOU:
            Type: OC::ORG::OrganizationalUnit
            Properties:
              OrganizationalUnitName: Security
              Accounts: [!Ref AuditAccount, !Ref LogArchiveAccount]
          WorkloadsOU:
            Type: OC::ORG::OrganizationalUnit
            Properties:
              OrganizationalUnitName: Workloads
              Accounts: !Ref StagingAccount
              OrganizationalUnits: !Ref ProdOU
              ServiceControlPolicies: !Ref DenyIamUsersSCP
          ProdOU:
            Type: OC::ORG::OrganizationalUnit
            Properties:
              OrganizationalUnitName: Prod
              Accounts: [!Ref ShopAccount]
              ServiceControlPolicies: [!Ref DenyDataDeletionSCP]
          AuditAccount:
            Type: OC::ORG::Account
            Properties: {AccountName: Audit, AccountId: '222222222222', RootEmail: audit@example.com}
          LogArchiveAccount:
            Type: OC::ORG::Account
            Properties: {AccountName: LogArchive, AccountId: '333333333333', RootEmail: log@example.com}
          ShopAccount:
            Type: OC::ORG::Account
            Properties: {AccountName: Shop, AccountId: '444444444444', RootEmail: shop@example.com}
          StagingAccount:
            Type: OC::ORG::Account
            Properties: {AccountName: Staging, AccountId: '555555555555', RootEmail: staging@example.com}
          SandboxAccount:
            Type: OC::ORG::Account
            Properties: {AccountName: Sandbox, AccountId: '666666666666', RootEmail: sandbox@example.com}
        """);
    for (String[] p : new String[][] {{"DenyLeave", DENY_LEAVE}, {"ProtectTrail", PROTECT_TRAIL},
        {"DenyIamUsers", DENY_IAM_USERS}, {"DenyDataDeletion", DENY_DATA_DELETION}, {"DenyRegions", DENY_REGIONS}}) {
      sb.append("  ").append(p[0]).append("SCP:\n    Type: OC::ORG::ServiceControlPolicy\n    Properties:\n")
          .append("      PolicyName: ").append(p[0]).append('\n')
          .append("      PolicyDocument: ").append(p[1].strip().replace("\n", " ")).append('\n');
    }
    write(root, "organization.yml", sb.toString());
    // org-formation has no RCP resource: a CloudFormation template attaches it to the root.
    StringBuilder rcp = new StringBuilder("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n");
    policy(rcp, "RequireTls", "RESOURCE_CONTROL_POLICY", "[r-a1b2]", REQUIRE_TLS);
    write(root, "templates/rcp.yaml", rcp.toString());
    cloudFormationPermissionSets(root);
  }

  private static void configSection(Path root) throws IOException {
    policyFiles(root);
    write(root, ".iam-lint.yaml", """
        kinds:
          scp: ["scps/**"]
          rcp: ["rcps/**"]
        organization:
          managementAccount: Management
          root:
            scps: [scps/DenyLeave.json, scps/ProtectTrail.json]
            rcps: [rcps/RequireTls.json]
          organizationalUnits:
            - {name: Security, parent: Root}
            - {name: Workloads, parent: Root, scps: [scps/DenyIamUsers.json]}
            - {name: Prod, parent: Workloads, scps: [scps/DenyDataDeletion.json]}
          accounts:
            - {name: Management, id: '111111111111', organizationalUnit: Root}
            - {name: Audit, id: '222222222222', organizationalUnit: Security}
            - {name: LogArchive, id: '333333333333', organizationalUnit: Security}
            - {name: Shop, id: '444444444444', organizationalUnit: Workloads/Prod}
            - {name: Staging, id: '555555555555', organizationalUnit: Workloads}
            - {name: Sandbox, id: '666666666666', organizationalUnit: Root}
        """);
    cloudFormationPermissionSets(root);
  }

  // --- The comparison -------------------------------------------------------------------------

  private static final Pattern SCP_NAME = Pattern.compile("SCP (\\S+)");

  /** A finding's rule and target: its message with the formats' names of policies made one. */
  private static Set<String> organizationFindings(Path root) {
    LintResult r = new Engine(Engine.discoverRules(SameOrganizationInEveryFormatTest.class.getClassLoader()))
        .run(LintRequest.of(root).withNow(Instant.parse("2026-11-24T12:00:00Z")).withThreads(1));
    Set<String> out = new TreeSet<>();
    for (Finding f : r.findings()) {
      if (!f.ruleId().startsWith("IAM6")) continue;
      String m = f.message().replace("scps/", "").replace("rcps/", "").replace(".json", "");
      if (f.ruleId().equals("IAM605")) {
        Matcher sm = SCP_NAME.matcher(m);
        m = sm.find() ? "SCP " + sm.group(1) : m;
      }
      if (f.ruleId().equals("IAM606")) m = "";
      out.add(f.ruleId() + " " + m);
    }
    return out;
  }

  @Test
  void everyOrganizationSourceGivesTheSameOrganizationFindings(@TempDir Path tmp) throws IOException {
    Path lza = Files.createDirectories(tmp.resolve("lza"));
    Path cfn = Files.createDirectories(tmp.resolve("cloudformation"));
    Path of = Files.createDirectories(tmp.resolve("org-formation"));
    Path config = Files.createDirectories(tmp.resolve("config"));
    lza(lza);
    cloudFormation(cfn);
    orgFormation(of);
    configSection(config);
    Set<String> expected = organizationFindings(lza);
    // The organization's own findings, so that the comparison is not of two empty sets.
    assertTrue(expected.stream().anyMatch(f -> f.startsWith("IAM604 permission set Operators grants s3:DeleteBucket, which the "
        + "SCPs of account Shop always deny")), expected.toString());
    assertTrue(expected.contains("IAM605 SCP DenyRegions"), expected.toString());
    assertTrue(expected.stream().anyMatch(f -> f.startsWith("IAM603 Security and everything below it lack the guardrail deny-iam-users")),
        expected.toString());
    assertTrue(expected.stream().anyMatch(f -> f.startsWith("IAM606")), expected.toString());
    assertEquals(expected, organizationFindings(cfn), "CloudFormation");
    assertEquals(expected, organizationFindings(of), "org-formation");
    assertEquals(expected, organizationFindings(config), "organization section");
  }

  private static void write(Path root, String rel, String content) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

}
