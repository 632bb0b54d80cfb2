package dev.iamlint.core.engine;

import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.source.LoadedFile;
import java.util.List;
import java.util.function.Consumer;

/**
 * One walk over a file's documents, calling every document rule's hooks at each element in
 * document order. A rule that throws is recorded once per file and skipped for the rest of it;
 * the other rules go on.
 */
final class Walker {

  /** A rule that threw, with the exception. */
  record Failure(RuleRun run, Throwable error) {}

  private final List<DocumentRule> rules;
  private final List<RuleRun> runs;
  private final boolean[] failed;
  private final Consumer<Failure> failures;

  Walker(List<DocumentRule> rules, List<RuleRun> runs, Consumer<Failure> failures) {
    this.rules = rules;
    this.runs = runs;
    this.failed = new boolean[rules.size()];
    this.failures = failures;
  }

  void walk(LoadedFile file, List<Document> documents) {
    each((r, c) -> r.onFile(file, c));
    for (Document d : documents) {
      if (d instanceof PolicyDocument p) {
        policy(p);
      } else if (d instanceof PermissionSet ps) {
        each((r, c) -> r.onPermissionSet(ps, c));
        if (ps.inlinePolicy() != null) policy(ps.inlinePolicy());
      } else if (d instanceof Assignment a) {
        each((r, c) -> r.onAssignment(a, c));
      }
    }
  }

  private void policy(PolicyDocument p) {
    each((r, c) -> r.onPolicy(p, c));
    for (Statement s : p.statements()) {
      for (RuleRun c : runs) c.scope = s;
      each((r, c) -> r.onStatement(p, s, c));
      for (Condition cond : s.conditions()) each((r, c) -> r.onCondition(p, s, cond, c));
      for (RuleRun c : runs) c.scope = null;
    }
  }

  private interface Hook {
    void call(DocumentRule rule, RuleRun ctx);
  }

  private void each(Hook hook) {
    for (int i = 0; i < rules.size(); i++) {
      if (failed[i]) continue;
      try {
        hook.call(rules.get(i), runs.get(i));
      } catch (RuntimeException | StackOverflowError e) {
        failed[i] = true;
        failures.accept(new Failure(runs.get(i), e));
      }
    }
  }
}
