package dev.iamlint.core.analysis.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyReader;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** AWS's SCP and RCP evaluation (orgs_manage_policies_scps_evaluation, orgs_manage_policies_rcps). */
class OrgPoliciesTest {

  static PolicyDocument doc(PolicyKind kind, String... statements) {
    SourceFile file = new SourceFile(Path.of("p.json"), "p.json", Format.JSON);
    LoadedFile loaded = new Loader(Limits.DEFAULT).parse(file, "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(",", statements) + "]}");
    return PolicyReader.read(file, loaded.documents().get(0), kind, Set.of(), null, null, false, "test");
  }

  static OrgChain.Level level(String name, boolean full, PolicyDocument... docs) {
    return new OrgChain.Level(name, full, java.util.Arrays.stream(docs)
        .map(d -> new OrgChain.Attached("scp-" + name, d, null, null)).toList(), null, null);
  }

  static OrgChain chain(OrgChain.Level... levels) {
    return new OrgChain("Shop", false, List.of(levels));
  }

  private static final String DENY_LEAVE = "{\"Effect\": \"Deny\", \"Action\": \"organizations:LeaveOrganization\", \"Resource\": \"*\"}";

  @Test
  void fullAwsAccessEverywhereAllows() {
    Decision d = OrgPolicies.scps(chain(level("Root", true), level("Prod", true), level("Shop", true)), AccessRequest.of("s3:GetObject"));
    assertEquals(Verdict.ALLOWED, d.verdict());
  }

  @Test
  void anExplicitDenyAtAnyLevelWins() {
    OrgChain c = chain(level("Root", true), level("Prod", true, doc(PolicyKind.SCP, DENY_LEAVE)), level("Shop", true));
    Decision d = OrgPolicies.scps(c, AccessRequest.of("organizations:LeaveOrganization"));
    assertEquals(Verdict.DENIED, d.verdict());
    assertTrue(d.denials().get(0).text().contains("scp-Prod at Prod"), d.denials().toString());
    assertEquals(Verdict.ALLOWED, OrgPolicies.scps(c, AccessRequest.of("s3:GetObject")).verdict());
  }

  @Test
  void everyLevelMustAllowWhenFullAwsAccessIsRemoved() {
    PolicyDocument allowS3 = doc(PolicyKind.SCP, "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}");
    OrgChain c = chain(level("Root", true), level("Prod", false, allowS3), level("Shop", true));
    assertEquals(Verdict.ALLOWED, OrgPolicies.scps(c, AccessRequest.of("s3:PutObject")).verdict());
    Decision ec2 = OrgPolicies.scps(c, AccessRequest.of("ec2:RunInstances"));
    assertEquals(Verdict.DENIED, ec2.verdict());
    assertTrue(ec2.denials().get(0).text().startsWith("no SCP attached to Prod allows ec2:RunInstances"), ec2.toString());
    // FullAWSAccess removed and nothing in its place: everything below is denied.
    assertEquals(Verdict.DENIED, OrgPolicies.scps(chain(level("Root", false)), AccessRequest.of("s3:GetObject")).verdict());
  }

  @Test
  void notActionAllowsEverythingElse() {
    PolicyDocument allowAllButIam = doc(PolicyKind.SCP, "{\"Effect\": \"Allow\", \"NotAction\": [\"iam:*\"], \"Resource\": \"*\"}");
    OrgChain c = chain(level("Root", false, allowAllButIam));
    assertEquals(Verdict.ALLOWED, OrgPolicies.scps(c, AccessRequest.of("s3:GetObject")).verdict());
    assertEquals(Verdict.DENIED, OrgPolicies.scps(c, AccessRequest.of("iam:CreateUser")).verdict());
    PolicyDocument denyAllButReads = doc(PolicyKind.SCP, "{\"Effect\": \"Deny\", \"NotAction\": [\"s3:Get*\"], \"Resource\": \"*\"}");
    OrgChain d = chain(level("Root", true, denyAllButReads));
    assertEquals(Verdict.ALLOWED, OrgPolicies.scps(d, AccessRequest.of("s3:GetObject")).verdict());
    assertEquals(Verdict.DENIED, OrgPolicies.scps(d, AccessRequest.of("s3:PutObject")).verdict());
  }

  @Test
  void aConditionalDenyDependsOnItsKeysUnlessTheContextDecides() {
    PolicyDocument region = doc(PolicyKind.SCP, "{\"Effect\": \"Deny\", \"Action\": \"ec2:*\", \"Resource\": \"*\","
        + " \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\"]}}}");
    OrgChain c = chain(level("Root", true, region));
    Decision open = OrgPolicies.scps(c, AccessRequest.of("ec2:RunInstances"));
    assertEquals(Verdict.DEPENDS, open.verdict());
    assertEquals(Set.of("aws:RequestedRegion"), open.dependsOn());
    assertEquals(Verdict.DENIED, OrgPolicies.scps(c, new AccessRequest("ec2:RunInstances", null,
        Map.of("aws:requestedregion", "us-east-1"), false)).verdict());
    assertEquals(Verdict.ALLOWED, OrgPolicies.scps(c, new AccessRequest("ec2:RunInstances", null,
        Map.of("aws:RequestedRegion", "eu-west-1"), false)).verdict());
  }

  @Test
  void aDenyOnSomeResourcesDependsOnTheResource() {
    PolicyDocument bucket = doc(PolicyKind.SCP, "{\"Effect\": \"Deny\", \"Action\": \"s3:DeleteBucket\","
        + " \"Resource\": \"arn:aws:s3:::audit-*\"}");
    OrgChain c = chain(level("Root", true, bucket));
    assertEquals(Verdict.DEPENDS, OrgPolicies.scps(c, AccessRequest.of("s3:DeleteBucket")).verdict());
    assertEquals(Verdict.DENIED, OrgPolicies.scps(c, new AccessRequest("s3:DeleteBucket", "arn:aws:s3:::audit-logs",
        Map.of(), false)).verdict());
    assertEquals(Verdict.ALLOWED, OrgPolicies.scps(c, new AccessRequest("s3:DeleteBucket", "arn:aws:s3:::scratch",
        Map.of(), false)).verdict());
  }

  @Test
  void theManagementAccountAndServiceLinkedRolesAreNotAffected() {
    OrgChain denyAll = new OrgChain("Management", true, List.of(level("Root", false)));
    Decision d = OrgPolicies.scps(denyAll, AccessRequest.of("s3:GetObject"));
    assertEquals(Verdict.ALLOWED, d.verdict());
    assertEquals(Reason.Layer.EXEMPT, d.reasons().get(0).layer());
    assertEquals(Verdict.ALLOWED, OrgPolicies.scps(chain(level("Root", false)),
        new AccessRequest("s3:GetObject", null, Map.of(), true)).verdict());
  }

  @Test
  void unknownContentLeavesTheAnswerOpen() {
    OrgChain c = chain(new OrgChain.Level("Root", true, List.of(new OrgChain.Attached("remote", null, null, null)), null, null));
    Decision d = OrgPolicies.scps(c, AccessRequest.of("s3:GetObject"));
    assertEquals(Verdict.DEPENDS, d.verdict());
    assertEquals(Set.of("content of remote"), d.dependsOn());
  }

  @Test
  void rcpsDenyOnlyAndReachOnlyTheirServices() {
    PolicyDocument perimeter = doc(PolicyKind.RCP, "{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"*\","
        + " \"Resource\": \"*\", \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-abc\"}}}");
    PolicyDocument tls = doc(PolicyKind.RCP, "{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\","
        + " \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}");
    OrgChain c = chain(level("Root", true, perimeter, tls));
    Decision s3 = OrgPolicies.rcps(c, AccessRequest.of("s3:GetObject"));
    assertEquals(Verdict.DEPENDS, s3.verdict());
    assertEquals(Set.of("aws:PrincipalOrgID", "aws:SecureTransport"), s3.dependsOn());
    // "*" in an RCP reaches only the services RCPs support.
    assertEquals(Verdict.ALLOWED, OrgPolicies.rcps(c, AccessRequest.of("ec2:RunInstances")).verdict());
    Decision decided = OrgPolicies.rcps(c, new AccessRequest("s3:GetObject", null,
        Map.of("aws:PrincipalOrgID", "o-abc", "aws:SecureTransport", "false"), false));
    assertEquals(Verdict.DENIED, decided.verdict());
    assertEquals(Verdict.ALLOWED, OrgPolicies.rcps(new OrgChain("Management", true, c.levels()),
        AccessRequest.of("s3:GetObject")).verdict());
  }

  @Test
  void aPermissionSetRoleIsNotANamedExemptRoleNorTheRootUser() {
    PolicyDocument guard = doc(PolicyKind.SCP, "{\"Effect\": \"Deny\", \"Action\": \"cloudtrail:StopLogging\", \"Resource\": \"*\","
        + " \"Condition\": {\"ArnNotLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/platform-pipeline\"}}}",
        "{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\","
        + " \"Condition\": {\"StringLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:root\"}}}",
        "{\"Effect\": \"Deny\", \"Action\": \"s3:DeleteBucket\", \"Resource\": \"*\","
        + " \"Condition\": {\"ArnNotLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/aws-reserved/*/AWSReservedSSO_Admin_*\"}}}");
    OrgChain c = chain(level("Root", true, guard));
    AccessRequest asRole = AccessRequest.of("cloudtrail:StopLogging").withPrincipalArn(AccessRequest.permissionSetRole("123456789012"));
    assertEquals(Verdict.DENIED, OrgPolicies.scps(c, asRole).verdict());
    assertEquals(Verdict.DEPENDS, OrgPolicies.scps(c, AccessRequest.of("cloudtrail:StopLogging")).verdict());
    assertEquals(Verdict.ALLOWED, OrgPolicies.scps(c, AccessRequest.of("s3:GetObject")
        .withPrincipalArn(AccessRequest.permissionSetRole("123456789012"))).verdict());
    // An exemption that a permission-set role may match stays open.
    assertEquals(Verdict.DEPENDS, OrgPolicies.scps(c, AccessRequest.of("s3:DeleteBucket")
        .withPrincipalArn(AccessRequest.permissionSetRole("123456789012"))).verdict());
  }
}
