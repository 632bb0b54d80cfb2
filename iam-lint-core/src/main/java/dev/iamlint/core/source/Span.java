package dev.iamlint.core.source;

/**
 * A region of a source file: 1-based lines and columns, columns counted in UTF-16 code units
 * (what SARIF calls {@code utf16CodeUnits}, its default). {@code endColumn} is exclusive: it is
 * the column just after the last character, as SARIF expects.
 */
public record Span(int startLine, int startColumn, int endLine, int endColumn) implements Comparable<Span> {

  /** The first character of a file, for findings about a whole file. */
  public static final Span FILE_START = new Span(1, 1, 1, 1);

  public Span {
    if (startLine < 1 || startColumn < 1) {
      throw new IllegalArgumentException("positions are 1-based: " + startLine + ":" + startColumn);
    }
    if (endLine < startLine || (endLine == startLine && endColumn < startColumn)) {
      endLine = startLine;
      endColumn = startColumn;
    }
  }

  public static Span at(int line, int column) {
    return new Span(line, column, line, column);
  }

  /** The smallest span covering both. */
  public Span union(Span other) {
    Span first = compareTo(other) <= 0 ? this : other;
    boolean thisEndsLater = endLine > other.endLine || (endLine == other.endLine && endColumn >= other.endColumn);
    Span last = thisEndsLater ? this : other;
    return new Span(first.startLine, first.startColumn, last.endLine, last.endColumn);
  }

  @Override
  public int compareTo(Span o) {
    int c = Integer.compare(startLine, o.startLine);
    if (c == 0) c = Integer.compare(startColumn, o.startColumn);
    if (c == 0) c = Integer.compare(endLine, o.endLine);
    if (c == 0) c = Integer.compare(endColumn, o.endColumn);
    return c;
  }

  @Override
  public String toString() {
    return startLine + ":" + startColumn + "-" + endLine + ":" + endColumn;
  }

  // Written out rather than generated: a record's equals and hashCode are linked through
  // invokedynamic the first time they run, milliseconds of every short run, and are slow until
  // compiled. Spans are hashed with every Str.
  @Override
  public boolean equals(Object o) {
    return o instanceof Span s && startLine == s.startLine && startColumn == s.startColumn && endLine == s.endLine
        && endColumn == s.endColumn;
  }

  @Override
  public int hashCode() {
    return ((startLine * 31 + startColumn) * 31 + endLine) * 31 + endColumn;
  }
}
