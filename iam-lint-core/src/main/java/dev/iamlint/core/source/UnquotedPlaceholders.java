package dev.iamlint.core.source;

/**
 * Template placeholders written where a JSON or YAML value starts, unquoted, which the deploying
 * tool substitutes before it parses the file: Landing Zone Accelerator's
 * {@code "Resource": ${ACCEL_LOOKUP::EKS:ClusterArn}} in resource-policy JSON and
 * {@code homeRegion: {{ AcceleratorHomeRegion }}} in its YAML configuration. As written the file is
 * not valid JSON or YAML; read with each such placeholder turned into a string of the same length
 * ({@code "${ACCEL_LOOKUP::EKS:Cluster}"}), it is, and every position stays that of the text: the
 * rest of the file can be linted and the placeholder, a template value, is judged by nothing.
 */
final class UnquotedPlaceholders {

  private UnquotedPlaceholders() {}

  /** The text with unquoted placeholders quoted, or null when it holds none. */
  static String quote(String text, Format format) {
    return format == Format.JSON ? json(text) : yaml(text);
  }

  /** Outside JSON strings: {@code ${...}} and {@code {{...}}}. */
  private static String json(String text) {
    StringBuilder out = null;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') i++;
        else if (c == '"') inString = false;
        continue;
      }
      if (c == '"') {
        inString = true;
        continue;
      }
      int end = placeholderEnd(text, i);
      if (end < 0) continue;
      if (out == null) out = new StringBuilder(text);
      replace(out, text, i, end);
      i = end - 1;
    }
    return out == null ? null : out.toString();
  }

  /**
   * In YAML, a {@code {{...}}} that starts a plain value (after whitespace, or in a flow sequence,
   * with no quote before it on its line) opens a flow mapping; {@code ${...}} there is already a
   * plain string.
   */
  private static String yaml(String text) {
    StringBuilder out = null;
    int lineStart = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        lineStart = i + 1;
        quoted = false;
        continue;
      }
      if (c == '"' || c == '\'' || c == '#') quoted = true;
      if (quoted || c != '{' || !text.startsWith("{{", i)) continue;
      if (i > lineStart && " \t[,".indexOf(text.charAt(i - 1)) < 0) continue;
      int end = placeholderEnd(text, i);
      if (end < 0) continue;
      if (out == null) out = new StringBuilder(text);
      replace(out, text, i, end);
      i = end - 1;
    }
    return out == null ? null : out.toString();
  }

  /** The end (exclusive) of a placeholder starting at {@code i} on one line, or -1. */
  private static int placeholderEnd(String text, int i) {
    String close;
    if (text.startsWith("${", i)) {
      close = "}";
    } else if (text.startsWith("{{", i)) {
      close = "}}";
    } else {
      return -1;
    }
    int end = text.indexOf(close, i + 2);
    int nl = text.indexOf('\n', i);
    if (end < 0 || (nl >= 0 && nl < end)) return -1;
    end += close.length();
    return end - i >= 6 ? end : -1;
  }

  /**
   * The same number of characters: a double-quoted string keeping the placeholder's delimiters
   * (so it still reads as a template value) and as much of its inside as fits.
   */
  private static void replace(StringBuilder out, String text, int from, int to) {
    String token = text.substring(from, to);
    String open = token.startsWith("${") ? "${" : "{{";
    String close = open.equals("${") ? "}" : "}}";
    String inner = token.substring(open.length(), token.length() - close.length()).strip();
    int room = token.length() - 2 - open.length() - close.length();
    StringBuilder r = new StringBuilder(token.length()).append('"').append(open);
    for (int k = 0; k < room; k++) r.append(k < inner.length() ? inner.charAt(k) : ' ');
    r.append(close).append('"');
    for (int k = 0; k < r.length(); k++) {
      char ch = r.charAt(k);
      out.setCharAt(from + k, ch == '"' && k > 0 && k < r.length() - 1 ? '\'' : ch);
    }
  }
}
