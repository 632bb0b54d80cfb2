package dev.iamlint.core.format.policyfile;

import static dev.iamlint.core.format.ExtractTestSupport.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kinds of bare policy files from names and content (issue 13 items 1, 6 and 12; issue 13 item 13). */
class KindEvidenceTest {

  /** AWS's FullAWSAccess SCP (Organizations User Guide, "Service control policy examples"). */
  private static final String FULL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
  private static final String DENY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"organizations:LeaveOrganization\",\"Resource\":\"*\"}]}";
  /** Shaped like the RCP examples of the Organizations User Guide: Deny to "*" with a Resource and an org key. */
  private static final String RCP = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
      + "\"Action\":[\"s3:*\",\"sqs:*\"],\"Resource\":\"*\",\"Condition\":{\"StringNotEqualsIfExists\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}}]}";
  private static final String WEB_IDENTITY_RCP = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
      + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Resource\":\"*\"}]}";
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String BUCKET_DENY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
      + "\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";

  private static Map<String, PolicyDocument> byPath(Workspace ws) {
    return ws.policies().stream().collect(Collectors.toMap(p -> p.file().relativePath() + (p.name() == null ? "" : "#" + p.name().text()),
        p -> p));
  }

  @Test
  void namesDecideOrganizationPolicies(@TempDir Path root) throws IOException {
    Workspace ws = workspace(root, Config.DEFAULT,
        "SCPs/FullAWSAccess.json", FULL,
        "org/service-control-policies/deny-leave.json", DENY,
        "org/resource_control_policies/perimeter.json", RCP,
        "RCPFullAWSAccess.json", FULL.replace("\"Allow\",", "\"Allow\",\"Principal\":\"*\","),
        "pipeline/scps/rcps/perimeter.json", RCP,
        "guardrails/deny-leave-scp.json", DENY,
        "scps/actually-an-rcp.json", RCP);
    Map<String, PolicyDocument> p = byPath(ws);
    assertEquals(PolicyKind.SCP, p.get("SCPs/FullAWSAccess.json#FullAWSAccess").kind());
    assertEquals(PolicyKind.SCP, p.get("org/service-control-policies/deny-leave.json").kind());
    assertEquals(PolicyKind.RCP, p.get("org/resource_control_policies/perimeter.json").kind());
    assertEquals(PolicyKind.RCP, p.get("RCPFullAWSAccess.json#RCPFullAWSAccess").kind());
    assertEquals(PolicyKind.RCP, p.get("pipeline/scps/rcps/perimeter.json").kind(), "the deepest named folder wins");
    assertEquals(PolicyKind.SCP, p.get("guardrails/deny-leave-scp.json").kind());
    assertEquals(PolicyKind.RCP, p.get("scps/actually-an-rcp.json").kind(), "SCPs have no Principal");
    for (PolicyDocument d : p.values()) {
      assertNotNull(d.inference(), d.file().relativePath());
      assertTrue(d.inference().alternatives().isEmpty(), "names leave no alternative: " + d.file().relativePath());
    }
  }

  @Test
  void namesForPermissionsBoundariesMakeBoundaries(@TempDir Path root) throws IOException {
    Workspace ws = workspace(root, Config.DEFAULT,
        "aws-managed/AmazonDataZoneProjectRolePermissionsBoundary.json", FULL,
        "iam/permissions-boundaries/developers.json", FULL,
        "iam/permission_boundary.json", FULL,
        "iam/boundary-of-the-network.json", FULL,
        "iam/developers.json", FULL);
    Map<String, PolicyDocument> p = byPath(ws);
    assertTrue(p.get("aws-managed/AmazonDataZoneProjectRolePermissionsBoundary.json").boundaryOnly());
    assertTrue(p.get("iam/permissions-boundaries/developers.json").boundaryOnly());
    assertTrue(p.get("iam/permission_boundary.json").boundaryOnly());
    assertFalse(p.get("iam/boundary-of-the-network.json").boundaryOnly(), "\"boundary\" alone says nothing of permissions");
    assertFalse(p.get("iam/developers.json").boundaryOnly());
    for (PolicyDocument d : p.values()) assertEquals(PolicyKind.IDENTITY, d.kind(), d.file().relativePath());
  }

  @Test
  void contentDecidesWithAlternatives(@TempDir Path root) throws IOException {
    Workspace ws = workspace(root, Config.DEFAULT,
        "perimeter.json", RCP,
        "web-identity.json", WEB_IDENTITY_RCP,
        "trust.json", TRUST,
        "bucket.json", BUCKET_DENY,
        "admin.json", FULL);
    Map<String, PolicyDocument> p = byPath(ws);
    assertEquals(PolicyKind.RCP, p.get("perimeter.json").kind());
    assertEquals(Set.of(PolicyKind.RESOURCE), p.get("perimeter.json").inference().alternatives());
    assertEquals(PolicyKind.RCP, p.get("web-identity.json").kind(), "a trust policy never has Resource");
    assertEquals(PolicyKind.TRUST, p.get("trust.json").kind());
    assertNull(p.get("trust.json").inference());
    assertEquals(PolicyKind.RESOURCE, p.get("bucket.json").kind(), "one service, no organization key: a bucket policy");
    assertEquals(PolicyKind.IDENTITY, p.get("admin.json").kind(), "without a name, Allow * * is an identity policy");
  }

  @Test
  void resourceAndTrustFoldersDecideWhenContentAllows(@TempDir Path root) throws IOException {
    Workspace ws = workspace(root, Config.DEFAULT,
        "resource_based_policies/s3_bucket_policy.json", RCP,
        "trust-policies/ec2.json", TRUST,
        "resource_based_policies/misfiled_identity.json", DENY);
    Map<String, PolicyDocument> p = byPath(ws);
    assertEquals(PolicyKind.RESOURCE, p.get("resource_based_policies/s3_bucket_policy.json").kind(),
        "a data perimeter bucket policy is shaped like an RCP; its folder says what it is");
    assertTrue(p.get("resource_based_policies/s3_bucket_policy.json").inference().alternatives().isEmpty());
    assertEquals(PolicyKind.TRUST, p.get("trust-policies/ec2.json").kind());
    assertEquals(PolicyKind.IDENTITY, p.get("resource_based_policies/misfiled_identity.json").kind(),
        "no principal: the folder cannot make it a resource policy");
  }

  @Test
  void namedDocumentsGiveOneDocumentPerEntry(@TempDir Path root) throws IOException {
    Workspace ws = workspace(root, Config.DEFAULT, "policies.json", "{\"ReadOnly\": " + DENY + ", \"Trust\": " + TRUST + "}");
    Map<String, PolicyDocument> p = byPath(ws);
    assertEquals(PolicyKind.IDENTITY, p.get("policies.json#ReadOnly").kind());
    assertEquals(PolicyKind.TRUST, p.get("policies.json#Trust").kind());
    assertEquals(2, p.size());
  }
}
