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
}
