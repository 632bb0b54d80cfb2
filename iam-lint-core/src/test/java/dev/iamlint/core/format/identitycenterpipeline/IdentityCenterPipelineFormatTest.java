package dev.iamlint.core.format.identitycenterpipeline;

import static dev.iamlint.core.format.ExtractTestSupport.assignments;
import static dev.iamlint.core.format.ExtractTestSupport.extract;
import static dev.iamlint.core.format.ExtractTestSupport.permissionSets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityCenterPipelineFormatTest {

  @Test
  void permissionSetFile(@TempDir Path dir) throws IOException {
    PermissionSet ps = permissionSets(extract(dir, "permission-sets/ops.json", """
        {"Name": "Ops", "SessionDuration": "PT4H", "ManagedPolicies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
         "CustomerManagedPolicies": [{"Name": "OpsPolicy", "Path": "/ops/"}],
         "PermissionBoundary": {"PolicyType": "CUSTOMER", "Policy": "Boundary"},
         "CustomPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}
        """)).get(0);
    assertEquals("Ops", ps.name().text());
    assertEquals("/ops/", ps.customerManagedPolicies().get(0).path().text());
    assertEquals("Boundary", ps.boundary().customerManaged().name().text());
    assertNotNull(ps.inlinePolicy());
  }

  @Test
  void apiShapedPermissionSets(@TempDir Path dir) throws IOException {
    List<PermissionSet> list = permissionSets(extract(dir, "permission-sets.json", """
        [{"Name": "Data", "Description": "Data engineers", "SessionDuration": "PT8H", "RelayState": "https://console.aws.amazon.com/",
          "AttachedManagedPolicies": [{"Arn": "arn:aws:iam::aws:policy/AmazonAthenaFullAccess", "Name": "AmazonAthenaFullAccess"}],
          "CustomerManagedPolicyReferences": [{"Name": "DataLake", "Path": "/data/"}],
          "PermissionsBoundary": {"CustomerManagedPolicyReference": {"Name": "Boundary", "Path": "/"}},
          "InlinePolicy": "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"s3:GetObject\\", \\"Resource\\": \\"*\\"}]}"},
         {"Name": "View", "ManagedPolicies": ["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]}]
        """));
    assertEquals(2, list.size());
    PermissionSet ps = list.get(0);
    assertEquals("identity-center-api", ps.format());
    assertEquals(List.of("arn:aws:iam::aws:policy/AmazonAthenaFullAccess"), ps.managedPolicies().stream().map(s -> s.text()).toList());
    assertEquals("/data/", ps.customerManagedPolicies().get(0).path().text());
    assertEquals("Boundary", ps.boundary().customerManaged().name().text());
    assertNotNull(ps.inlinePolicy());
    PermissionSet wrapped = permissionSets(extract(dir, "describe.json", """
        {"PermissionSet": {"Name": "Ops", "PermissionSetArn": "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef", "SessionDuration": "PT1H"}}
        """)).get(0);
    assertEquals("Ops", wrapped.name().text());
  }

  @Test
  void assignmentsFile(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "assignments.json", """
        {"Assignments": [{"PermissionSetName": "Ops", "PrincipalType": "GROUP", "PrincipalId": "ops",
          "Target": ["Root", "prod:111122223333", "workloads:ou-ab12-11111111:*", "tag:team"]}]}
        """);
    Assignment a = assignments(ctx).get(0);
    assertEquals(List.of(Assignment.Type.ROOT, Assignment.Type.ACCOUNT, Assignment.Type.ORGANIZATIONAL_UNIT_RECURSIVE,
        Assignment.Type.OTHER), a.targets().stream().map(Assignment.Target::type).toList());
    assertEquals("ou-ab12-11111111", a.targets().get(2).id());
  }

  @Test
  void awsIaModuleTemplateWithItsAssignments(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "templates/ps-billing.json", """
        {
          "Name": "ps-billing", "Comment": "c", "Description": "d", "SessionDuration": "PT4H",
          "ManagedPolicies": ["arn:aws:iam::aws:policy/job-function/Billing"],
          "CustomerPolicies": ["BillingExtras"],
          "CustomPolicy": {},
          "PermissionBoundary": {"ManagedPolicy": "", "CustomerPolicy": "Boundary"},
          "Tags": {"Team": "finance"},
          "Assignments": [
            {"all_accounts": true, "principal": "G_BILLING", "type": "GROUP", "account_id": [], "account_ou": [], "account_tag": []},
            {"all_accounts": false, "principal": "jane", "type": "USER", "account_id": ["111122223333"],
             "account_ou": ["ou-ab12-11111111"], "account_tag": {"env": "prod"}}
          ]
        }
        """);
    PermissionSet ps = permissionSets(ctx).get(0);
    assertEquals("aws-ia-permission-sets", ps.format());
    assertEquals(List.of("BillingExtras"), ps.customerManagedPolicies().stream().map(c -> c.name().text()).toList());
    assertNull(ps.boundary().managedPolicy(), "an empty string is no policy");
    assertEquals("Boundary", ps.boundary().customerManaged().name().text());
    assertNull(ps.inlinePolicy(), "an empty CustomPolicy is none");
    assertEquals("finance", ps.tags().get("Team"));
    List<Assignment> as = assignments(ctx);
    assertEquals(2, as.size(), "the permission set's own assignments");
    assertEquals("ps-billing", as.get(0).permissionSet().text());
    assertEquals(List.of(Assignment.Type.ROOT), as.get(0).targets().stream().map(Assignment.Target::type).toList());
    assertEquals(List.of(Assignment.Type.ACCOUNT, Assignment.Type.ORGANIZATIONAL_UNIT_RECURSIVE, Assignment.Type.OTHER),
        as.get(1).targets().stream().map(Assignment.Target::type).toList());
    assertEquals("USER", as.get(1).principalType().text());
  }
}
