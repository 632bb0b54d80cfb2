package com.acme.iam;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;

/** S3 is administered by the platform team only. */
@RuleInfo(id = "ACME101", name = "no-s3-admin", level = Level.ERROR, securitySeverity = 6.0, tags = {"security"},
    summary = "A policy grants every S3 action.",
    description = "S3 administration (s3:*) is for the platform team's pipeline only.",
    messages = @RuleInfo.Message(text = "{0} grants every S3 action; S3 administration is for the platform team"))
public final class NoS3Admin implements DocumentRule {

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (!s.isAllow() || s.action() == null) return;
    for (Str a : s.action().values()) {
      if (a.text().equalsIgnoreCase("s3:*")) ctx.report(a, "default", a.text());
    }
  }
}
