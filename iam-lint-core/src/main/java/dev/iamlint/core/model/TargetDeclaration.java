package dev.iamlint.core.model;

import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;

/**
 * An organization source's statement about a target's attachments (a target entry of the
 * configuration's {@code organization:} section, an LZA {@code strategy: allow-list} target):
 * where it is written and whether the AWS managed {@code FullAWSAccess} stays attached.
 *
 * @param source as in {@link PolicyAttachment#source()}
 * @param fullAwsAccess false when the source detaches {@code FullAWSAccess} from the target
 */
public record TargetDeclaration(String source, OrgTarget target, boolean fullAwsAccess, SourceFile file, Span span,
    String pointer) {}
