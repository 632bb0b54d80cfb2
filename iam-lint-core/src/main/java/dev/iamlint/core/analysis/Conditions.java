package dev.iamlint.core.analysis;

import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.Intrinsics;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import java.util.Locale;
import java.util.Set;

/** What a statement's conditions restrict: who may call, on whose behalf, which values a key may take. */
public final class Conditions {

  private Conditions() {}

  /** The statement's condition on the key that is not a {@code Null} test, or null. */
  public static Condition limiting(Statement s, String key) {
    for (Condition c : s.conditionsOn(key)) {
      if (c.operatorName() != null && c.operatorName().text().toLowerCase(Locale.ROOT).startsWith("null")) continue;
      return c;
    }
    return null;
  }

  /** True when one condition of the statement restricts ({@link #restricts}) one of the keys (lower case). */
  public static boolean restrictedBy(Statement s, Set<String> keys) {
    for (Condition c : s.conditions()) {
      if (keys.contains(c.key().text().toLowerCase(Locale.ROOT)) && restricts(c)) return true;
    }
    return false;
  }

  /**
   * True when an Allow's condition limits the key to the values given: a known, non-negated
   * operator other than Null, without IfExists (a missing key would pass) and without
   * {@code ForAllValues} (true when the key is absent), with at least one value that is not a bare
   * wildcard or an any-address range. {@code Bool aws:PrincipalIsAWSService true} restricts too.
   * A value CloudFormation computes ({@code !Ref AWS::AccountId}) is given the benefit of the doubt.
   */
  public static boolean restricts(Condition c) {
    ConditionOperator op = c.operator();
    if (!op.known() || op.isNegated() || op.isNull() || op.ifExists()) return false;
    if ("ForAllValues".equals(op.qualifier())) return false;
    if (op.isBool()) {
      return c.isKey("aws:PrincipalIsAWSService") && c.values().texts().stream().anyMatch("true"::equalsIgnoreCase);
    }
    if (c.values().isEmpty()) return computed(c.values().node());
    boolean like = op.base().endsWith("Like");
    for (Str v : c.values().values()) {
      String t = v.text().trim();
      if (t.isEmpty()) continue;
      if (like && t.chars().allMatch(ch -> ch == '*' || ch == '?')) continue;
      if (op.base().equals("IpAddress") && (t.equals("0.0.0.0/0") || t.equals("::/0"))) continue;
      return true;
    }
    return false;
  }

  /** The value, or an item of it, is a CloudFormation function call. */
  private static boolean computed(Node n) {
    if (Intrinsics.isIntrinsic(n)) return true;
    if (n instanceof ArrayNode a) {
      for (Node item : a.items()) if (Intrinsics.isIntrinsic(item)) return true;
    }
    return false;
  }
}
