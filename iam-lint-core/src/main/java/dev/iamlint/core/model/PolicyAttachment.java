package dev.iamlint.core.model;

import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;

/**
 * A service or resource control policy attached to a target, where the attachment is written
 * (LZA {@code deploymentTargets} entry, the configuration's {@code scps:} item).
 *
 * @param source the organization source the attachment belongs to (the file's path relative to
 *     the lint root, or {@code config}); each source describes its own organization
 * @param target the target, or null when the source deploys the policy to targets the model does
 *     not resolve (Customizations for Control Tower manifests, templated LZA targets, LZA's
 *     quarantine SCP): attached, but to nothing in particular
 * @param path the policy file relative to the lint root, or null when the source names none in
 *     the repository (an S3 URL)
 * @param label a name for messages (the LZA name, or the file path)
 */
public record PolicyAttachment(String source, OrgTarget target, PolicyKind kind, String path, String label,
    SourceFile file, Span span, String pointer) {}
