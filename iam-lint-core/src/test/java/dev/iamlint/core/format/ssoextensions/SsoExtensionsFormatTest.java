package dev.iamlint.core.format.ssoextensions;

import static dev.iamlint.core.format.ExtractTestSupport.corpus;
import static dev.iamlint.core.format.ExtractTestSupport.extract;
import static dev.iamlint.core.format.ExtractTestSupport.permissionSets;
import static dev.iamlint.core.format.ExtractTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.Formats;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsoExtensionsFormatTest {

  private static final String DIR = "permission-sets/iam-identity-center-extensions/permission_sets/";

  @Test
  void fullPermissionSet(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "permission_sets/Ops-ps.json", """
        {
          "permissionSetName": "Ops-ps",
          "sessionDurationInMinutes": "240",
          "relayState": "https://console.example/",
          "tags": [
            {"Key": "team", "Value": "Ops"}
          ],
          "managedPoliciesArnList": [
            "arn:aws:iam::aws:policy/ReadOnlyAccess"
          ],
          "inlinePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
              {"Sid": "Ec2", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}
            ]
          },
          "customerManagedPoliciesList": [
            {"Name": "cmp-1", "Path": "/cmp/1/"},
            {"name": "cmp-2"},
            "cmp-3"
          ],
          "permissionsBoundary": {
            "CustomerManagedPolicyReference": {"Name": "cmp-pb", "Path": "/pb/"}
          }
        }
        """);
    assertEquals(1, ctx.documents().size(), "the inline policy belongs to the permission set, not the file");
    PermissionSet ps = permissionSets(ctx).get(0);
    assertEquals("sso-extensions", ps.format());
    assertEquals("Ops-ps", ps.name().text());
    assertEquals(2, ps.name().span().startLine());
    assertEquals("240", text(ps.sessionDuration()));
    assertEquals(3, ps.sessionDuration().span().startLine());
    assertEquals(Map.of("team", "Ops"), ps.tags());
    assertEquals(List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"), ps.managedPolicies().stream().map(Str::text).toList());
    assertEquals(9, ps.managedPolicies().get(0).span().startLine());

    PolicyDocument inline = ps.inlinePolicy();
    assertNotNull(inline);
    assertEquals(Set.of(PolicyUse.PERMISSION_SET_INLINE), inline.uses());
    assertEquals("Ops-ps", inline.name().text());
    assertEquals(1, inline.statements().size());
    assertEquals("Ec2", inline.statements().get(0).sid().text());
    assertEquals(14, inline.statements().get(0).sid().span().startLine());

    List<PermissionSet.CmpRef> cmps = ps.customerManagedPolicies();
    assertEquals(List.of("cmp-1", "cmp-2", "cmp-3"), cmps.stream().map(c -> c.name().text()).toList());
    assertEquals("/cmp/1/", cmps.get(0).path().text());
    assertNull(cmps.get(1).path());
    assertNull(cmps.get(2).path());
    assertEquals(18, cmps.get(0).span().startLine());
    assertEquals(20, cmps.get(2).span().startLine());

    assertNull(ps.boundary().managedPolicy());
    assertEquals("cmp-pb", ps.boundary().customerManaged().name().text());
    assertEquals("/pb/", ps.boundary().customerManaged().path().text());
    assertEquals(22, ps.boundary().span().startLine());
  }

  @Test
  void awsBoundaryAndEmptyInline(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "ps.json", """
        {
          "permissionSetName": "Billing-ps",
          "sessionDurationInMinutes": 60,
          "managedPoliciesArnList": [],
          "inlinePolicyDocument": {},
          "permissionsBoundary": {
            "PolicyType": "AWS",
            "ManagedPolicyArn": "arn:aws:iam::aws:policy/job-function/Billing"
          }
        }
        """);
    PermissionSet ps = permissionSets(ctx).get(0);
    assertNull(ps.inlinePolicy());
    assertTrue(ps.managedPolicies().isEmpty());
    assertTrue(ps.customerManagedPolicies().isEmpty());
    assertTrue(ps.tags().isEmpty());
    assertEquals("60", text(ps.sessionDuration()));
    assertEquals("arn:aws:iam::aws:policy/job-function/Billing", ps.boundary().managedPolicy().text());
    assertNull(ps.boundary().customerManaged());
  }

  @Test
  void realCorpus() {
    Path cloudOperator = corpus(DIR + "CloudOperator-ps.json");
    ExtractContext ctx = extract(cloudOperator, DIR + "CloudOperator-ps.json");
    PermissionSet ps = permissionSets(ctx).get(0);
    assertEquals("CloudOperator-ps", ps.name().text());
    assertEquals("240", text(ps.sessionDuration()));
    assertEquals(List.of("arn:aws:iam::aws:policy/job-function/SystemAdministrator",
        "arn:aws:iam::aws:policy/job-function/NetworkAdministrator"), ps.managedPolicies().stream().map(Str::text).toList());
    assertEquals(Map.of("versionid", "01", "team", "CloudOperators"), ps.tags());
    assertEquals(2, ps.inlinePolicy().statements().size());
    assertEquals("AllowOtherIAMActions", ps.inlinePolicy().statements().get(0).sid().text());
    assertEquals(List.of("cmp-1", "cmp-2", "cmp-3"), ps.customerManagedPolicies().stream().map(c -> c.name().text()).toList());
    assertEquals("/cmp/2/", ps.customerManagedPolicies().get(1).path().text());
    assertNull(ps.customerManagedPolicies().get(2).path());
    assertEquals("arn:aws:iam::aws:policy/job-function/NetworkAdministrator", ps.boundary().managedPolicy().text());

    ExtractContext billing = extract(corpus(DIR + "Billing-ps.json"), DIR + "Billing-ps.json");
    PermissionSet b = permissionSets(billing).get(0);
    assertEquals("Billing-ps", b.name().text());
    assertNull(b.inlinePolicy());
    assertNull(b.boundary());

    ExtractContext sec = extract(corpus(DIR + "SecurityAuditor-ps.json"), DIR + "SecurityAuditor-ps.json");
    PermissionSet s = permissionSets(sec).get(0);
    assertEquals("cmp-pb", s.boundary().customerManaged().name().text());
    assertEquals("/cmp/pb/", s.boundary().customerManaged().path().text());

    for (String f : List.of("DataScientist-ps.json", "SysAdmin-ps.json")) {
      ExtractContext c = extract(corpus(DIR + f), DIR + f);
      assertEquals(1, permissionSets(c).size(), f);
      assertEquals(f.replace(".json", ""), permissionSets(c).get(0).name().text());
    }
  }
}
