package dev.iamlint.rules.time;

import dev.iamlint.core.analysis.TimeWindows;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.HashSet;
import java.util.Set;

/**
 * In a document declared temporary (config {@code temporary.paths} matches the file, or a
 * permission set whose name matches {@code temporary.permissionSets} or that carries the
 * {@code temporary.tag} tag key), an Allow whose window has only a start or only an end bound,
 * counting the policy's closing Deny statements (see {@link TimeWindow}); pointing at the single
 * bound's value. Allows without any bound are IAM406's.
 */
@RuleInfo(
    id = "IAM405",
    name = "time-window-open-ended",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 4.0,
    tags = {"security", "time-window", "least-privilege", "condition"},
    summary = "Access declared temporary whose time window has only a start or only an end bound.",
    description = "Temporary access should say both when it begins and when it ends. With only a start bound the "
        + "access never expires; with only an end bound it is live from the moment it is deployed, before the "
        + "approved period begins.",
    messages = {
      @RuleInfo.Message(text = "temporary access with only a start bound ({0}): it never ends; add DateLessThan "
          + "aws:CurrentTime with the end date, or a Deny after it"),
      @RuleInfo.Message(id = "onlyEnd", text = "temporary access with only an end bound ({0}): it applies as soon as it "
          + "is deployed; add DateGreaterThan aws:CurrentTime with the start date")
    })
public final class TimeWindowOpenEnded implements DocumentRule {

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    if (Temporary.byPath(ctx)) check(policy, ctx);
  }

  @Override
  public void onPermissionSet(PermissionSet ps, RuleContext ctx) {
    if (ps.inlinePolicy() == null || Temporary.byPath(ctx)) return;
    if (Temporary.reason(ps, ctx) != null) check(ps.inlinePolicy(), ctx);
  }

  private static void check(PolicyDocument policy, RuleContext ctx) {
    TimeWindows.Window deny = TimeWindows.denyBounds(policy);
    Set<String> seen = new HashSet<>();
    for (Statement s : policy.statements()) {
      if (!s.isAllow()) continue;
      TimeWindows.Window w = TimeWindows.effective(s, deny);
      if (w.start() != null && w.end() == null && seen.add(w.start().value().pointer())) {
        ctx.report(w.start().value(), "default", w.start().value().text());
      } else if (w.end() != null && w.start() == null && seen.add(w.end().value().pointer())) {
        ctx.report(w.end().value(), "onlyEnd", w.end().value().text());
      }
    }
  }
}
