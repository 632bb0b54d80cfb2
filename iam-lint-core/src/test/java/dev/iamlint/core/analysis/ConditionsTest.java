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

  @Test
  void singleValuedKeysAreAwsAndServiceKeysOnly() {
    dev.iamlint.core.catalog.IamCatalog c = dev.iamlint.core.catalog.IamCatalog.bundled();
    assertTrue(Conditions.isSingleValued(c, "aws:RequestedRegion"));
    assertTrue(Conditions.isSingleValued(c, "aws:SourceIp"));
    assertFalse(Conditions.isSingleValued(c, "aws:TagKeys"));
    assertFalse(Conditions.isSingleValued(c, "aws:CalledVia"));
    // The Cognito amr claim is multivalued (Amazon Cognito Developer Guide); federation keys are not judged.
    assertFalse(Conditions.isSingleValued(c, "cognito-identity.amazonaws.com:amr"));
    assertFalse(Conditions.isSingleValued(c, "token.actions.githubusercontent.com:sub"));
    assertFalse(Conditions.isSingleValued(c, "s3-outposts:RequestObjectTagKeys"));
    assertFalse(Conditions.isSingleValued(c, "no-such:key"));
    assertFalse(Conditions.isSingleValued(c, "route53:VPCs"));
    assertTrue(Conditions.isSingleValued(c, "ec2:InstanceType"));
    assertTrue(Conditions.isSingleValued(c, "sagemaker:RootAccess"));
  }

  @Test
  void operatorFamiliesMustFitTheKeyType() {
    dev.iamlint.core.catalog.IamCatalog c = dev.iamlint.core.catalog.IamCatalog.bundled();
    dev.iamlint.core.catalog.ConditionValueType age = Conditions.strictType(c, "aws:MultiFactorAuthAge").orElseThrow();
    assertTrue(Conditions.typeMismatch(age, "StringEquals"));
    assertTrue(Conditions.typeMismatch(age, "Bool"));
    assertFalse(Conditions.typeMismatch(age, "NumericLessThan"));
    assertFalse(Conditions.typeMismatch(age, "Null"));
    dev.iamlint.core.catalog.ConditionValueType present = Conditions.strictType(c, "aws:MultiFactorAuthPresent").orElseThrow();
    assertTrue(Conditions.typeMismatch(present, "NumericEquals"));
    assertFalse(Conditions.typeMismatch(present, "StringEquals"));
    dev.iamlint.core.catalog.ConditionValueType time = Conditions.strictType(c, "aws:TokenIssueTime").orElseThrow();
    assertTrue(Conditions.typeMismatch(time, "StringLessThanEquals"));
    assertFalse(Conditions.typeMismatch(time, "NumericLessThan"));
    // Plain String keys are not judged: the data types some numeric keys as strings.
    assertTrue(Conditions.strictType(c, "glacier:ArchiveAgeInDays").isEmpty());
    assertTrue(Conditions.strictType(c, "cognito-identity.amazonaws.com:amr").isEmpty());
  }
}
