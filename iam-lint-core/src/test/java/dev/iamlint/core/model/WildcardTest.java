package dev.iamlint.core.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WildcardTest {

  @Test
  void actionsMatchIgnoringCase() {
    assertTrue(Wildcard.matchesIgnoreCase("s3:Get*", "s3:getobject"));
    assertTrue(Wildcard.matchesIgnoreCase("S3:*", "s3:PutObject"));
    assertTrue(Wildcard.matchesIgnoreCase("iam:*Policy*", "iam:AttachRolePolicy"));
    assertTrue(Wildcard.matchesIgnoreCase("ec2:Describe?nstances", "ec2:DescribeInstances"));
    assertTrue(Wildcard.matchesIgnoreCase("*", "anything:At"));
    assertFalse(Wildcard.matchesIgnoreCase("s3:Get*", "s3:PutObject"));
    assertFalse(Wildcard.matchesIgnoreCase("s3:GetObject", "s3:GetObjectAcl"));
    assertFalse(Wildcard.matchesIgnoreCase("s3:[", "s3:{"));   // '[' | 0x20 == '{': not letters
  }

  @Test
  void arnsMatchCaseSensitively() {
    assertTrue(Wildcard.matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b"));
    assertFalse(Wildcard.matches("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/a"));
    assertTrue(Wildcard.matches("a*b*c", "aXXbYYc"));
    assertFalse(Wildcard.matches("a*b*c", "aXXbYY"));
  }
}
