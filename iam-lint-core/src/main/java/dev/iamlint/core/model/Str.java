package dev.iamlint.core.model;

import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.Span;

/** A piece of text from the source (a value or a key) with where it is. */
public record Str(String text, Span span, String pointer) {

  public static Str of(ScalarNode s) {
    return new Str(s.text(), s.span(), s.pointer());
  }

  /** The key of an entry, pointing at the key itself. */
  public static Str key(ObjectNode.Entry e, String parentPointer) {
    return new Str(e.key(), e.keySpan(), Node.childPointer(parentPointer, e.key()));
  }

  /** A string scalar as Str, or null for any other node. */
  public static Str ofString(Node n) {
    return n instanceof ScalarNode s && s.isString() ? of(s) : null;
  }

  @Override
  public String toString() {
    return text;
  }

  // Written out rather than generated: a record's equals and hashCode are linked through
  // invokedynamic the first time they run, milliseconds of every short run, and are slow until
  // compiled. Rules key maps and sets by Str.
  @Override
  public boolean equals(Object o) {
    return o instanceof Str s && java.util.Objects.equals(text, s.text) && java.util.Objects.equals(span, s.span)
        && java.util.Objects.equals(pointer, s.pointer);
  }

  @Override
  public int hashCode() {
    return (java.util.Objects.hashCode(text) * 31 + java.util.Objects.hashCode(span)) * 31 + java.util.Objects.hashCode(pointer);
  }
}
