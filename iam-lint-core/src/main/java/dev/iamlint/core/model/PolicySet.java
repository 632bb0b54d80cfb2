package dev.iamlint.core.model;

import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.util.List;

/**
 * Managed policies deployed together to a set of accounts (LZA {@code iam-config.yaml}
 * {@code policySets[]}): each policy by name, from a policy file.
 */
public record PolicySet(SourceFile file, Span span, DeploymentTargets targets, List<Member> policies) {

  public PolicySet {
    policies = List.copyOf(policies);
  }

  /**
   * One policy of the set.
   *
   * @param name the IAM name it is deployed under, or null
   * @param path its policy file relative to the lint root, or null when the set names none in the repository
   */
  public record Member(Str name, String path) {}
}
