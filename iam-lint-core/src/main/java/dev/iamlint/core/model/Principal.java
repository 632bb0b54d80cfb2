package dev.iamlint.core.model;

import dev.iamlint.core.source.Node;
import java.util.List;
import java.util.Map;

/**
 * A {@code Principal} or {@code NotPrincipal} element: either the string {@code "*"}, or a map
 * from principal type ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}) to
 * values.
 */
public record Principal(Str key, Node node, Str star, Map<String, ValueList> byType) {

  public Principal {
    byType = Map.copyOf(byType);
  }

  /** {@code "*"} or {@code {"AWS": "*"}}: everyone. */
  public boolean isPublic() {
    if (star != null) return true;
    ValueList aws = byType.get("AWS");
    return aws != null && aws.hasStar();
  }

  public List<Str> values(String type) {
    ValueList v = byType.get(type);
    return v == null ? List.of() : v.values();
  }
}
