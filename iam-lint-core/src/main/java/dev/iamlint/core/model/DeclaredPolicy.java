package dev.iamlint.core.model;

import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;

/**
 * A policy file an organization source declares for deployment (an LZA
 * {@code serviceControlPolicies[]} entry), attached or not, and where it is named.
 *
 * @param path the policy file relative to the lint root
 * @param label a name for messages (the entry's name, or the file path)
 * @param span the entry's name, or the entry when it has none
 */
public record DeclaredPolicy(PolicyKind kind, String path, String label, SourceFile file, Span span, String pointer) {}
