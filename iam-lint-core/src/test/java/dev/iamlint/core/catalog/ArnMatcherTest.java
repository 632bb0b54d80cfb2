package dev.iamlint.core.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
