package dev.iamlint.core.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON object or YAML mapping. Entries keep file order, duplicates included (duplicate keys are
 * reported by the loader; lookups return the last occurrence, as JSON parsers and AWS do).
 */
public record ObjectNode(Span span, String pointer, String tag, List<Entry> entries) implements Node {

  public ObjectNode {
    entries = List.copyOf(entries);
  }

  /** One key and its value. */
  public record Entry(String key, Span keySpan, Node value) {}

  /** The value of the last entry with this exact key. */
  public Optional<Node> get(String key) {
    Entry e = entry(key);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  /** The last entry with this exact key, or null. */
  public Entry entry(String key) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).key().equals(key)) return entries.get(i);
    }
    return null;
  }

  /** The last entry whose key equals this one ignoring case, or null. */
  public Entry entryIgnoreCase(String key) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).key().equalsIgnoreCase(key)) return entries.get(i);
    }
    return null;
  }

  /** A string value of a key, if the key is present with a string scalar. */
  public Optional<ScalarNode> string(String key) {
    return get(key).filter(n -> n instanceof ScalarNode s && s.isString()).map(ScalarNode.class::cast);
  }

  public Optional<ObjectNode> object(String key) {
    return get(key).filter(ObjectNode.class::isInstance).map(ObjectNode.class::cast);
  }

  public boolean has(String key) {
    return entry(key) != null;
  }

  public List<String> keys() {
    List<String> keys = new ArrayList<>(entries.size());
    for (Entry e : entries) keys.add(e.key());
    return keys;
  }

  @Override
  public String typeName() {
    return "object";
  }
}
