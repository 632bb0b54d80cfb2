package com.acme.iam;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;

/** A rule with a bug: it throws on every statement. */
@RuleInfo(id = "ACME900", name = "broken-rule", level = Level.WARNING, securitySeverity = 1.0,
    summary = "Throws.", description = "A rule with a bug.", messages = @RuleInfo.Message(text = "never"))
public final class Broken implements DocumentRule {

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    throw new IllegalStateException("boom");
  }
}
