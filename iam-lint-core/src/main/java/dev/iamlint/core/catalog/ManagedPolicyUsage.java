package dev.iamlint.core.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What AWS's own managed policies use: action names (or patterns), service prefixes and condition
 * keys, each with the first policy (by name) that uses it. The Service Authorization Reference
 * data lacks some of them (retired or undocumented services, actions AWS grants only in its own
 * policies); a name AWS ships in a managed policy is known to AWS, so a rule can tell it from a
 * typo. Derived from the catalogue's managed-policy documents when a rule first asks, because
 * reading 1,400 documents (about 0.3 s in a fresh JVM) is needless work for the runs that never meet such a
 * name. Like the catalogue's reader, it avoids lambdas and string concatenation, whose one-off
 * bootstrap would cost more than the work.
 */
final class ManagedPolicyUsage {

  private final Map<String, String> actions;
  private final Map<String, String> prefixes;
  private final Map<String, String> conditionKeys;
  // "action text|condition key", lower case: the key conditions a statement holding the action.
  private final Map<String, String> actionKeyPairs;

  private ManagedPolicyUsage(Map<String, String> actions, Map<String, String> prefixes,
      Map<String, String> conditionKeys, Map<String, String> actionKeyPairs) {
    this.actions = Map.copyOf(actions);
    this.prefixes = Map.copyOf(prefixes);
    this.conditionKeys = Map.copyOf(conditionKeys);
    this.actionKeyPairs = Map.copyOf(actionKeyPairs);
  }

  /** Reads every policy's document; a document that cannot be read is skipped. */
  static ManagedPolicyUsage of(List<ManagedPolicy> policies) {
    Map<String, String> actions = new HashMap<>();
    Map<String, String> prefixes = new HashMap<>();
    Map<String, String> keys = new HashMap<>();
    Map<String, String> pairs = new HashMap<>();
    JsonMapper mapper = JsonMapper.builder().build();
    for (ManagedPolicy p : policies) {
      JsonNode doc;
      try {
        doc = mapper.readTree(p.document());
      } catch (RuntimeException e) {
        continue;
      }
      JsonNode statements = doc.get("Statement");
      if (statements == null) continue;
      if (statements.isObject()) {
        read(statements, p.name(), actions, prefixes, keys, pairs);
      } else {
        for (JsonNode s : statements) read(s, p.name(), actions, prefixes, keys, pairs);
      }
    }
    return new ManagedPolicyUsage(actions, prefixes, keys, pairs);
  }

  private static void read(JsonNode statement, String policy, Map<String, String> actions,
      Map<String, String> prefixes, Map<String, String> keys, Map<String, String> pairs) {
    if (!statement.isObject()) return;
    List<String> written = new ArrayList<>();
    addStrings(statement.get("Action"), written);
    addStrings(statement.get("NotAction"), written);
    for (String a : written) action(a, policy, actions, prefixes);
    JsonNode condition = statement.get("Condition");
    if (condition != null && condition.isObject()) {
      for (JsonNode byKey : condition) {
        if (!byKey.isObject()) continue;
        Iterator<String> names = byKey.propertyNames().iterator();
        while (names.hasNext()) {
          String key = names.next().trim().toLowerCase(Locale.ROOT);
          keys.putIfAbsent(key, policy);
          if (statement.get("Action") != null) {
            for (String a : written) pairs.putIfAbsent(a.concat("|").concat(key), policy);
          }
        }
      }
    }
  }

  private static void addStrings(JsonNode v, List<String> out) {
    if (v == null) return;
    if (v.isString()) {
      out.add(v.asString().trim().toLowerCase(Locale.ROOT));
      return;
    }
    for (JsonNode a : v) {
      if (a.isString()) out.add(a.asString().trim().toLowerCase(Locale.ROOT));
    }
  }

  private static void action(String t, String policy, Map<String, String> actions, Map<String, String> prefixes) {
    int colon = t.indexOf(':');
    if (colon <= 0) return;
    actions.putIfAbsent(t, policy);
    prefixes.putIfAbsent(t.substring(0, colon), policy);
  }

  /** The first managed policy whose Action or NotAction holds this exact text (case-insensitive). */
  Optional<String> action(String text) {
    return Optional.ofNullable(actions.get(text.trim().toLowerCase(Locale.ROOT)));
  }

  /** The first managed policy with an action of this service prefix. */
  Optional<String> prefix(String prefix) {
    return Optional.ofNullable(prefixes.get(prefix.trim().toLowerCase(Locale.ROOT)));
  }

  /**
   * The first managed policy with a statement whose {@code Action} holds this text (as written,
   * case-insensitive) and whose condition uses this key.
   */
  Optional<String> actionWithKey(String action, String key) {
    return Optional.ofNullable(actionKeyPairs.get(
        action.trim().toLowerCase(Locale.ROOT).concat("|").concat(key.trim().toLowerCase(Locale.ROOT))));
  }

  /** The first managed policy with a condition on this key (case-insensitive). */
  Optional<String> conditionKey(String key) {
    return Optional.ofNullable(conditionKeys.get(key.trim().toLowerCase(Locale.ROOT)));
  }
}
