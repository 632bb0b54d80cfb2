package dev.iamlint.rules.wildcards;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.catalog.AccessLevel;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.rule.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An identity policy's Allow of Write, Permissions-management or Tagging actions on
 * {@code "Resource": "*"} where the catalogue says the actions take resource ARNs, so a scoped
 * grant was possible. {@code iam:PassRole} is left to IAM206. Statements scoped by a resource
 * condition ({@code aws:ResourceTag/...}, {@code rds:db-tag/...}, {@code aws:ResourceAccount}, {@code aws:ResourceOrgID},
 * {@code aws:ResourceOrgPaths}) are not reported, nor statements IAM201 reports (declared:
 * {@code supersededBy}).
 */
@RuleInfo(
    id = "IAM203",
    name = "wildcard-resource-on-write",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 5.0,
    tags = {"security", "wildcard", "least-privilege"},
    supersededBy = "IAM201",
    summary = "The policy allows actions that change resources on \"Resource\": \"*\" though they can be limited to resource ARNs.",
    description = "Write, permissions-management and tagging actions on \"*\" reach every matching resource in the "
        + "account, present and future, including ones the workload has no business with. These actions accept "
        + "resource ARNs, so the grant can name the buckets, tables or roles the workload actually changes.",
    messages = {
      @RuleInfo.Message(text = "allows {0} on every resource, though it can be limited to resource ARNs"),
      @RuleInfo.Message(id = "many", text = "allows {0} write, permissions-management or tagging actions on every resource, though they can be limited to resource ARNs; for example {1}")
    })
public final class WildcardResourceOnWrite implements DocumentRule {

  /** Left to IAM206 (pass-role-unrestricted), which is more specific. */
  private static final String PASS_ROLE = "iam:passrole";

  /**
   * A key on the tags of the resource acted on: {@code aws:ResourceTag/...},
   * {@code ec2:ResourceTag/...}, and the older per-type keys such as {@code rds:db-tag/...}
   * (not {@code aws:RequestTag} or {@code aws:PrincipalTag}, which say nothing of the resource).
   */
  private static final Pattern RESOURCE_TAG_KEY = Pattern.compile("[a-z0-9-]+:(resourcetag|[a-z0-9-]+-tag)/.*");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.kind() != PolicyKind.IDENTITY) return;
    if (!s.isAllow() || s.action() == null || s.resource() == null) return;
    Str star = s.resource().find("*");
    if (star == null || scopedByResourceCondition(s)) return;
    IamCatalog catalog = ctx.catalog();
    Set<IamAction> scopable = new LinkedHashSet<>();
    for (Str v : s.action().values()) {
      String text = v.text().trim();
      if (text.isEmpty() || Templates.isTemplated(text)) continue;
      for (IamAction a : catalog.expand(text)) {
        if (changes(a) && a.supportsResourceLevelPermissions()
            && !a.fullName().toLowerCase(Locale.ROOT).equals(PASS_ROLE)) {
          scopable.add(a);
        }
      }
    }
    if (scopable.isEmpty()) return;
    if (scopable.size() == 1) {
      ctx.report(star, "default", scopable.iterator().next().fullName());
      return;
    }
    List<IamAction> sorted = new ArrayList<>(scopable);
    sorted.sort(Comparator.comparingInt(WildcardResourceOnWrite::rank)); // stable: catalogue order within a level
    List<String> names = sorted.stream().map(IamAction::fullName).toList();
    ctx.report(star, "many", scopable.size(), Texts.orList(names, 3));
  }

  private static boolean changes(IamAction a) {
    AccessLevel l = a.accessLevel();
    return l == AccessLevel.WRITE || l == AccessLevel.PERMISSIONS_MANAGEMENT || l == AccessLevel.TAGGING;
  }

  /** Permissions management first, then write, then tagging: the examples name the riskiest. */
  private static int rank(IamAction a) {
    return switch (a.accessLevel()) {
      case PERMISSIONS_MANAGEMENT -> 0;
      case WRITE -> 1;
      default -> 2;
    };
  }

  /** True when a condition limits the statement to resources by tag, account or organization (ABAC). */
  private static boolean scopedByResourceCondition(Statement s) {
    for (Condition c : s.conditions()) {
      if (c.key() == null) continue;
      String k = c.key().text().toLowerCase(Locale.ROOT);
      if (RESOURCE_TAG_KEY.matcher(k).matches() || k.equals("aws:resourceaccount") || k.equals("aws:resourceorgid")
          || k.equals("aws:resourceorgpaths")) {
        return true;
      }
    }
    return false;
  }
}
