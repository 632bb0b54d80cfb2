package dev.iamlint.core.analysis;

import static dev.iamlint.core.analysis.Policies.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.model.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static Statement with(String condition) {
    return statement("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", "
        + "\"Condition\": " + condition + "}");
  }

  private static boolean restricts(String condition) {
    return Conditions.restricts(with(condition).conditions().get(0));
  }

  @Test
  void whatRestricts() {
    assertTrue(restricts("{\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-abc\"}}"));
    assertTrue(restricts("{\"Bool\": {\"aws:PrincipalIsAWSService\": \"true\"}}"));
    assertTrue(restricts("{\"IpAddress\": {\"aws:SourceIp\": [\"0.0.0.0/0\", \"203.0.113.0/24\"]}}"));
  }

  @Test
  void whatDoesNot() {
    assertFalse(restricts("{\"StringNotEquals\": {\"aws:PrincipalOrgID\": \"o-abc\"}}"));
    assertFalse(restricts("{\"StringEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-abc\"}}"));
    assertFalse(restricts("{\"ForAllValues:StringEquals\": {\"aws:PrincipalOrgPaths\": \"o-abc/*\"}}"));
    assertFalse(restricts("{\"StringLike\": {\"aws:PrincipalArn\": \"*\"}}"));
    assertFalse(restricts("{\"IpAddress\": {\"aws:SourceIp\": \"0.0.0.0/0\"}}"));
    assertFalse(restricts("{\"Null\": {\"aws:PrincipalOrgID\": \"false\"}}"));
    assertFalse(restricts("{\"Bool\": {\"aws:SecureTransport\": \"true\"}}"));
  }

  @Test
  void restrictedByOneOfTheKeys() {
    Statement s = with("{\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}");
    assertTrue(Conditions.restrictedBy(s, Set.of("aws:sourceaccount")));
    assertFalse(Conditions.restrictedBy(s, Set.of("aws:principalorgid")));
  }

  @Test
  void limitingIgnoresNullTests() {
    Statement s = with("{\"Null\": {\"iam:PassedToService\": \"false\"}, "
        + "\"StringEquals\": {\"iam:PassedToService\": \"ec2.amazonaws.com\"}}");
    assertEquals("StringEquals", Conditions.limiting(s, "iam:passedtoservice").operatorName().text());
    assertNull(Conditions.limiting(with("{\"Null\": {\"iam:PassedToService\": \"false\"}}"), "iam:PassedToService"));
  }
}
