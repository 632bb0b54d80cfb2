package dev.iamlint.core.analysis.access;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.util.List;

/**
 * The identity policies of a principal (a permission set: its inline policy, customer managed
 * policies, AWS managed policies) and its permissions boundary, resolved.
 *
 * @param principal a name for messages
 * @param file where the principal is defined, or null
 * @param boundary the boundary's policies; empty when there is no boundary
 */
public record IdentityPolicies(String principal, SourceFile file, Span span, List<Source> policies, List<Source> boundary) {

  public IdentityPolicies {
    policies = List.copyOf(policies);
    boundary = List.copyOf(boundary);
  }

  /** What kind of policy a source is. */
  public enum Kind { INLINE, CUSTOMER_MANAGED, AWS_MANAGED }

  /**
   * One policy.
   *
   * @param label {@code inline policy}, the CMP's name, the AWS managed policy's name
   * @param document its content, or null when neither the repository nor the catalogue holds it
   * @param file where the principal references it (or the inline policy's file)
   * @param span the reference
   */
  public record Source(Kind kind, String label, PolicyDocument document, SourceFile file, Span span) {}
}
