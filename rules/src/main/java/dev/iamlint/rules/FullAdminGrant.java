package dev.iamlint.rules;

import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.RuleContext;

/**
 * Not a rule: what is left, for one caller, of the old habit of asking IAM201's class whether it
 * reports a statement. The rule itself is {@link dev.iamlint.rules.wildcards.FullAdminGrant}.
 *
 * @deprecated call {@link Grants#fullAdmin} (a fact of the analysis layer). Kept only until
 *     {@code BroadAdminAssignment} (IAM507) switches; delete this class then.
 */
@Deprecated
public final class FullAdminGrant {

  private FullAdminGrant() {}

  /**
   * Whether the statement is full administrator access.
   *
   * @deprecated use {@code Grants.fullAdmin(policy, s, ctx.catalog()) != null}.
   */
  @Deprecated
  public static boolean reports(PolicyDocument policy, Statement s, RuleContext ctx) {
    return Grants.fullAdmin(policy, s, ctx.catalog()) != null;
  }
}
