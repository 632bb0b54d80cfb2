package dev.iamlint.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One resource type an action takes.
 *
 * @param resourceType the resource type
 * @param required whether AWS marks it required (an ARN of this type must be in the request)
 * @param conditionKeys condition keys that apply when the action is used on this type
 * @param dependentActions actions the caller must also be allowed, as {@code svc:Name}
 */
public record ActionResource(
    ResourceType resourceType, boolean required, List<ConditionKey> conditionKeys, List<String> dependentActions) {

  public ActionResource {
    Objects.requireNonNull(resourceType, "resourceType");
    conditionKeys = List.copyOf(conditionKeys);
    dependentActions = List.copyOf(dependentActions);
  }
}
