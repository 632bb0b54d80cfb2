package dev.iamlint.core.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file of the run.
 *
 * @param path the file on disk
 * @param relativePath the path relative to the lint root with '/' separators, as reported
 * @param format JSON or YAML
 */
public record SourceFile(Path path, String relativePath, Format format) {

  // Written out rather than generated: a record's equals and hashCode are linked through
  // invokedynamic the first time they run, milliseconds of every short run, and files key maps.
  @Override
  public boolean equals(Object o) {
    return o instanceof SourceFile f && Objects.equals(path, f.path) && Objects.equals(relativePath, f.relativePath)
        && format == f.format;
  }

  @Override
  public int hashCode() {
    return (Objects.hashCode(path) * 31 + Objects.hashCode(relativePath)) * 31 + Objects.hashCode(format);
  }
}
