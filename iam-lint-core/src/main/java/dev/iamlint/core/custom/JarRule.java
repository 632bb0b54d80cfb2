package dev.iamlint.core.custom;

import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.workspace.Workspace;

/**
 * A rule from a rule jar, as the engine runs it. A jar compiled against another version of
 * iam-lint fails with a {@link LinkageError} ({@code NoSuchMethodError}, {@code
 * NoClassDefFoundError}) rather than an exception; this turns it into one, so that the engine
 * reports it as that rule's failure (rule id, file, message) instead of the whole run crashing
 * without naming the rule.
 */
public final class JarRule {

  private JarRule() {}

  /** The rule, guarded; its descriptor is read once, here. */
  public static Rule of(Rule rule) {
    RuleDescriptor d = rule.descriptor();
    boolean doc = rule instanceof DocumentRule;
    boolean ws = rule instanceof WorkspaceRule;
    if (doc && ws) return new Both(rule, d);
    if (doc) return new Document((DocumentRule) rule, d);
    if (ws) return new Whole((WorkspaceRule) rule, d);
    return rule; // neither kind: the engine never calls it
  }

  static RuntimeException linkage(Rule r, LinkageError e) {
    return new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage()
        + " (is the rule jar " + RuleJars.source(r) + " complete, and built against this version of iam-lint-core?)", e);
  }

  /** The hooks of a document rule. */
  private static class Document implements DocumentRule {
    final Rule rule;
    final DocumentRule doc;
    final RuleDescriptor descriptor;

    Document(Rule rule, RuleDescriptor descriptor) {
      this.rule = rule;
      this.doc = rule instanceof DocumentRule d ? d : null;
      this.descriptor = descriptor;
    }

    @Override
    public RuleDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public void onFile(LoadedFile file, RuleContext ctx) {
      try {
        doc.onFile(file, ctx);
      } catch (LinkageError e) {
        throw linkage(rule, e);
      }
    }

    @Override
    public void onPolicy(PolicyDocument policy, RuleContext ctx) {
      try {
        doc.onPolicy(policy, ctx);
      } catch (LinkageError e) {
        throw linkage(rule, e);
      }
    }

    @Override
    public void onStatement(PolicyDocument policy, Statement statement, RuleContext ctx) {
      try {
        doc.onStatement(policy, statement, ctx);
      } catch (LinkageError e) {
        throw linkage(rule, e);
      }
    }

    @Override
    public void onCondition(PolicyDocument policy, Statement statement, Condition condition, RuleContext ctx) {
      try {
        doc.onCondition(policy, statement, condition, ctx);
      } catch (LinkageError e) {
        throw linkage(rule, e);
      }
    }

    @Override
    public void onPermissionSet(PermissionSet permissionSet, RuleContext ctx) {
      try {
        doc.onPermissionSet(permissionSet, ctx);
      } catch (LinkageError e) {
        throw linkage(rule, e);
      }
    }

    @Override
    public void onAssignment(Assignment assignment, RuleContext ctx) {
      try {
        doc.onAssignment(assignment, ctx);
      } catch (LinkageError e) {
        throw linkage(rule, e);
      }
    }

    @Override
    public String toString() {
      return rule.toString();
    }
  }

  /** A workspace rule. */
  private static final class Whole implements WorkspaceRule {
    final WorkspaceRule rule;
    final RuleDescriptor descriptor;

    Whole(WorkspaceRule rule, RuleDescriptor descriptor) {
      this.rule = rule;
      this.descriptor = descriptor;
    }

    @Override
    public RuleDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public void check(Workspace workspace, RuleContext ctx) {
      try {
        rule.check(workspace, ctx);
      } catch (LinkageError e) {
        throw linkage(rule, e);
      }
    }

    @Override
    public String toString() {
      return rule.toString();
    }
  }

  /** A rule of both kinds. */
  private static final class Both extends Document implements WorkspaceRule {
    Both(Rule rule, RuleDescriptor descriptor) {
      super(rule, descriptor);
    }

    @Override
    public void check(Workspace workspace, RuleContext ctx) {
      try {
        ((WorkspaceRule) rule).check(workspace, ctx);
      } catch (LinkageError e) {
        throw linkage(rule, e);
      }
    }
  }
}
