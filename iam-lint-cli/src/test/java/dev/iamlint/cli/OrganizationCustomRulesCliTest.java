package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organization-level form of {@code customRules:} through the CLI, with the organization
 * and its SCP files declared in the configuration's {@code organization:} section and the
 * permission sets in a CloudFormation template: check (exit code, position, message), explain,
 * a suppression, and the IAM604 view of the same grant where the SCP denies it.
 */
class OrganizationCustomRulesCliTest {

  @TempDir Path dir;

  private static final String CONFIG = """
      customRules:
        - id: ACME101
          name: no-iam-users-outside-the-pipeline
          level: error
          message: IAM users are created by the identity pipeline only
          organization:
            actions: [iam:CreateUser]
            organizationalUnits: [Prod, Sandbox]
      organization:
        organizationalUnits:
          - { name: Prod, parent: Root, scps: [scps/deny-iam-users.json] }
          - { name: Sandbox, parent: Root }
        accounts:
          - { name: shop, id: '111111111111', organizationalUnit: Prod }
          - { name: lab, id: '222222222222', organizationalUnit: Sandbox }
      """;

  private static final String SCP = """
      {
        "Version": "2012-10-17",
        "Statement": [
          {"Sid": "DenyIamUsers", "Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}
        ]
      }
      """;

  private static final String IDENTITY_CENTER = """
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
                  Action: iam:*
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
        AdminsInLab:
          Type: AWS::SSO::Assignment
          Properties:
            InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
            PermissionSetArn: !GetAtt Admins.PermissionSetArn
            PrincipalType: GROUP
            PrincipalId: 906752d0-5081-70fb-d1c6-2f2a9f2b5e3d
            TargetId: '222222222222'
            TargetType: AWS_ACCOUNT
      """;

  @BeforeEach
  void repository() throws IOException {
    Files.writeString(dir.resolve(".iam-lint.yaml"), CONFIG);
    Files.createDirectories(dir.resolve("scps"));
    Files.writeString(dir.resolve("scps/deny-iam-users.json"), SCP);
    Files.writeString(dir.resolve("identity-center.yaml"), IDENTITY_CENTER);
  }

  @Test
  void aGrantTheScpsLeaveOpenFailsTheRunAtTheGrantingAction() {
    MainTest.Run r = MainTest.run("check", "--no-color", "--root", dir.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("identity-center.yaml:12:21: error ACME101 no-iam-users-outside-the-pipeline: IAM users are "
        + "created by the identity pipeline only: permission set Admins allows iam:CreateUser in account lab"), r.out());
    assertFalse(r.out().contains("in account shop"), r.out());
  }

  @Test
  void explainDescribesTheDeclaredOrganizationRule() {
    MainTest.Run page = MainTest.run("explain", "--root", dir.toString(), "ACME101");
    assertEquals(0, page.code(), page.err());
    assertTrue(page.out().startsWith("# ACME101 no-iam-users-outside-the-pipeline"), page.out());
    assertTrue(page.out().contains("No permission set may be allowed `iam:CreateUser` in the accounts of the OUs `Prod`, "
        + "`Sandbox`"), page.out());
  }

  @Test
  void aSuppressionHidesTheFinding() throws IOException {
    Files.writeString(dir.resolve(".iam-lint.yaml"), CONFIG
        + "suppressions:\n  - { rule: ACME101, paths: [identity-center.yaml], reason: lab is a sandbox until 2027 }\n");
    MainTest.Run r = MainTest.run("check", "--no-color", "--root", dir.toString());
    assertFalse(r.out().contains("ACME101"), r.out());
    assertTrue(r.out().contains("(1 suppressed)"), r.out());
  }
}
