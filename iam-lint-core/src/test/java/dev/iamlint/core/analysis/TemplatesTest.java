package dev.iamlint.core.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemplatesTest {

  @Test
  void anySubstitutionMakesAValueTemplated() {
    for (String t : new String[] {"${AWS::Region}", "arn:${AWS::Partition}:s3:::b", "${aws:username}", "{{ account }}",
        "${Param}", "Fn::EnumTargetAccounts GetAtt ...", "<%= role %>", "%{ if x }", "arn:aws:s3:::${unclosed"}) {
      assertTrue(Templates.isTemplated(t), t);
    }
    for (String t : new String[] {"", "*", "s3:GetObject", "arn:aws:s3:::bucket/*", "a{b}", "$x", "{x}"}) {
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
}
