package dev.iamlint.core.model;

/**
 * One operator-key pair of a {@code Condition} block, e.g. {@code "DateLessThan":
 * {"aws:CurrentTime": "2026-12-31T00:00:00Z"}}.
 *
 * @param operatorName the operator key as written, pointing at the operator key
 * @param operator the parsed operator
 * @param key the condition key as written, pointing at the key
 * @param values the value(s), pointing at each value
 */
public record Condition(Str operatorName, ConditionOperator operator, Str key, ValueList values) {

  /** True when the key is the given one (condition keys are case-insensitive). */
  public boolean isKey(String name) {
    return key.text().equalsIgnoreCase(name);
  }
}
