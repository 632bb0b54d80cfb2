package dev.iamlint.core.format.cloudformation;

import static dev.iamlint.core.format.ExtractTestSupport.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.workspace.Organization;
import dev.iamlint.core.workspace.ScpAttachments;
import dev.iamlint.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CloudFormation template's AWS::Organizations resources as an organization source. */
class CloudFormationOrganizationTest {

  private static final String TEMPLATE = """
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Org:
          Type: AWS::Organizations::Organization
          Properties: {FeatureSet: ALL}
        Workloads:
          Type: AWS::Organizations::OrganizationalUnit
          Properties:
            Name: Workloads
            ParentId: !GetAtt Org.RootId
        Prod:
          Type: AWS::Organizations::OrganizationalUnit
          Properties:
            Name: Prod
            ParentId: {"Fn::GetAtt": [Workloads, Id]}
        Shop:
          Type: AWS::Organizations::Account
          Properties:
            AccountName: shop
            Email: shop@example.com
            ParentIds: [!Ref Prod]
        Loose:
          Type: AWS::Organizations::Account
          Properties:
            AccountName: loose
            Email: loose@example.com
        DenyLeave:
          Type: AWS::Organizations::Policy
          Properties:
            Name: DenyLeave
            Type: SERVICE_CONTROL_POLICY
            TargetIds: [r-ab12, !Ref Prod, !GetAtt Shop.AccountId, '123456789012', !Ref SomeParameter]
            Content: '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}'
        Tls:
          Type: AWS::Organizations::Policy
          Properties:
            Name: Tls
            Type: RESOURCE_CONTROL_POLICY
            TargetIds: [!GetAtt Org.RootId]
            Content:
              Version: '2012-10-17'
              Statement:
                - Effect: Deny
                  Principal: '*'
                  Action: s3:*
                  Resource: '*'
                  Condition: {Bool: {aws:SecureTransport: 'false'}}
        Unattached:
          Type: AWS::Organizations::Policy
          Properties:
            Name: Unattached
            Type: SERVICE_CONTROL_POLICY
            Content: {Version: '2012-10-17', Statement: [{Effect: Deny, Action: 's3:*', Resource: '*'}]}
      """;

  @Test
  void ousAccountsAndAttachmentsWithTheirPositions(@TempDir Path root) throws IOException {
    Workspace ws = workspace(root, Config.DEFAULT, "org/template.yaml", TEMPLATE);
    Organization org = ws.org().orElseThrow();
    assertEquals(List.of("Workloads", "Workloads/Prod"), org.organizationalUnits().stream().map(Organization.Ou::path).toList());
    assertEquals(7, org.ouByIdOrNameOrPath("Workloads").orElseThrow().span().startLine());
    Organization.Account shop = org.accountByIdOrName("shop").orElseThrow();
    assertEquals("Workloads/Prod", shop.ou());
    assertEquals(Organization.ROOT, org.accountByIdOrName("loose").orElseThrow().ou());

    ScpAttachments scps = ws.scps();
    List<PolicyAttachment> atRoot = scps.attachedTo(OrgTarget.Kind.ROOT, Organization.ROOT);
    assertEquals(1, atRoot.size());
    assertEquals("org/template.yaml#Resources.DenyLeave", atRoot.get(0).path());
    assertEquals(32, atRoot.get(0).span().startLine());
    assertNotNull(scps.document(atRoot.get(0)), "the SCP given as a JSON string is the attached document");
    assertEquals(1, scps.attachedTo(OrgTarget.Kind.ORGANIZATIONAL_UNIT, "Workloads/Prod").size());
    assertEquals(1, scps.attachedTo(OrgTarget.Kind.ACCOUNT, "shop").size(), "!GetAtt Shop.AccountId names the account");
    assertEquals(1, scps.attachedTo(OrgTarget.Kind.ACCOUNT, "123456789012").size());
    assertTrue(scps.isAttached("org/template.yaml#Resources.DenyLeave"));
    assertTrue(!scps.isAttached("org/template.yaml#Resources.Unattached"));
    // The RCP is attached to the root (for evaluation), not counted with the SCPs.
    List<ScpAttachments.Level> rcps = scps.rcpLevels(shop);
    assertEquals("Tls", rcps.get(0).policies().get(0).label());
    assertNotNull(scps.document(rcps.get(0).policies().get(0)));
    assertEquals(List.of("Root", "Workloads", "Workloads/Prod", "shop"), scps.scpLevels(shop).stream().map(ScpAttachments.Level::name).toList());
  }

  @Test
  void aTemplateWithoutOrganizationResourcesIsNoOrganizationSource(@TempDir Path root) throws IOException {
    Workspace ws = workspace(root, Config.DEFAULT, "t.yaml", """
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          P:
            Type: AWS::Organizations::Policy
            Properties:
              Name: P
              Type: SERVICE_CONTROL_POLICY
              Content: {Version: '2012-10-17', Statement: [{Effect: Deny, Action: 's3:*', Resource: '*'}]}
        """);
    assertTrue(ws.org().isEmpty());
  }

  @Test
  void attachmentsByIdAloneAreCountedButDescribeNoOrganization(@TempDir Path root) throws IOException {
    StringBuilder t = new StringBuilder("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n");
    for (int i = 1; i <= 6; i++) {
      t.append("  P").append(i).append(":\n    Type: AWS::Organizations::Policy\n    Properties:\n      Name: P").append(i)
          .append("\n      Type: SERVICE_CONTROL_POLICY\n      TargetIds: [ou-ab12-34567890]\n")
          .append("      Content: {Version: '2012-10-17', Statement: [{Effect: Deny, Action: 's3:*', Resource: '*'}]}\n");
    }
    Workspace ws = workspace(root, Config.DEFAULT, "t.yaml", t.toString());
    assertTrue(ws.org().isEmpty(), "the OU is defined elsewhere: no organization to judge as a whole");
    ScpAttachments.Target ou = ws.scps().targets().get(0);
    assertEquals("ou-ab12-34567890", ou.name());
    assertEquals(6, ou.scps().size(), "the six attachments are counted (IAM602)");
  }
}
