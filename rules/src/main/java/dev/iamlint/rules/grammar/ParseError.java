package dev.iamlint.rules.grammar;

import dev.iamlint.core.Level;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadedFile;

/** A file that iam-lint could not read as JSON or YAML is a finding, at the parser's position. */
@RuleInfo(
    id = "IAM001",
    name = "parse-error",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"input"},
    summary = "The file is not valid JSON or YAML, not UTF-8, binary, or over a size or nesting limit.",
    description = "A policy file that cannot be parsed cannot be linted, and AWS will reject it at deployment. "
        + "The finding points at the line and column where the parser stopped; the rest of the repository is still linted.",
    messages = {
      @RuleInfo.Message(text = "{0}"),
      @RuleInfo.Message(id = "notStrict", level = Level.NOTE, text = "{0}")
    })
public final class ParseError implements DocumentRule {

  @Override
  public void onFile(LoadedFile file, RuleContext ctx) {
    for (LoadProblem p : file.problems()) {
      if (p.kind() == LoadProblem.Kind.NOT_STRICT) {
        // Read leniently, the way the deploying tool reads it: linted, and a note says so.
        ctx.report(file.file(), p.span(), p.pointer(), "notStrict", p.message());
      } else if (p.kind() != LoadProblem.Kind.DUPLICATE_KEY) {
        ctx.report(file.file(), p.span(), p.pointer(), "default", p.message());
      }
    }
  }
}
