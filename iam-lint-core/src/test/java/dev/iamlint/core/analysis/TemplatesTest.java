package dev.iamlint.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemplatesTest {

  @Test
  void anySubstitutionMakesAValueTemplated() {
    for (String t : new String[] {"${AWS::Region}", "arn:${AWS::Partition}:s3:::b", "${aws:username}", "{{ account }}",
        "${Param}", "Fn::EnumTargetAccounts GetAtt ...", "<%= role %>", "%{ if x }", "arn:aws:s3:::${unclosed",
        "arn:aws:lambda:us-east-1:%ACCOUNT%:function:x", "arn:aws:s3:::%DIST_OUTPUT_BUCKET%-us-east-1/*", "%_X1%"}) {
      assertTrue(Templates.isTemplated(t), t);
    }
    for (String t : new String[] {"", "*", "s3:GetObject", "arn:aws:s3:::bucket/*", "a{b}", "$x", "{x}",
        "arn:aws:s3:::reports/q1%2Fq2%2F/*", "100%", "%lower%", "% SPACED %", "%%"}) {
      assertFalse(Templates.isTemplated(t), t);
    }
  }

  @Test
  void templateSubstitutionsAreToldFromPolicyVariables() {
    for (String t : new String[] {"${AWS::AccountId}", "${Param}", "${ACCEL_LOOKUP::CUSTOM:x}", "{{ x }}", "Fn::Sub x",
        "${AWS::Region}-${aws:username}", "${}"}) {
      assertTrue(Templates.hasTemplateSubstitution(t), t);
    }
    for (String t : new String[] {"${aws:username}", "arn:aws:iam::*:user/${aws:PrincipalTag/team}", "${*}", "${?}", "${$}",
        "${aws:username, 'anonymous'}"}) {
      assertFalse(Templates.hasTemplateSubstitution(t), t);
      assertTrue(Templates.hasPolicyVariable(t), t);
    }
    assertTrue(Templates.hasPolicyVariable("${AWS::Region}-${aws:username}"));
    assertFalse(Templates.hasPolicyVariable("${AWS::Region}"));
  }

  @Test
  void startsTemplatedWhenASubstitutionOpensTheText() {
    assertTrue(Templates.startsTemplated("${BucketArn}/*"));
    assertTrue(Templates.startsTemplated("{{ arn }}"));
    assertTrue(Templates.startsTemplated("Fn::EnumTargetAccounts x"));
    assertFalse(Templates.startsTemplated("arn:${AWS::Partition}:s3:::b"));
  }

  @Test
  void placeholdersAreFoundByShapeAndTyposAreNot() {
    Templates.Placeholders p = Templates.Placeholders.DEFAULT;
    assertEquals(java.util.List.of("<my-corporate-cidr>"), p.find("<my-corporate-cidr>"));
    assertEquals(java.util.List.of("ACCOUNT_ID"), p.find("arn:aws:iam::ACCOUNT_ID:role/x"));
    assertEquals(java.util.List.of("REGION", "ACCOUNT-A-ID"), p.find("arn:aws:dynamodb:REGION:ACCOUNT-A-ID:table/Books"));
    assertEquals(java.util.List.of("xxACCTNUMBERxx"), p.find("xxACCTNUMBERxx"));
    assertEquals(java.util.List.of("[STACK_NAME]"), p.find("arn:aws:cloudformation:*:*:stack/[STACK_NAME]/*"));
    assertTrue(p.holds("your-account-id"));
    assertTrue(p.holds("ACCOUNT_ID"));
    assertTrue(p.holds("CORPORATE_CIDR"));
    assertEquals(java.util.List.of("region", "account-id"), p.find("arn:aws:ec2:region:account-id:instance/*"));
    assertTrue(p.holds("arn:aws:iam::ROLE_ACCOUNT:role/x"));
    for (String t : new String[] {"arn:aws:ec2:US-EAST-1:111122223333:instance/*", "us-east1", "my-bucket", "12345678901",
        "arn:aws:dynamodb:us-east-1:111122223333:table/USER_DATA", "${AWS::AccountId}", "<%= role %>", "BLUE", "[a-z]", "ADMIN_ROLE", "USER_KEY", "region", "arn:aws:ec2:us-east-1:111122223333:instance/region",
        "arn:aws:s3:::amzn-s3-demo-bucket/*", "203.0.113.0/24", "2001:db8::/32"}) {
      assertFalse(p.holds(t), t);
    }
    Templates.Placeholders custom = new Templates.Placeholders(java.util.List.of(java.util.regex.Pattern.compile("@@[A-Z]+@@")));
    assertEquals(java.util.List.of("@@BUCKET@@"), custom.find("arn:aws:s3:::@@BUCKET@@/*"));
  }

  @Test
  void placeholdersInConditionKeyNamesAreFoundAndRealKeysAreNot() {
    Templates.Placeholders p = Templates.Placeholders.DEFAULT;
    assertEquals(java.util.List.of("<OIDC_provider_name_1>"), p.findInKey("<OIDC_provider_name_1>:sub"));
    assertEquals(java.util.List.of("<tag-key>"), p.findInKey("aws:ResourceTag/<tag-key>"));
    assertTrue(p.holdsInKey("[PROVIDER_HOST]:aud"));
    for (String k : new String[] {"aws:SourceIp", "s3:prefix", "token.actions.githubusercontent.com:sub",
        "aws:PrincipalTag/ACCOUNT_ID", "aws:ResourceTag/${TagKey}", "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub"}) {
      assertFalse(p.holdsInKey(k), k);
    }
    Templates.Placeholders custom = new Templates.Placeholders(java.util.List.of(java.util.regex.Pattern.compile("@@[A-Z]+@@")));
    assertEquals(java.util.List.of("@@IDP@@"), custom.findInKey("@@IDP@@:sub"));
  }
}
