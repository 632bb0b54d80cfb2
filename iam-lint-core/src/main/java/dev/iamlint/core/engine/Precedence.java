package dev.iamlint.core.engine;

import dev.iamlint.core.model.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Declared precedence between rules ({@code @RuleInfo(supersededBy = ...)}, cfn-lint's
 * {@code child_rules} is the model): a finding of a narrower rule on a statement is dropped when
 * a broader rule reported on that same statement in the same run. Only rules that ran can
 * supersede, so turning the broader rule off brings the narrower findings back.
 */
final class Precedence {

  private Precedence() {}

  /** The findings of one file's rule contexts, with superseded ones removed. */
  static List<Finding> apply(List<RuleRun> contexts) {
    Map<String, Set<Statement>> reportedOn = new HashMap<>();
    for (RuleRun c : contexts) {
      for (RuleRun.Pending p : c.pending) {
        if (p.scope != null) {
          reportedOn.computeIfAbsent(c.rule().id(), k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(p.scope);
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    for (RuleRun c : contexts) {
      List<String> broader = c.rule().supersededBy();
      for (RuleRun.Pending p : c.pending) {
        if (!superseded(p, broader, reportedOn)) out.add(c.finding(p));
      }
    }
    return out;
  }

  private static boolean superseded(RuleRun.Pending p, List<String> broader, Map<String, Set<Statement>> reportedOn) {
    if (p.scope == null || broader.isEmpty()) return false;
    for (String id : broader) {
      Set<Statement> on = reportedOn.get(id);
      if (on != null && on.contains(p.scope)) return true;
    }
    return false;
  }
}
