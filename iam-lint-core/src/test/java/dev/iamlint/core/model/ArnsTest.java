package dev.iamlint.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArnsTest {

  @Test
  void substitutionsAreOneToken() {
    assertEquals(List.of("arn", "${AWS::Partition}", "s3", "", "", "b/*"), Arns.split("arn:${AWS::Partition}:s3:::b/*", 6));
    assertEquals(List.of("arn", "aws", "iam", "", "{{ account:id }}", "role/x"),
        Arns.split("arn:aws:iam::{{ account:id }}:role/x", 6));
    assertEquals(List.of("arn", "aws", "s3", "", "", "b:with:colons"), Arns.split("arn:aws:s3:::b:with:colons", 6));
  }

  @Test
  void fieldsNeedSixParts() {
    assertNull(Arns.fields("arn:aws:s3::b"));
    assertEquals("s3", Arns.service("arn:aws:s3:::b"));
  }
}
