package dev.iamlint.core.source;

import java.nio.file.Path;

/**
 * A file of the run.
 *
 * @param path the file on disk
 * @param relativePath the path relative to the lint root with '/' separators, as reported
 * @param format JSON or YAML
 */
public record SourceFile(Path path, String relativePath, Format format) {}
