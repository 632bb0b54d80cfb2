package dev.iamlint.core.workspace;

import dev.iamlint.core.model.DeclaredPolicy;
import dev.iamlint.core.model.FileReference;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicySet;
import dev.iamlint.core.model.TargetDeclaration;
import java.util.List;

/**
 * What the input formats contribute to a run besides documents: the organization, SCP and RCP
 * attachments per target, the targets' own declarations, policies declared for deployment, policy
 * sets, and the files other files name. Built by the format layer's scan phase; immutable.
 *
 * @param organization the merged organization, or null when no source describes one
 */
public record Deployment(Organization organization, List<PolicyAttachment> attachments,
    List<TargetDeclaration> targetDeclarations, List<DeclaredPolicy> declaredPolicies, List<PolicySet> policySets,
    List<FileReference> fileReferences) {

  /** A run with no organization, deployment or references. */
  public static final Deployment EMPTY = new Deployment(null, List.of(), List.of(), List.of(), List.of(), List.of());

  public Deployment {
    attachments = List.copyOf(attachments);
    targetDeclarations = List.copyOf(targetDeclarations);
    declaredPolicies = List.copyOf(declaredPolicies);
    policySets = List.copyOf(policySets);
    fileReferences = List.copyOf(fileReferences);
  }
}
