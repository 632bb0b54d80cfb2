package dev.iamlint.rules.identitycenter;

import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.workspace.Workspace;

/**
 * An administrator-level permission set (AWS managed {@code AdministratorAccess}, or an inline
 * policy granting full administrator access, {@link Grants#fullAdmin}) assigned to the organization root or a whole OU, so every account
 * there, present and future, gets it.
 */
@RuleInfo(
    id = "IAM507",
    name = "broad-admin-assignment",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 7.0,
    tags = {"security", "permission-set", "assignment", "organization"},
    summary = "An administrator-level permission set is assigned to a whole OU or the organization root.",
    description = "Assigning a permission set to an OU or the root provisions it in every account below, including "
        + "accounts added later, such as security, log-archive and production accounts. For administrator access "
        + "that turns one group membership into full control of a whole branch of the organization; assign admin "
        + "access to the accounts that need it.",
    messages = {
      @RuleInfo.Message(text = "permission set {0} grants administrator access ({1}) and is assigned to {2}, every account below it")
    })
public final class BroadAdminAssignment implements WorkspaceRule {

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    for (Assignment a : ws.assignments()) {
      if (a.permissionSet() == null) continue;
      String why = null;
      for (PermissionSet ps : ws.permissionSetsNamed(a.permissionSet().text())) {
        why = adminReason(ps, ctx);
        if (why != null) break;
      }
      if (why == null) continue;
      for (Assignment.Target t : a.targets()) {
        if (t.raw() == null) continue;
        if (t.type() == Assignment.Type.ROOT || t.type() == Assignment.Type.ORGANIZATIONAL_UNIT
            || t.type() == Assignment.Type.ORGANIZATIONAL_UNIT_RECURSIVE) {
          String where = t.type() == Assignment.Type.ROOT || (t.id() != null && t.id().startsWith("r-"))
              ? "the organization root" : "organizational unit " + t.raw().text();
          ctx.report(a.file(), t.raw(), "default", a.permissionSet().text(), why, where);
        }
      }
    }
  }

  /** Why the permission set is administrator-level, or null when it is not. */
  private static String adminReason(PermissionSet ps, RuleContext ctx) {
    for (Str m : ps.managedPolicies()) {
      String text = m.text();
      if (text.equals("AdministratorAccess") || text.matches("arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess")) {
        return "AdministratorAccess";
      }
    }
    if (ps.inlinePolicy() != null) {
      for (Statement s : ps.inlinePolicy().statements()) {
        if (Grants.fullAdmin(ps.inlinePolicy(), s, ctx.catalog()) != null) return "an inline policy allowing all actions on all resources";
      }
    }
    return null;
  }
}
