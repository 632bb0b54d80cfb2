package dev.iamlint.core.analysis;

import static dev.iamlint.core.analysis.Policies.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResourcesTest {

  private static String anyRole(String resource) {
    var at = Resources.anyRole(statement("{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", " + resource + "}"));
    return at == null ? null : at.text();
  }

  @Test
  void anyRole() {
    assertEquals("*", anyRole("\"Resource\": [\"arn:aws:iam::111122223333:role/app\", \"*\"]"));
    assertEquals("arn:aws:iam::111122223333:role/*", anyRole("\"Resource\": \"arn:aws:iam::111122223333:role/*\""));
    assertEquals("arn:aws:iam::*:*", anyRole("\"Resource\": \"arn:aws:iam::*:*\""));
    assertEquals("NotResource", anyRole("\"NotResource\": \"arn:aws:iam::111122223333:role/admin\""));
    assertNull(anyRole("\"Resource\": \"arn:aws:iam::111122223333:role/app-*\""));
  }

  @Test
  void selfScoped() {
    assertTrue(Resources.selfScoped(statement(
        "{\"Effect\": \"Allow\", \"Action\": \"iam:CreateAccessKey\", \"Resource\": \"arn:aws:iam::*:user/${aws:username}\"}")));
    assertTrue(Resources.selfScoped(statement(
        "{\"Effect\": \"Allow\", \"Action\": \"iam:CreateAccessKey\", \"Resource\": \"arn:aws:iam::*:user/people/${aws:username}\"}")));
    assertFalse(Resources.selfScoped(statement(
        "{\"Effect\": \"Allow\", \"Action\": \"iam:CreateAccessKey\", \"Resource\": [\"arn:aws:iam::*:user/${aws:username}\", \"*\"]}")));
    assertFalse(Resources.selfScoped(statement("{\"Effect\": \"Allow\", \"Action\": \"iam:CreateAccessKey\"}")));
  }

  private static final dev.iamlint.core.catalog.ResourceType TRAIL = new dev.iamlint.core.catalog.ResourceType(
      "cloudtrail", "trail", java.util.List.of("arn:${Partition}:cloudtrail:${Region}:${Account}:trail/${TrailName}"),
      java.util.List.of());
  private static final dev.iamlint.core.catalog.ResourceType OBJECT = new dev.iamlint.core.catalog.ResourceType(
      "s3", "object", java.util.List.of("arn:${Partition}:s3:::${BucketName}/${ObjectName}"), java.util.List.of());
  private static final dev.iamlint.core.catalog.ResourceType BUCKET = new dev.iamlint.core.catalog.ResourceType(
      "s3", "bucket", java.util.List.of("arn:${Partition}:s3:::${BucketName}"), java.util.List.of());

  @Test
  void coversType() {
    assertTrue(Resources.coversType("*", TRAIL));
    assertTrue(Resources.coversType("arn:*:cloudtrail:*:*:trail/*", TRAIL));
    assertTrue(Resources.coversType("arn:aws:cloudtrail:*:*:*", TRAIL));
    assertTrue(Resources.coversType("arn:aws:cloudtrail:*", TRAIL));
    assertTrue(Resources.coversType("arn:aws:s3:::*", BUCKET));
    assertTrue(Resources.coversType("arn:aws:s3:::*", OBJECT));
    assertTrue(Resources.coversType("arn:aws:s3:::*/*", OBJECT));
    assertTrue(Resources.coversType("arn:aws:s3:*:*:*", OBJECT));
    assertFalse(Resources.coversType("arn:aws:s3:::*/*", BUCKET));
    assertFalse(Resources.coversType("arn:aws:s3:::my-bucket/*", OBJECT));
    assertFalse(Resources.coversType("arn:aws:s3:::app-*", BUCKET));
    assertFalse(Resources.coversType("arn:aws:cloudtrail:us-east-1:*:trail/*", TRAIL));
    assertFalse(Resources.coversType("arn:aws:cloudtrail:*:111122223333:trail/*", TRAIL));
    assertFalse(Resources.coversType("arn:aws:cloudtrail:*:${AWS::AccountId}:trail/*", TRAIL));
    assertFalse(Resources.coversType("arn:aws:cloudtrail:*:*:trail/?", TRAIL));
    assertFalse(Resources.coversType("arn:aws:S3:::*", BUCKET));
    assertFalse(Resources.coversType("arn:aws:s3:::${aws:username}", BUCKET));
  }

  @Test
  void all() {
    assertTrue(Resources.isAll("*"));
    assertTrue(Resources.isAll("arn:*:*:*:*:*"));
    assertTrue(Resources.isAll("arn:aws:*:*:*:*"));
    assertTrue(Resources.isAll("arn:aws:*"));
    assertFalse(Resources.isAll("arn:aws:s3:::*"));
    assertFalse(Resources.isAll("arn:aws:*:::*"));
  }

  @Test
  void serviceLinkedRoles() {
    assertTrue(Resources.serviceLinkedRole(
        "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"));
    assertFalse(Resources.serviceLinkedRole("arn:aws:iam::111122223333:role/aws-service-role-fake"));
    assertTrue(Resources.onlyServiceLinkedRoles(statement("{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", "
        + "\"Resource\": \"arn:aws:iam::*:role/aws-service-role/*\"}")));
    assertFalse(Resources.onlyServiceLinkedRoles(statement("{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", "
        + "\"Resource\": [\"arn:aws:iam::*:role/aws-service-role/*\", \"arn:aws:iam::*:role/app\"]}")));
  }

  @Test
  void wildcardRole() {
    assertEquals("arn:aws:iam::111122223333:role/app-*", Resources.wildcardRole(statement(
        "{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"arn:aws:iam::111122223333:role/app-*\"}")).text());
    assertNull(Resources.wildcardRole(statement(
        "{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"arn:aws:iam::*:role/app-${aws:username}\"}")));
    // a template's account, whose colons are no field's
    assertEquals("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/build-*", Resources.wildcardRole(statement(
        "{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", "
            + "\"Resource\": \"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/build-*\"}")).text());
    assertNull(Resources.wildcardRole(statement("{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", "
        + "\"Resource\": \"arn:aws:iam::${AWS::AccountId}:role/${RoleName}\"}")));
  }

  @Test
  void wholeServiceOfNamesTheServiceOnlyWhenEveryLaterFieldIsAWildcard() {
    assertEquals("s3", Resources.wholeServiceOf("arn:aws:s3:::*"));
    assertEquals("ec2", Resources.wholeServiceOf("arn:aws:ec2:*:*:*"));
    assertEquals("logs", Resources.wholeServiceOf("arn:*:logs:*:*:*"));
    assertEquals("states", Resources.wholeServiceOf("arn:aws-cn:states:*::**"));
    for (String arn : new String[] {"*", "arn:aws:*:*:*:*", "arn:aws:s3:::my-bucket", "arn:aws:s3:::*/*", "arn:aws:s3:::",
        "arn:aws:ec2:us-east-1:*:*", "arn:aws:ec2:*:111122223333:*", "arn:aws:ec2:*:*:instance/*", "arn:aws:${Svc}:*:*:*"}) {
      assertNull(Resources.wholeServiceOf(arn), arn);
    }
  }

  @Test
  void canNameTakesSubstitutionsForAnyTextButKeepsTheServiceAndResourceType() {
    var catalog = dev.iamlint.core.catalog.IamCatalog.bundled();
    var putRolePolicy = catalog.action("iam:PutRolePolicy").orElseThrow();
    assertFalse(Resources.canName(statement("{\"Effect\": \"Allow\", \"Action\": \"*\", "
        + "\"Resource\": [\"arn:aws:s3:::${DataBucket}/*\", \"arn:aws:s3:::${DataBucket}\"]}"), putRolePolicy));
    assertTrue(Resources.canName(statement("{\"Effect\": \"Allow\", \"Action\": \"*\", "
        + "\"Resource\": \"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app\"}"), putRolePolicy));
    // an ARN with empty region and account fields names no access point, whatever the template fills in
    var putAccessPointPolicy = catalog.action("s3:PutAccessPointPolicy").orElseThrow();
    assertFalse(Resources.canName(statement("{\"Effect\": \"Allow\", \"Action\": \"s3:Put*\", "
        + "\"Resource\": \"arn:${AWS::Partition}:s3:::${Bucket}/*\"}"), putAccessPointPolicy));
    assertTrue(Resources.canName(statement("{\"Effect\": \"Allow\", \"Action\": \"s3:Put*\", "
        + "\"Resource\": \"arn:${AWS::Partition}:s3:${AWS::Region}:${AWS::AccountId}:accesspoint/*\"}"), putAccessPointPolicy));
    // not judged: no Resource, "*", a wildcard service, another template syntax, not an ARN
    for (String r : new String[] {"\"NotResource\": \"arn:aws:s3:::b\"", "\"Resource\": \"*\"",
        "\"Resource\": \"arn:aws:${Svc}:::b\"", "\"Resource\": \"arn:aws:s3:::{{ bucket }}\"", "\"Resource\": \"bucket\""}) {
      assertTrue(Resources.canName(statement("{\"Effect\": \"Allow\", \"Action\": \"*\", " + r + "}"), putRolePolicy), r);
    }
  }

  @Test
  void serviceLinkedRolesAreKnownWithATemplatesPartitionAndAccount() {
    assertTrue(Resources.serviceLinkedRole(
        "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"));
    assertFalse(Resources.serviceLinkedRole("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app"));
  }
}
