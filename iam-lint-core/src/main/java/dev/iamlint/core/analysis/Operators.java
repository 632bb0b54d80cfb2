package dev.iamlint.core.analysis;

import dev.iamlint.core.model.ConditionOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Condition operators and the values they read (IAM User Guide, "IAM JSON policy elements:
 * Condition operators"): the operator names that exist, for suggestions, and the value formats.
 */
public final class Operators {

  private Operators() {}

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /**
   * The operator names (without a set qualifier) whose base operator passes the filter, each also
   * with {@code IfExists} except {@code Null}, which takes no IfExists; sorted.
   */
  public static List<String> names(Predicate<String> base) {
    List<String> out = new ArrayList<>();
    for (String b : ConditionOperator.BASE_OPERATORS) {
      if (!base.test(b)) continue;
      out.add(b);
      if (!b.equals("Null")) out.add(b + "IfExists");
    }
    out.sort(null);
    return List.copyOf(out);
  }

  /** A number as the {@code Numeric*} operators read it: decimal, optionally signed, fraction and exponent. */
  public static boolean isNumber(String t) {
    return NUMBER.matcher(t).matches();
  }
}
