package dev.iamlint.core.source;

/**
 * A parsed JSON or YAML value that remembers where it came from. Every node has the span of its
 * text and its JSON Pointer within the file's document; YAML nodes may carry a tag (the
 * CloudFormation short form {@code !Sub} is tag {@code Sub}).
 */
public sealed interface Node permits ObjectNode, ArrayNode, ScalarNode {

  Span span();

  /** RFC 6901 JSON Pointer of this node within its document ("" for the root). */
  String pointer();

  /** The YAML tag without its leading '!', e.g. {@code Sub}, {@code Ref}; null when untagged. */
  String tag();

  /** A short name of the node's type for messages: object, array, string, number, boolean, null. */
  String typeName();

  /** Escapes one reference token for a JSON Pointer (RFC 6901 section 3). */
  static String escapePointerToken(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) return token;
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** Appends one token to a pointer. */
  static String childPointer(String parent, String token) {
    return parent + "/" + escapePointerToken(token);
  }
}
