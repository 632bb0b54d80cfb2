package dev.iamlint.rules.identitycenter;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A permission set with more managed-policy attachments (AWS managed plus customer managed; not the
 * inline policy, not the permissions boundary) than the Identity Center quota, 10 by default.
 */
@RuleInfo(
    id = "IAM506",
    name = "permission-set-policy-limit",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 2.0,
    tags = {"identity-center", "quota"},
    summary = "A permission set attaches more AWS managed and customer managed policies than the quota allows.",
    description = "Identity Center limits the managed policies (AWS managed and customer managed together) attached "
        + "to one permission set; attaching one more fails, so the deployment stops part-way and the permission set "
        + "is left without some of its policies. The quota can be raised, which the maxAttachments option reflects.",
    messages = @RuleInfo.Message(text = "permission set {0} attaches {1} managed policies ({2} AWS managed, {3} customer "
        + "managed), more than the {4} allowed per permission set"),
    options = @RuleInfo.Option(name = "maxAttachments", type = RuleInfo.OptionType.INTEGER, defaultValue = "10",
        description = "The managed policies allowed per permission set (the Identity Center quota, if raised)."))
public final class PermissionSetPolicyLimit implements DocumentRule {

  static final long DEFAULT_MAX = 10;

  @Override
  public void onPermissionSet(PermissionSet ps, RuleContext ctx) {
    long max = ctx.options().number("maxAttachments").orElse(DEFAULT_MAX);
    Set<String> aws = new LinkedHashSet<>();
    for (Str s : ps.managedPolicies()) aws.add(s.text().trim());
    Set<String> cmps = new LinkedHashSet<>();
    for (PermissionSet.CmpRef r : ps.customerManagedPolicies()) {
      cmps.add(r.pathOrDefault() + (r.name() == null ? "#" + r.span() : r.name().text()));
    }
    int total = aws.size() + cmps.size();
    if (total <= max) return;
    String name = ps.name() != null ? ps.name().text() : ps.displayName();
    if (ps.name() != null) ctx.report(ps.name(), "default", name, total, aws.size(), cmps.size(), max);
    else ctx.report(ps.node(), "default", name, total, aws.size(), cmps.size(), max);
  }
}
