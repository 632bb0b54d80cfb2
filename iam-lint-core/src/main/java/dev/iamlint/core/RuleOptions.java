package dev.iamlint.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A rule's options from {@code rules.<id>.options} in {@code .iam-lint.yaml}. */
public record RuleOptions(Map<String, Object> values) {

  public static final RuleOptions EMPTY = new RuleOptions(Map.of());

  public RuleOptions {
    values = Map.copyOf(values);
  }

  public Optional<String> string(String key) {
    Object v = values.get(key);
    return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
  }

  /** A list option; a single value counts as a list of one. */
  public List<String> strings(String key) {
    Object v = values.get(key);
    if (v == null) return List.of();
    if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
    return List.of(String.valueOf(v));
  }

  public Optional<Long> number(String key) {
    Object v = values.get(key);
    if (v instanceof Number n) return Optional.of(n.longValue());
    if (v instanceof String s) {
      try {
        return Optional.of(Long.parseLong(s.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
