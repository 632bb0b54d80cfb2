package dev.iamlint.core.model;

import java.util.Set;

/**
 * A condition operator split into its parts: {@code ForAnyValue:StringLikeIfExists} is qualifier
 * {@code ForAnyValue}, base {@code StringLike}, ifExists. {@code known} says whether the base is
 * one of AWS's operators (IAM User Guide, "IAM JSON policy elements: Condition operators").
 */
public record ConditionOperator(String text, String qualifier, String base, boolean ifExists, boolean known) {

  /** AWS's base operators. */
  public static final Set<String> BASE_OPERATORS = Set.of(
      "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
      "StringLike", "StringNotLike",
      "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
      "NumericGreaterThan", "NumericGreaterThanEquals",
      "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
      "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
      "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null");

  public static ConditionOperator parse(String text) {
    String rest = text;
    String qualifier = null;
    int colon = rest.indexOf(':');
    if (colon > 0) {
      qualifier = rest.substring(0, colon);
      rest = rest.substring(colon + 1);
    }
    boolean ifExists = false;
    if (rest.endsWith("IfExists") && !rest.equals("IfExists")) {
      ifExists = true;
      rest = rest.substring(0, rest.length() - "IfExists".length());
    }
    boolean known = BASE_OPERATORS.contains(rest)
        && (qualifier == null || qualifier.equals("ForAllValues") || qualifier.equals("ForAnyValue"))
        && !(ifExists && rest.equals("Null"));
    return new ConditionOperator(text, qualifier, rest, ifExists, known);
  }

  public boolean isNegated() {
    return base.contains("Not");
  }

  public boolean isDate() {
    return base.startsWith("Date");
  }

  public boolean isString() {
    return base.startsWith("String");
  }

  public boolean isNumeric() {
    return base.startsWith("Numeric");
  }

  public boolean isBool() {
    return base.equals("Bool");
  }

  public boolean isNull() {
    return base.equals("Null");
  }

  /**
   * Whether {@code *} and {@code ?} in the values are wildcards: the {@code ...Like} operators,
   * and {@code ArnEquals}/{@code ArnLike}, which match each ARN field with them (IAM User Guide,
   * "IAM JSON policy elements: Condition operators").
   */
  public boolean matchesWildcards() {
    return base.endsWith("Like") || base.startsWith("Arn");
  }
}
