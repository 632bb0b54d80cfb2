package dev.iamlint.core.analysis;

import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import java.util.Locale;

/**
 * MFA facts of conditions and statements: the two MFA keys and how AWS evaluates them (IAM User
 * Guide, "AWS global condition context keys"). {@code aws:MultiFactorAuthPresent} is absent from
 * requests signed with long-term access keys; {@code aws:MultiFactorAuthAge} is present only when
 * MFA was used.
 */
public final class Mfa {

  public static final String PRESENT = "aws:MultiFactorAuthPresent";
  public static final String AGE = "aws:MultiFactorAuthAge";

  private Mfa() {}

  public static boolean isPresent(Condition c) {
    return c.key() != null && c.isKey(PRESENT);
  }

  public static boolean isAge(Condition c) {
    return c.key() != null && c.isKey(AGE);
  }

  public static boolean isMfa(Condition c) {
    return isPresent(c) || isAge(c);
  }

  /** True when the condition is usable (operator parsed) and names an MFA key. */
  public static boolean usable(Condition c) {
    return c.key() != null && c.operator() != null && c.operatorName() != null && isMfa(c);
  }

  /** True when one of the values reads as the boolean (case-insensitive, trimmed). */
  public static boolean hasValue(Condition c, boolean b) {
    String want = Boolean.toString(b);
    for (Str v : c.values().values()) {
      if (v.text().trim().toLowerCase(Locale.ROOT).equals(want)) return true;
    }
    return false;
  }

  public static boolean base(Condition c, String base) {
    ConditionOperator op = c.operator();
    return op != null && base.equals(op.base());
  }

  /** {@code Bool} without IfExists on aws:MultiFactorAuthPresent with value {@code b}. */
  public static boolean plainBool(Condition c, boolean b) {
    return isPresent(c) && base(c, "Bool") && !c.operator().ifExists() && hasValue(c, b);
  }

  /** {@code BoolIfExists} on aws:MultiFactorAuthPresent with value {@code b}. */
  public static boolean boolIfExists(Condition c, boolean b) {
    return isPresent(c) && base(c, "Bool") && c.operator().ifExists() && hasValue(c, b);
  }

  /** {@code Null} on the key with value {@code b} ({@code true}: key absent). */
  public static boolean nullCheck(Condition c, boolean b) {
    return base(c, "Null") && hasValue(c, b);
  }

  /** The policy is an IAM Identity Center permission set's inline policy. */
  public static boolean inPermissionSet(PolicyDocument p) {
    return p.uses().contains(PolicyUse.PERMISSION_SET_INLINE);
  }

  /**
   * A Deny statement that denies requests without MFA including those signed with long-term
   * access keys: {@code BoolIfExists {aws:MultiFactorAuthPresent: false}},
   * {@code Null {aws:MultiFactorAuthAge: true}}, {@code NumericGreaterThanIfExists} on
   * aws:MultiFactorAuthAge, or (IAM302's sibling pattern, which still denies long-term keys)
   * {@code Null {aws:MultiFactorAuthPresent: true}}. A Deny with plain {@code Bool ... false} does
   * not count: it lets long-term access keys through.
   */
  public static boolean isMfaDeny(Statement s) {
    if (!s.isDeny()) return false;
    for (Condition c : s.conditions()) {
      if (!usable(c)) continue;
      if (boolIfExists(c, false)) return true;
      if (nullCheck(c, true)) return true;
      if (isAge(c) && c.operator().ifExists() && c.operator().base().startsWith("NumericGreaterThan")) return true;
    }
    return false;
  }
}
