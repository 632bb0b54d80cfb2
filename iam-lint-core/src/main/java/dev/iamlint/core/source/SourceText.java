package dev.iamlint.core.source;

import java.util.Arrays;

/**
 * The decoded text of a file with a line index, turning char offsets into 1-based line and
 * column. Line breaks are {@code \n}, {@code \r\n} and a lone {@code \r}, as in JSON and YAML.
 */
public final class SourceText {

  private final String text;
  private final int[] lineStarts;

  public SourceText(String text) {
    this.text = text;
    int[] starts = new int[64];
    int n = 0;
    starts[n++] = 0;
    int len = text.length();
    if (text.indexOf('\r') < 0) {
      // The common case: indexOf is an intrinsic, far faster than charAt on UTF-16 strings.
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
        starts[n++] = i + 1;
      }
    } else {
      for (int i = 0; i < len; i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 >= len || text.charAt(i + 1) != '\n'))) {
          if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
          starts[n++] = i + 1;
        }
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  public String text() {
    return text;
  }

  public int length() {
    return text.length();
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** 1-based line of a char offset (offsets past the end map to the last position). */
  public int line(int offset) {
    int o = Math.max(0, Math.min(offset, text.length()));
    int idx = Arrays.binarySearch(lineStarts, o);
    if (idx < 0) idx = -idx - 2;
    return idx + 1;
  }

  /** 1-based column of a char offset. */
  public int column(int offset) {
    int o = Math.max(0, Math.min(offset, text.length()));
    return o - lineStarts[line(o) - 1] + 1;
  }

  /** The span of [start, end) char offsets; end is exclusive. */
  public Span span(int start, int end) {
    int s = Math.max(0, Math.min(start, text.length()));
    int e = Math.max(s, Math.min(end, text.length()));
    // One binary search for the start; the end is almost always on the same line (a scalar, a
    // key), which a look at the next line's start settles without a second search.
    int startLine = line(s);
    int startColumn = s - lineStarts[startLine - 1] + 1;
    int endLine = startLine < lineStarts.length && e >= lineStarts[startLine] ? line(e) : startLine;
    return new Span(startLine, startColumn, endLine, e - lineStarts[endLine - 1] + 1);
  }

  /** Char offset of a 1-based line and column (clamped to the text). */
  public int offset(int line, int column) {
    if (line < 1) return 0;
    if (line > lineStarts.length) return text.length();
    return Math.min(text.length(), lineStarts[line - 1] + Math.max(0, column - 1));
  }

  /** The text of a 1-based line without its line break. */
  public String lineText(int line) {
    if (line < 1 || line > lineStarts.length) return "";
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
    return text.substring(start, end);
  }
}
