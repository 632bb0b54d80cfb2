package dev.iamlint.core.source;

import java.util.EnumSet;
import java.util.Set;

/**
 * Template placeholders written where a JSON or YAML value starts, unquoted, which the deploying
 * tool substitutes before it parses the file: Landing Zone Accelerator's
 * {@code "Resource": ${ACCEL_LOOKUP::EKS:ClusterArn}} in resource-policy JSON and
 * {@code homeRegion: {{ AcceleratorHomeRegion }}} in its YAML configuration. As written the file is
 * not valid JSON or YAML; read with each such placeholder turned into a string of the same length
 * ({@code "${ACCEL_LOOKUP::EKS:Cluster}"}), it is, and every position stays that of the text: the
 * rest of the file can be linted and the placeholder, a template value, is judged by nothing.
 *
 * <p>The same holds for the build placeholders of AWS Solutions templates
 * ({@code BucketName: !Sub %TEMPLATE_BUCKET_NAME%}, {@code S3Key: %SOLUTION_NAME%/%VERSION%/x.zip}),
 * which their build script replaces before the template is published: YAML cannot start a plain
 * value with {@code %} (it is the directive indicator). Such a token is read as a plain value
 * starting {@code <%} ({@code <%TEMPLATE_BUCKET_NAM%}), which every rule takes for a template value,
 * so the rest of the value stays as written.
 */
final class UnquotedPlaceholders {

  private UnquotedPlaceholders() {}

  /** Which kinds of placeholder a text held. */
  enum Style {
    /** {@code ${...}} or {@code {{...}}}, as Landing Zone Accelerator writes them. */
    TEMPLATE,
    /** {@code %NAME%}, as AWS Solutions templates write them. */
    BUILD
  }

  /** The text with its placeholders read as strings, and the kinds it held (never empty). */
  record Quoted(String text, Set<Style> styles) {
    Quoted {
      styles = Set.copyOf(styles);
    }
  }

  /** The text with unquoted placeholders quoted, or null when it holds none. */
  static Quoted quote(String text, Format format) {
    if (format == Format.JSON) {
      String json = json(text);
      return json == null ? null : new Quoted(json, Set.of(Style.TEMPLATE));
    }
    return yaml(text);
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
   * plain string. A {@code %NAME%} that starts a value (see {@link #startsValue}) is a token YAML
   * rejects; one further into a plain value is part of it, and one at the start of a line is a
   * directive ({@code %YAML 1.2}) or continues a value.
   */
  private static Quoted yaml(String text) {
    StringBuilder out = null;
    EnumSet<Style> styles = EnumSet.noneOf(Style.class);
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
      if (quoted) continue;
      if (c == '%') {
        int end = buildPlaceholderEnd(text, i);
        if (end < 0 || !startsValue(text, lineStart, i)) continue;
        if (out == null) out = new StringBuilder(text);
        replaceBuild(out, text, i, end);
        styles.add(Style.BUILD);
        i = end - 1;
        continue;
      }
      if (c != '{' || !text.startsWith("{{", i)) continue;
      if (i > lineStart && " \t[,".indexOf(text.charAt(i - 1)) < 0) continue;
      int end = placeholderEnd(text, i);
      if (end < 0) continue;
      if (out == null) out = new StringBuilder(text);
      replace(out, text, i, end);
      styles.add(Style.TEMPLATE);
      i = end - 1;
    }
    return out == null ? null : new Quoted(out.toString(), styles);
  }

  /** The end (exclusive) of {@code %NAME%} at {@code i}, NAME of letters, digits, {@code _-.}; or -1. */
  private static int buildPlaceholderEnd(String text, int i) {
    int j = i + 1;
    while (j < text.length() && isNameChar(text.charAt(j))) j++;
    return j > i + 1 && j < text.length() && text.charAt(j) == '%' ? j + 1 : -1;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  }

  /**
   * Whether a token at {@code i}, not first on its line, starts a value: after a mapping's
   * {@code :}, a sequence's {@code -} or a complex key's {@code ?} and blanks, after {@code [} or
   * {@code ,} in a flow collection, or after a tag or anchor ({@code !Sub}, {@code &name}) that
   * follows one of them.
   */
  private static boolean startsValue(String text, int lineStart, int i) {
    int j = i - 1;
    while (j >= lineStart && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) j--;
    if (j < lineStart) return false;
    char p = text.charAt(j);
    if (p == '[' || p == ',' || p == '{') return true;
    if (j == i - 1) return false; // no blank between: inside a plain value
    // Also true for a ':' or '-' inside a plain value ("a - %B%"): the token stays a plain value.
    if (p == ':' || p == '-' || p == '?') return true;
    int w = j;
    while (w >= lineStart && " \t".indexOf(text.charAt(w)) < 0) w--;
    char first = text.charAt(w + 1);
    return (first == '!' || first == '&') && w >= lineStart && startsValue(text, lineStart, w + 1);
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
   * The same number of characters, still a plain value so that any text after it stays part of it:
   * {@code <%} (a template marker, ERB's) and as much of the name as fits, then {@code %}.
   */
  private static void replaceBuild(StringBuilder out, String text, int from, int to) {
    String name = text.substring(from + 1, to - 1);
    out.replace(from, to, "<%" + name.substring(0, name.length() - 1) + "%");
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
