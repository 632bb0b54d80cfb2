package dev.iamlint.core.analysis.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The result of evaluating a request against some layers of policy, with every step that took
 * part (grants, denies, levels that allow nothing) and the keys an open answer depends on.
 */
public record Decision(Verdict verdict, List<Reason> reasons, Set<String> dependsOn) {

  public Decision {
    reasons = List.copyOf(reasons);
    dependsOn = Set.copyOf(dependsOn);
  }

  /** Both decisions must allow (AWS intersects the layers; an explicit deny in any wins). */
  public Decision and(Decision other) {
    List<Reason> r = new ArrayList<>(reasons);
    r.addAll(other.reasons);
    Set<String> keys = new LinkedHashSet<>(dependsOn);
    keys.addAll(other.dependsOn);
    return new Decision(verdict.and(other.verdict), r, keys);
  }

  /** The steps that deny, unconditionally. */
  public List<Reason> denials() {
    return reasons.stream().filter(x -> x.effect() == Verdict.DENIED).toList();
  }
}
