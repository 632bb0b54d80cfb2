package dev.iamlint.core.engine;

import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.rule.RuleContext;
import java.util.ArrayList;
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

  /** The hooks of {@link DocumentRule}, in the order the walk calls them. */
  enum Hook { FILE, PERMISSION_SET, ASSIGNMENT, POLICY, STATEMENT, CONDITION }

  /**
   * Which rules override which hook, worked out once per run: the walk calls at each element only
   * the rules that look at it (most rules override one or two of the six hooks), with no lambda or
   * virtual no-op call per rule and element.
   */
  record Plan(List<DocumentRule> rules, int[][] byHook) {

    static Plan of(List<DocumentRule> rules) {
      int[][] byHook = new int[Hook.values().length][];
      for (Hook h : Hook.values()) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) if (overrides(rules.get(i).getClass(), h)) idx.add(i);
        byHook[h.ordinal()] = idx.stream().mapToInt(Integer::intValue).toArray();
      }
      return new Plan(List.copyOf(rules), byHook);
    }

    private static boolean overrides(Class<?> type, Hook h) {
      Class<?>[] params = switch (h) {
        case FILE -> new Class<?>[] {LoadedFile.class, RuleContext.class};
        case PERMISSION_SET -> new Class<?>[] {PermissionSet.class, RuleContext.class};
        case ASSIGNMENT -> new Class<?>[] {Assignment.class, RuleContext.class};
        case POLICY -> new Class<?>[] {PolicyDocument.class, RuleContext.class};
        case STATEMENT -> new Class<?>[] {PolicyDocument.class, Statement.class, RuleContext.class};
        case CONDITION -> new Class<?>[] {PolicyDocument.class, Statement.class, Condition.class, RuleContext.class};
      };
      String name = switch (h) {
        case FILE -> "onFile";
        case PERMISSION_SET -> "onPermissionSet";
        case ASSIGNMENT -> "onAssignment";
        case POLICY -> "onPolicy";
        case STATEMENT -> "onStatement";
        case CONDITION -> "onCondition";
      };
      try {
        return type.getMethod(name, params).getDeclaringClass() != DocumentRule.class;
      } catch (NoSuchMethodException e) {
        return true; // cannot tell: call it
      }
    }
  }

  private final Plan plan;
  private final List<DocumentRule> rules;
  private final List<RuleRun> runs;
  private final boolean[] failed;
  private final Consumer<Failure> failures;

  Walker(Plan plan, List<RuleRun> runs, Consumer<Failure> failures) {
    this.plan = plan;
    this.rules = plan.rules();
    this.runs = runs;
    this.failed = new boolean[rules.size()];
    this.failures = failures;
  }

  void walk(LoadedFile file, List<Document> documents) {
    for (int i : plan.byHook()[Hook.FILE.ordinal()]) {
      if (failed[i]) continue;
      try {
        rules.get(i).onFile(file, runs.get(i));
      } catch (RuntimeException | StackOverflowError e) {
        fail(i, e);
      }
    }
    for (Document d : documents) {
      if (d instanceof PolicyDocument p) {
        policy(p);
      } else if (d instanceof PermissionSet ps) {
        for (int i : plan.byHook()[Hook.PERMISSION_SET.ordinal()]) {
          if (failed[i]) continue;
          try {
            rules.get(i).onPermissionSet(ps, runs.get(i));
          } catch (RuntimeException | StackOverflowError e) {
            fail(i, e);
          }
        }
        if (ps.inlinePolicy() != null) policy(ps.inlinePolicy());
      } else if (d instanceof Assignment a) {
        for (int i : plan.byHook()[Hook.ASSIGNMENT.ordinal()]) {
          if (failed[i]) continue;
          try {
            rules.get(i).onAssignment(a, runs.get(i));
          } catch (RuntimeException | StackOverflowError e) {
            fail(i, e);
          }
        }
      }
    }
  }

  private void policy(PolicyDocument p) {
    for (int i : plan.byHook()[Hook.POLICY.ordinal()]) {
      if (failed[i]) continue;
      try {
        rules.get(i).onPolicy(p, runs.get(i));
      } catch (RuntimeException | StackOverflowError e) {
        fail(i, e);
      }
    }
    int[] onStatement = plan.byHook()[Hook.STATEMENT.ordinal()];
    int[] onCondition = plan.byHook()[Hook.CONDITION.ordinal()];
    for (Statement s : p.statements()) {
      for (RuleRun c : runs) c.scope = s;
      for (int i : onStatement) {
        if (failed[i]) continue;
        try {
          rules.get(i).onStatement(p, s, runs.get(i));
        } catch (RuntimeException | StackOverflowError e) {
          fail(i, e);
        }
      }
      for (Condition cond : s.conditions()) {
        for (int i : onCondition) {
          if (failed[i]) continue;
          try {
            rules.get(i).onCondition(p, s, cond, runs.get(i));
          } catch (RuntimeException | StackOverflowError e) {
            fail(i, e);
          }
        }
      }
      for (RuleRun c : runs) c.scope = null;
    }
  }

  private void fail(int i, Throwable e) {
    failed[i] = true;
    failures.accept(new Failure(runs.get(i), e));
  }
}
