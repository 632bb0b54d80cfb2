package dev.iamlint.core.analysis;

import static dev.iamlint.core.analysis.Policies.statement;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.model.Statement;
import org.junit.jupiter.api.Test;

class MfaTest {

  private static Statement deny(String condition) {
    return statement("{\"Effect\": \"Deny\", \"NotAction\": \"iam:*\", \"Resource\": \"*\", \"Condition\": " + condition + "}");
  }

  @Test
  void denialsThatStopLongTermKeysToo() {
    assertTrue(Mfa.isMfaDeny(deny("{\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}}")));
    assertTrue(Mfa.isMfaDeny(deny("{\"Null\": {\"aws:MultiFactorAuthAge\": \"true\"}}")));
    assertTrue(Mfa.isMfaDeny(deny("{\"NumericGreaterThanIfExists\": {\"aws:MultiFactorAuthAge\": \"3600\"}}")));
  }

  @Test
  void theBoolTrapIsNoMfaDeny() {
    Statement s = deny("{\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}}");
    assertFalse(Mfa.isMfaDeny(s));
    assertTrue(Mfa.plainBool(s.conditions().get(0), false));
    assertTrue(Mfa.usable(s.conditions().get(0)));
  }
}
