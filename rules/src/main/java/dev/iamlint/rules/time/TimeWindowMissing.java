package dev.iamlint.rules.time;

import dev.iamlint.core.analysis.TimeWindows;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;

/**
 * A document or permission set declared temporary whose Allow statements have no time bound on
 * {@code aws:CurrentTime} / {@code aws:EpochTime}, neither their own nor a closing Deny of the
 * policy. A file matched by {@code temporary.paths}: each unbounded Allow statement. A permission
 * set matched by name or tag: its name, once, when its inline policy has an unbounded Allow, or
 * when it has no inline policy and no customer managed policy that could carry the window.
 */
@RuleInfo(
    id = "IAM406",
    name = "time-window-missing",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 6.0,
    tags = {"security", "time-window", "least-privilege", "condition"},
    summary = "A document or permission set declared temporary whose Allow statements have no time bound.",
    description = "Access declared temporary (by path, permission-set name or tag in .iam-lint.yaml) relies on someone "
        + "remembering to remove it. A DateGreaterThan/DateLessThan window on aws:CurrentTime makes AWS end it on "
        + "time even when nobody does.",
    messages = {
      @RuleInfo.Message(text = "this Allow is declared temporary (temporary.paths) but has no time bound on "
          + "aws:CurrentTime; add DateGreaterThan and DateLessThan"),
      @RuleInfo.Message(id = "permissionSet", text = "permission set {0} is declared temporary ({1}) but its inline "
          + "policy has an Allow without a time bound on aws:CurrentTime"),
      @RuleInfo.Message(id = "noInline", text = "permission set {0} is declared temporary ({1}) but has no inline "
          + "policy with a time window; its access never expires")
    })
public final class TimeWindowMissing implements DocumentRule {

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    if (!Temporary.byPath(ctx)) return;
    TimeWindows.Window deny = TimeWindows.denyBounds(policy);
    for (Statement s : policy.statements()) {
      if (s.isAllow() && s.node() != null && !TimeWindows.effective(s, deny).hasAny()) ctx.report(s.node(), "default");
    }
  }

  @Override
  public void onPermissionSet(PermissionSet ps, RuleContext ctx) {
    boolean byPath = Temporary.byPath(ctx);
    String reason = byPath ? "its file matches temporary.paths" : Temporary.reason(ps, ctx);
    if (reason == null) return;
    String name = ps.displayName();
    if (ps.inlinePolicy() == null) {
      if (!ps.customerManagedPolicies().isEmpty()) return;
      if (ps.name() != null) ctx.report(ps.name(), "noInline", name, reason);
      else ctx.report(ps.node(), "noInline", name, reason);
      return;
    }
    if (byPath) return; // the inline policy's statements are reported by onPolicy
    PolicyDocument p = ps.inlinePolicy();
    TimeWindows.Window deny = TimeWindows.denyBounds(p);
    for (Statement s : p.statements()) {
      if (s.isAllow() && !TimeWindows.effective(s, deny).hasAny()) {
        if (ps.name() != null) ctx.report(ps.name(), "permissionSet", name, reason);
        else ctx.report(ps.node(), "permissionSet", name, reason);
        return;
      }
    }
  }
}
