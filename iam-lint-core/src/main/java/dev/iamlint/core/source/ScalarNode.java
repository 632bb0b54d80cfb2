package dev.iamlint.core.source;

/**
 * A string, number, boolean or null.
 *
 * @param value the resolved value: String, a Number (Long, BigInteger, Double or BigDecimal as the
 *     parser gave it), Boolean, or null
 * @param text the scalar as text (the decoded string, or the number/boolean literal)
 * @param raw where the scalar's raw text sits in the file, so that JSON embedded in a string can
 *     be mapped back to file positions; null for scalars not read from a file region
 */
public record ScalarNode(Span span, String pointer, String tag, Type type, Object value, String text, RawRegion raw)
    implements Node {

  /** The scalar kinds of JSON (YAML scalars resolve to these with the core schema). */
  public enum Type { STRING, NUMBER, BOOLEAN, NULL }

  /**
   * The raw characters of a scalar in its source: [start, end) char offsets in {@code source}.
   * {@code style} is the quoting style: '"' (JSON string or YAML double-quoted), '\'' (YAML
   * single-quoted), '|' (literal block), '>' (folded block), or 0 (plain).
   */
  public record RawRegion(SourceText source, int start, int end, char style) {}

  public boolean isString() {
    return type == Type.STRING;
  }

  @Override
  public String typeName() {
    return switch (type) {
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
    };
  }
}
