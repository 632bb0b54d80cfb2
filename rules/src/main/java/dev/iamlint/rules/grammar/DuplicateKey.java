package dev.iamlint.rules.grammar;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.Span;
import java.util.List;

/**
 * The same key twice in one object: JSON parsers, AWS included, keep only the last value. In a
 * CloudFormation template, a duplicate outside every access document it holds (a Lambda function's
 * {@code Handler}, a mapping, an output) is a note: CloudFormation keeps the last value there too,
 * but it is the template's business, not its access.
 */
@RuleInfo(
    id = "IAM005",
    name = "duplicate-key",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 6.0,
    tags = {"input"},
    summary = "The same key appears twice in one JSON object or YAML mapping.",
    description = "Only the last value of a duplicated key takes effect, silently: a second \"Resource\" or \"Condition\" "
        + "replaces the first, so the policy grants or denies something other than what a reviewer reads.",
    messages = {
      @RuleInfo.Message(text = "{0}"),
      @RuleInfo.Message(id = "outsideAccess", level = Level.NOTE,
          text = "{0} (outside the template's policies, permission sets and assignments)")
    })
public final class DuplicateKey implements DocumentRule {

  @Override
  public void onDocuments(LoadedFile file, List<Document> documents, RuleContext ctx) {
    boolean template = isTemplate(file);
    for (LoadProblem p : file.problems()) {
      if (p.kind() == LoadProblem.Kind.DUPLICATE_KEY) {
        String message = template && !inside(p.span(), documents) ? "outsideAccess" : "default";
        var r = ctx.report(file.file(), p.span(), p.pointer(), message, p.message());
        if (p.related() != null) r.related(file.file(), p.related(), "first occurrence");
      }
    }
  }

  /** A CloudFormation template: a root mapping whose {@code Resources} is a mapping. */
  private static boolean isTemplate(LoadedFile file) {
    for (Node root : file.documents()) {
      if (root instanceof ObjectNode o && o.get("Resources").orElse(null) instanceof ObjectNode && !o.has("Statement")) {
        return true;
      }
    }
    return false;
  }

  private static boolean inside(Span at, List<Document> documents) {
    for (Document d : documents) {
      Span s = d.span();
      if (s != null && !before(at, s) && !after(at, s)) return true;
    }
    return false;
  }

  /** Whether {@code at} starts before {@code s} starts. */
  private static boolean before(Span at, Span s) {
    return at.startLine() < s.startLine() || (at.startLine() == s.startLine() && at.startColumn() < s.startColumn());
  }

  /** Whether {@code at} starts after {@code s} ends. */
  private static boolean after(Span at, Span s) {
    return at.startLine() > s.endLine() || (at.startLine() == s.endLine() && at.startColumn() > s.endColumn());
  }
}
