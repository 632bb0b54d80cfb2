package dev.iamlint.core.engine;

import dev.iamlint.core.source.Span;

/**
 * Where a finding points: a file (path relative to the lint root, with '/' separators), the
 * span of the smallest element that explains the finding, and the JSON Pointer of that element
 * within the file's parsed content ("" for the whole document, null when not in parsed content).
 */
public record Location(String path, Span span, String pointer) implements Comparable<Location> {

  public Location {
    if (path == null || span == null) throw new NullPointerException("path and span are required");
  }

  @Override
  public int compareTo(Location o) {
    int c = path.compareTo(o.path);
    return c != 0 ? c : span.compareTo(o.span);
  }

  @Override
  public String toString() {
    return path + ":" + span.startLine() + ":" + span.startColumn();
  }
}
