package dev.iamlint.core.source;

/**
 * Tabs that separate tokens or end a line in YAML: {@code Action:\t"*"}, {@code Version: "2012-10-17"\t}.
 * YAML 1.2 allows them (its in-line separation is spaces or tabs, "s-separate-in-line"), but
 * snakeyaml-engine, like PyYAML and other YAML 1.1 descendants, stops at them ("found character
 * '\t' that cannot start any token"), so a template that deploys would otherwise be an unlintable
 * file. Read with each such tab as a space, it parses and every position stays that of the text.
 * Tabs that indent a line are left alone (YAML forbids them there, and so do its parsers), as are
 * tabs inside quotes and between two characters of a plain value.
 */
final class SeparatingTabs {

  private SeparatingTabs() {}

  /** The text with its separating tabs made spaces, or null when it has none. */
  static String spaced(String text) {
    StringBuilder out = null;
    int n = text.length();
    int lineStart = 0;
    while (lineStart < n) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = n;
      int i = lineStart;
      while (i < lineEnd && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++; // indentation: left as it is
      char quote = 0;
      for (; i < lineEnd; i++) {
        char c = text.charAt(i);
        if (quote != 0) {
          if (c == '\\' && quote == '"') i++;
          else if (c == quote) quote = 0;
          continue;
        }
        if (c == '#' && i > lineStart && isBlank(text.charAt(i - 1))) break; // a comment: nothing to parse
        if (c == '"' || c == '\'') {
          if (i == lineStart || !isPlainChar(text.charAt(i - 1))) quote = c;
          continue;
        }
        if (c == '\t' && separates(text, i, lineEnd)) {
          if (out == null) out = new StringBuilder(text);
          out.setCharAt(i, ' ');
        }
      }
      lineStart = lineEnd + 1;
    }
    return out == null ? null : out.toString();
  }

  /** After an indicator or another blank, or followed by nothing but blanks, a comment or the line's end. */
  private static boolean separates(String text, int at, int lineEnd) {
    char before = text.charAt(at - 1);
    if (isBlank(before) || before == ':' || before == '-' || before == ',' || before == '[' || before == '{' || before == '?') {
      return true;
    }
    int j = at;
    while (j < lineEnd && isBlank(text.charAt(j))) j++;
    return j == lineEnd || text.charAt(j) == '#' || text.charAt(j) == '\r';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** A character that a quote following it continues (as in {@code it's}), rather than opens. */
  private static boolean isPlainChar(char c) {
    return !isBlank(c) && c != ':' && c != '-' && c != ',' && c != '[' && c != '{' && c != '?';
  }
}
