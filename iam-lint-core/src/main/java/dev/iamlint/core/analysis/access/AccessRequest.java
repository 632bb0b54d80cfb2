package dev.iamlint.core.analysis.access;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request to evaluate: one action, optionally one resource, and the condition keys the caller
 * decides ({@code --context key=value}); every other key is unknown and left open.
 *
 * @param action {@code svc:Action}
 * @param resource the resource ARN, or null for "any resource"
 * @param context condition key (lower case, keys are case-insensitive) to value
 * @param serviceLinkedRole whether the principal is a service-linked role (SCPs do not apply)
 */
public record AccessRequest(String action, String resource, Map<String, String> context, boolean serviceLinkedRole) {

  public AccessRequest {
    Map<String, String> lower = new LinkedHashMap<>();
    context.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    context = Map.copyOf(lower);
  }

  /** A request for an action on any resource with no known condition keys. */
  public static AccessRequest of(String action) {
    return new AccessRequest(action, null, Map.of(), false);
  }
}
