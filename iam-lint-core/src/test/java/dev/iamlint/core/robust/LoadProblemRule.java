package dev.iamlint.core.robust;

import dev.iamlint.core.Level;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadedFile;

/** Test-only stand-in for the parse-error rule: one finding per load problem, at its span. */
@RuleInfo(
    id = "TEST901",
    name = "test-load-problem",
    level = Level.ERROR,
    securitySeverity = 0.0,
    summary = "Reports every load problem (test only).",
    description = "Reports every load problem (test only).",
    messages = {@RuleInfo.Message(text = "{0}: {1}")})
public final class LoadProblemRule implements DocumentRule {

  @Override
  public void onFile(LoadedFile file, RuleContext ctx) {
    for (LoadProblem p : file.problems()) {
      ctx.report(file.file(), p.span(), p.pointer(), "default", p.kind(), p.message());
    }
  }
}
