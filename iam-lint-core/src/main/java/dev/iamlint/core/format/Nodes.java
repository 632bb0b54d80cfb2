package dev.iamlint.core.format;

import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;

/** Reading values out of the tree the way several formats need it. */
public final class Nodes {

  private Nodes() {}

  /** A string, or the strings of a list. */
  public static List<Str> strings(Node n) {
    List<Str> out = new ArrayList<>();
    if (n instanceof ScalarNode s && s.isString()) out.add(Str.of(s));
    if (n instanceof ArrayNode a) {
      for (Node item : a.items()) {
        if (item instanceof ScalarNode s && s.isString()) out.add(Str.of(s));
      }
    }
    return out;
  }

  /** The non-null, non-blank scalars of a list, whatever their type (an unquoted account id reads as a number). */
  public static List<Str> values(Node n) {
    List<Str> out = new ArrayList<>();
    if (n instanceof ArrayNode a) {
      for (Node item : a.items()) {
        if (item instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL && !s.text().isBlank()) out.add(Str.of(s));
      }
    }
    return out;
  }

  /** The objects of a list. */
  public static List<ObjectNode> objects(Node n) {
    List<ObjectNode> out = new ArrayList<>();
    if (n instanceof ArrayNode a) {
      for (Node item : a.items()) {
        if (item instanceof ObjectNode o) out.add(o);
      }
    }
    return out;
  }

  /** The objects of the list under {@code key}. */
  public static List<ObjectNode> objects(ObjectNode o, String key) {
    return objects(o.get(key).orElse(null));
  }

  /** A scalar's text, numbers included, or null when absent or null. */
  public static String text(ObjectNode o, String key) {
    return o.get(key).filter(n -> n instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL)
        .map(n -> ((ScalarNode) n).text()).orElse(null);
  }
}
