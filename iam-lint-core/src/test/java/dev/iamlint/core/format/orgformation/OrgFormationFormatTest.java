package dev.iamlint.core.format.orgformation;

import static dev.iamlint.core.format.ExtractTestSupport.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** org-formation's organization.yml as an organization source. */
class OrgFormationFormatTest {

  private static final String ORG = """
      AWSTemplateFormatVersion: '2010-09-09-OC'
      Organization:
        Management:
          Type: OC::ORG::MasterAccount
          Properties:
            AccountName: Management
            AccountId: '111111111111'
        Root:
          Type: OC::ORG::OrganizationRoot
          Properties:
            ServiceControlPolicies: !Ref DenyLeaveSCP
        WorkloadsOU:
          Type: OC::ORG::OrganizationalUnit
          Properties:
            OrganizationalUnitName: Workloads
            OrganizationalUnits: [!Ref ProdOU]
        ProdOU:
          Type: OC::ORG::OrganizationalUnit
          Properties:
            OrganizationalUnitName: Prod
            Accounts:
              - !Ref ShopAccount
            ServiceControlPolicies:
              - !Ref DenyLeaveSCP
        ShopAccount:
          Type: OC::ORG::Account
          Properties:
            AccountName: Shop
            AccountId: '222222222222'
            RootEmail: shop@example.com
        DenyLeaveSCP:
          Type: OC::ORG::ServiceControlPolicy
          Properties:
            PolicyName: DenyLeave
            PolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Deny
                  Action: organizations:LeaveOrganization
                  Resource: '*'
      """;

  @Test
  void organizationOusAccountsAndAttachments(@TempDir Path root) throws IOException {
    Workspace ws = workspace(root, Config.DEFAULT, "organization.yml", ORG);
    Organization org = ws.org().orElseThrow();
    assertEquals(List.of("Workloads", "Workloads/Prod"), org.organizationalUnits().stream().map(Organization.Ou::path).toList());
    Organization.Account shop = org.accountByIdOrName("222222222222").orElseThrow();
    assertEquals("Workloads/Prod", shop.ou());
    assertEquals(26, shop.span().startLine());
    assertTrue(org.isManagement("111111111111"));
    assertEquals(Organization.ROOT, org.accountByIdOrName("Management").orElseThrow().ou());

    ScpAttachments scps = ws.scps();
    List<PolicyAttachment> atRoot = scps.attachedTo(OrgTarget.Kind.ROOT, Organization.ROOT);
    assertEquals(1, atRoot.size());
    assertEquals("organization.yml#Organization.DenyLeaveSCP", atRoot.get(0).path());
    assertEquals("DenyLeave", scps.document(atRoot.get(0)).name().text());
    assertEquals(1, scps.attachedTo(OrgTarget.Kind.ORGANIZATIONAL_UNIT, "Workloads/Prod").size());
    List<ScpAttachments.Level> levels = scps.scpLevels(shop);
    assertEquals(List.of("Root", "Workloads", "Workloads/Prod", "Shop"), levels.stream().map(ScpAttachments.Level::name).toList());
  }
}
