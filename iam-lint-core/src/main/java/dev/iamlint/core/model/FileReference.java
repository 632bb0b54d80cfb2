package dev.iamlint.core.model;

import dev.iamlint.core.source.SourceFile;

/**
 * A policy file named by another file (LZA {@code policy:}, CfCT {@code resource_file:}, the
 * {@code organization:} section's {@code scps:}), resolved against the naming file's folder.
 *
 * @param from the naming file
 * @param path the reference as written, where it is written
 * @param relativePath the resolved path relative to the lint root ('/' separators)
 * @param exists whether the file exists
 */
public record FileReference(SourceFile from, Str path, String relativePath, boolean exists) {}
