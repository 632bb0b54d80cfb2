package dev.iamlint.core.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An IAM action.
 *
 * @param service the service prefix, e.g. {@code s3}
 * @param name the action name as AWS writes it, e.g. {@code GetObject}
 * @param accessLevel the access level
 * @param resourceTypes resource types the action takes; empty when it supports no resource-level
 *     permissions (then only {@code "Resource": "*"} grants it)
 * @param conditionKeys condition keys of the action itself
 * @param dependentActions actions the caller must also be allowed, as {@code svc:Name}
 */
public record IamAction(
    String service,
    String name,
    AccessLevel accessLevel,
    List<ActionResource> resourceTypes,
    List<ConditionKey> conditionKeys,
    List<String> dependentActions) {

  public IamAction {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(accessLevel, "accessLevel");
    resourceTypes = List.copyOf(resourceTypes);
    conditionKeys = List.copyOf(conditionKeys);
    dependentActions = List.copyOf(dependentActions);
  }

  /** {@code service:Name}, e.g. {@code s3:GetObject}. */
  public String fullName() {
    return service + ':' + name;
  }

  /** True when the action can be scoped to resource ARNs. */
  public boolean supportsResourceLevelPermissions() {
    return !resourceTypes.isEmpty();
  }

  /** True when some resource type of this action matches the policy ARN (see {@link ResourceType#matches}). */
  public boolean acceptsResource(String arn) {
    for (ActionResource r : resourceTypes) {
      if (r.resourceType().matches(arn)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every service condition key that can apply to this action: its own keys, the keys of each of
   * its resource types on this action, and the resource types' keys. Global keys are not listed:
   * they apply to every action.
   */
  public Set<ConditionKey> applicableConditionKeys() {
    Set<ConditionKey> keys = new LinkedHashSet<>(conditionKeys);
    for (ActionResource r : resourceTypes) {
      keys.addAll(r.conditionKeys());
      keys.addAll(r.resourceType().conditionKeys());
    }
    return Set.copyOf(keys);
  }

  @Override
  public String toString() {
    return fullName() + " (" + accessLevel.label() + ")";
  }
}
