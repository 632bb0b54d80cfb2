package dev.iamlint.rules.grammar;

import dev.iamlint.core.Level;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadedFile;

/** The same key twice in one object: JSON parsers, AWS included, keep only the last value. */
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
    messages = @RuleInfo.Message(text = "{0}"))
public final class DuplicateKey implements DocumentRule {

  @Override
  public void onFile(LoadedFile file, RuleContext ctx) {
    for (LoadProblem p : file.problems()) {
      if (p.kind() == LoadProblem.Kind.DUPLICATE_KEY) {
        var r = ctx.report(file.file(), p.span(), p.pointer(), "default", p.message());
        if (p.related() != null) r.related(file.file(), p.related(), "previous occurrence");
      }
    }
  }
}
