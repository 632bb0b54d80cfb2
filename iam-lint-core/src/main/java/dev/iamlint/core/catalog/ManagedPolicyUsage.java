package dev.iamlint.core.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

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
  // condition key -> action text -> policy, lower case: the key conditions a statement holding the action.
  private final Map<String, Map<String, String>> actionsByKey;

  // The maps are built here and never changed after, so they are not copied (a copy of some
  // hundred thousand entries was a tenth of the build).
  private ManagedPolicyUsage(Map<String, String> actions, Map<String, String> prefixes,
      Map<String, String> conditionKeys, Map<String, Map<String, String>> actionsByKey) {
    this.actions = Collections.unmodifiableMap(actions);
    this.prefixes = Collections.unmodifiableMap(prefixes);
    this.conditionKeys = Collections.unmodifiableMap(conditionKeys);
    this.actionsByKey = Collections.unmodifiableMap(actionsByKey);
  }

  /**
   * Reads every policy's document; a document that cannot be read is skipped. Jackson's streaming
   * parser rather than a tree: this reads some 1,400 documents the first time a rule asks, and
   * building a tree of each was most of that time.
   */
  static ManagedPolicyUsage of(List<ManagedPolicy> policies) {
    Map<String, String> actions = new HashMap<>();
    Map<String, String> prefixes = new HashMap<>();
    Map<String, String> keys = new HashMap<>();
    Map<String, Map<String, String>> pairs = new HashMap<>();
    JsonFactory factory = JsonFactory.builder().build();
    List<String> written = new ArrayList<>();
    List<String> conditionKeys = new ArrayList<>();
    for (ManagedPolicy p : policies) {
      try (JsonParser parser = p.documentParser(factory)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) continue;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          boolean statements = parser.currentName().equals("Statement");
          JsonToken t = parser.nextToken();
          if (statements && t == JsonToken.START_OBJECT) {
            statement(parser, p.name(), written, conditionKeys, actions, prefixes, keys, pairs);
          } else if (statements && t == JsonToken.START_ARRAY) {
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
              if (t == JsonToken.START_OBJECT) {
                statement(parser, p.name(), written, conditionKeys, actions, prefixes, keys, pairs);
              } else {
                parser.skipChildren();
              }
            }
          } else {
            parser.skipChildren();
          }
        }
      } catch (RuntimeException e) {
        // a document that is not JSON: what was read of it stays, the rest is skipped
      }
    }
    return new ManagedPolicyUsage(actions, prefixes, keys, pairs);
  }

  /** One statement object, the parser on its START_OBJECT; leaves it on the matching END_OBJECT. */
  private static void statement(JsonParser parser, String policy, List<String> written, List<String> conditionKeys,
      Map<String, String> actions, Map<String, String> prefixes, Map<String, String> keys,
      Map<String, Map<String, String>> pairs) {
    written.clear();
    conditionKeys.clear();
    boolean hasAction = false;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = parser.currentName();
      JsonToken t = parser.nextToken();
      if (field.equals("Action") || field.equals("NotAction")) {
        hasAction |= field.equals("Action");
        addStrings(parser, t, written);
      } else if (field.equals("Condition") && t == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          if (parser.nextToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
              conditionKeys.add(parser.currentName().trim().toLowerCase(Locale.ROOT));
              parser.nextToken();
              parser.skipChildren();
            }
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    for (String a : written) action(a, policy, actions, prefixes);
    for (String key : conditionKeys) {
      keys.putIfAbsent(key, policy);
      if (hasAction) {
        Map<String, String> byAction = pairs.get(key);
        if (byAction == null) {
          byAction = new HashMap<>();
          pairs.put(key, byAction);
        }
        for (String a : written) byAction.putIfAbsent(a, policy);
      }
    }
  }

  private static void addStrings(JsonParser parser, JsonToken t, List<String> out) {
    if (t == JsonToken.VALUE_STRING) {
      out.add(parser.getString().trim().toLowerCase(Locale.ROOT));
    } else if (t == JsonToken.START_ARRAY) {
      while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (t == JsonToken.VALUE_STRING) out.add(parser.getString().trim().toLowerCase(Locale.ROOT));
        else parser.skipChildren();
      }
    } else {
      parser.skipChildren();
    }
  }

  private static void action(String t, String policy, Map<String, String> actions, Map<String, String> prefixes) {
    int colon = t.indexOf(':');
    if (colon <= 0) return;
    // Most actions recur across policies: their prefix is known from the first time.
    if (actions.putIfAbsent(t, policy) == null) prefixes.putIfAbsent(t.substring(0, colon), policy);
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
    Map<String, String> byAction = actionsByKey.get(key.trim().toLowerCase(Locale.ROOT));
    return byAction == null ? Optional.empty() : Optional.ofNullable(byAction.get(action.trim().toLowerCase(Locale.ROOT)));
  }

  /** The first managed policy with a condition on this key (case-insensitive). */
  Optional<String> conditionKey(String key) {
    return Optional.ofNullable(conditionKeys.get(key.trim().toLowerCase(Locale.ROOT)));
  }
}
