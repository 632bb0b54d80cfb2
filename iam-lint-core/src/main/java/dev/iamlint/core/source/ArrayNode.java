package dev.iamlint.core.source;

import java.util.List;

/** A JSON array or YAML sequence. */
public record ArrayNode(Span span, String pointer, String tag, List<Node> items) implements Node {

  public ArrayNode {
    items = List.copyOf(items);
  }

  @Override
  public String typeName() {
    return "array";
  }
}
