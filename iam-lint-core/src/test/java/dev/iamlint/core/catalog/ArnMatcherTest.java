package dev.iamlint.core.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The two-sided wildcard intersection, independent of catalogue data. */
class ArnMatcherTest {
  private static final String OBJECT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
  private static final String TOPIC = "arn:${Partition}:sns:${Region}:${Account}:${TopicName}";

  @Test
  void wildcardsOnBothSides() {
    assertTrue(ArnMatcher.matches(OBJECT, "arn:aws:s3:::*/*"));
    assertTrue(ArnMatcher.matches(OBJECT, "arn:aws:s3:::*personal*"), "the bucket may be 'personal' and the key anything");
    assertTrue(ArnMatcher.matches(TOPIC, "arn:aws:sns:*:123456789012:alerts"));
    assertTrue(ArnMatcher.matches(TOPIC, "arn:aws:sns:us-east-?:123456789012:alerts"));
    assertFalse(ArnMatcher.matches(TOPIC, "arn:aws:sqs:us-east-1:123456789012:alerts"));
  }

  @Test
  void headerPlaceholdersDoNotSpanColons() {
    // "aws:cn" cannot be a partition; the resource part after the fifth colon may hold colons.
    assertFalse(ArnMatcher.matches("arn:${Partition}:s3:::${BucketName}", "arn:aws:cn:s3:::bucket"));
    assertTrue(ArnMatcher.matches(TOPIC, "arn:aws:sns:us-east-1:123456789012:a:b"));
  }

  @Test
  void policyVariablesAndEscapes() {
    assertTrue(ArnMatcher.matches(OBJECT, "arn:aws:s3:::bucket/${aws:userid}"));
    assertTrue(ArnMatcher.matches(OBJECT, "arn:aws:s3:::bucket/literal${*}star"));
    assertTrue(ArnMatcher.matches("arn:${Partition}:dms:${Region}:${Account}:cert:*", "arn:aws:dms:eu-west-1:123456789012:cert:ABC"));
  }

  @Test
  void headerWildcardsAndVariablesStayInTheirField() {
    String function = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";
    // ${AWS::Partition} must not stand for "aws:lambda:..."; its own '::' does not split fields.
    assertFalse(ArnMatcher.matches(function, "arn:${AWS::Partition}:s3:::${BucketName}/*"));
    assertFalse(ArnMatcher.matches(function, "arn:*:s3:::bucket/*"));
    assertFalse(ArnMatcher.matches(function, "arn:a?s:s3:::bucket/*"));
    assertTrue(ArnMatcher.matches(function, "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:x"));
    assertTrue(ArnMatcher.matches(function, "arn:aws:lambda:*:*:function:*"));
    assertFalse(ArnMatcher.matches(function, "arn::lambda:us-east-1:123456789012:function:x"), "no partition");
    // Fewer than five colons: the whole string is matched, as before.
    assertTrue(ArnMatcher.matches(function, "arn:aws:lambda:*"));
    assertFalse(ArnMatcher.matches(function, "arn:aws:s3:*"));
  }

  @Test
  void aRegionOrAccountTheTypeFillsIsNeverEmpty() {
    String accessPoint = "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}";
    // IAM matches an ARN segment by segment: where the resource has a region and an account, an
    // empty region matches none, nor an empty account after an empty region.
    assertFalse(ArnMatcher.matches(accessPoint, "arn:aws:s3:::${Bucket}/*"));
    assertFalse(ArnMatcher.matches(accessPoint, "arn:aws:s3:::*"));
    assertFalse(ArnMatcher.matches(TOPIC, "arn:aws:sns:::alerts"));
    assertFalse(ArnMatcher.matches(TOPIC, "arn:aws:sns::123456789012:alerts"));
    assertFalse(ArnMatcher.matches("arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}", "arn:aws:kms::111122223333:key/*"));
    assertFalse(ArnMatcher.matches("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", "arn:aws:iam:::role/x"));
    // resources AWS owns: an empty account after a region (an SSM document), an empty region where
    // the pattern has no account (the foundation model that global cross-Region inference names)
    assertTrue(ArnMatcher.matches("arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}",
        "arn:aws:ssm:us-east-1::document/AWS-RunShellScript"));
    assertTrue(ArnMatcher.matches("arn:${Partition}:bedrock:${Region}::foundation-model/${ResourceId}",
        "arn:aws:bedrock:::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"));
    // wildcards, policy variables and template substitutions there still stand for any region or account
    assertTrue(ArnMatcher.matches(accessPoint, "arn:aws:s3:*:*:accesspoint/*"));
    assertTrue(ArnMatcher.matches(accessPoint, "arn:aws:s3:${AWS::Region}:${AWS::AccountId}:accesspoint/ap"));
    assertTrue(ArnMatcher.matches(TOPIC, "arn:aws:sns:${aws:RequestedRegion}:123456789012:alerts"));
    // a type without a region or account is matched by empty fields, and by wildcards, as before
    assertTrue(ArnMatcher.matches(OBJECT, "arn:aws:s3:::b/*"));
    assertTrue(ArnMatcher.matches(OBJECT, "arn:aws:s3:*:*:b/*"));
    // a '*' that ends an earlier field may run on past its colon (IAM User Guide, "IAM JSON policy
    // elements: Resource"): the later fields need not line up
    assertTrue(ArnMatcher.matches(TOPIC, "arn:aws:sns*::123456789012:alerts"));
  }

  @Test
  void fieldSplittingKeepsVariablesWhole() {
    assertArrayEquals(new String[] {"arn", "${AWS::Partition}", "s3", "", "", "b/${AWS::Region}:x"},
        ArnMatcher.fields("arn:${AWS::Partition}:s3:::b/${AWS::Region}:x"));
    assertNull(ArnMatcher.fields("arn:aws:s3:*"));
  }

  @Test
  void catalogueTypes() {
    IamCatalog catalog = IamCatalog.bundled();
    ResourceType function = type(catalog, "lambda", "function");
    ResourceType object = type(catalog, "s3", "object");
    ResourceType bucket = type(catalog, "s3", "bucket");
    ResourceType role = type(catalog, "iam", "role");

    assertFalse(function.matches("arn:${AWS::Partition}:s3:::${BucketName}/*"));
    assertFalse(catalog.action("lambda:InvokeFunction").orElseThrow().resourceTypes().stream()
        .anyMatch(r -> r.resourceType().matches("arn:${AWS::Partition}:s3:::${BucketName}/*")));
    assertTrue(function.matches("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:x"));
    assertTrue(object.matches("arn:aws:s3:::bucket/*"));
    assertFalse(bucket.matches("arn:aws:s3:::bucket/*"));
    assertTrue(bucket.matches("arn:aws:s3:::bucket"));
    assertTrue(role.matches("arn:*:iam::*:role/x"));
    assertFalse(role.matches("arn:*:iam::*:user/x"));
  }

  private static ResourceType type(IamCatalog catalog, String service, String name) {
    return catalog.service(service).orElseThrow().resourceType(name).orElseThrow();
  }
}
