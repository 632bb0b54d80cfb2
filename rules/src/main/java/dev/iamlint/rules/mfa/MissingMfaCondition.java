package dev.iamlint.rules.mfa;

import dev.iamlint.core.catalog.AccessLevel;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.analysis.Resources;
import dev.iamlint.core.analysis.Mfa;
import dev.iamlint.core.analysis.PolicySets;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.LoadedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * A sensitive grant in a policy of IAM users or groups with no MFA requirement, pointing at the
 * sensitive action (or the {@code NotAction} key). In scope: identity policies whose use is
 * {@link PolicyUse#USER_INLINE}, {@link PolicyUse#GROUP_INLINE} or {@link PolicyUse#MANAGED_ON_USERS}
 * (CloudFormation user/group policies, {@code AWS::IAM::Policy} or {@code AWS::IAM::ManagedPolicy}
 * with {@code Users}/{@code Groups}, files the configuration declares as
 * {@code userPolicy}/{@code groupPolicy}). Sensitive: full administrator access
 * ({@link Grants#fullAdmin}), actions at the catalogue's "Permissions management" access level, and the
 * {@code sensitiveActions} option's patterns. A statement with any MFA-key condition is left to
 * IAM303/IAM305; a policy with an MFA Deny that also stops long-term access keys
 * ({@link Mfa#isMfaDeny}) is not reported, nor one whose every user or group has such a Deny in
 * another policy of its set ({@link PolicySets}: the template's other policies of that user or
 * group, and a user's groups' policies), hence the {@code onDocuments} hook. A plain {@code Bool}
 * Deny (IAM302) does not count.
 */
@RuleInfo(
    id = "IAM301",
    name = "missing-mfa-condition",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 6.5,
    tags = {"security", "mfa"},
    options = @RuleInfo.Option(name = MissingMfaCondition.SENSITIVE_ACTIONS, type = RuleInfo.OptionType.STRING_LIST,
        defaultValue = "[]", description = "action patterns to treat as sensitive in addition to full administrator "
            + "access and permissions management (ec2:TerminateInstances, s3:Delete*)"),
    summary = "A sensitive grant (full admin, permissions management, or configured actions) to IAM users or groups "
        + "with no aws:MultiFactorAuthPresent/aws:MultiFactorAuthAge requirement and no MFA Deny in the policy.",
    description = "IAM users' long-term access keys and passwords are the credentials most often leaked. A policy that "
        + "gives them administrator or permission-management rights without requiring MFA turns one leaked key into "
        + "full control of the account.",
    messages = {
      @RuleInfo.Message(text = "{0} grants {1} to IAM users or groups without requiring MFA; add "
          + "\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"} or a Deny with "
          + "\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}")
    })
public final class MissingMfaCondition implements DocumentRule {

  static final String SENSITIVE_ACTIONS = "sensitiveActions";

  @Override
  public void onDocuments(LoadedFile file, List<Document> documents, RuleContext ctx) {
    List<PolicyDocument> policies = new ArrayList<>();
    for (Document d : documents) {
      if (d instanceof PolicyDocument p && p.kind() == PolicyKind.IDENTITY) policies.add(p);
    }
    if (policies.stream().noneMatch(MissingMfaCondition::inScope)) return;
    PolicySets sets = PolicySets.of(file, policies);
    List<String> configured = ctx.options().strings(SENSITIVE_ACTIONS);
    for (PolicyDocument p : policies) {
      if (inScope(p) && !coveredByMfaDeny(p, sets)) check(p, configured, ctx);
    }
  }

  private static boolean inScope(PolicyDocument policy) {
    return policy.uses().contains(PolicyUse.USER_INLINE) || policy.uses().contains(PolicyUse.GROUP_INLINE)
        || policy.uses().contains(PolicyUse.MANAGED_ON_USERS);
  }

  /** True when every set the policy belongs to holds an MFA Deny that also stops long-term keys. */
  private static boolean coveredByMfaDeny(PolicyDocument p, PolicySets sets) {
    List<List<PolicyDocument>> all = sets.setsOf(p);
    for (List<PolicyDocument> set : all) {
      if (set.stream().noneMatch(MissingMfaCondition::hasMfaDeny)) return false;
    }
    return true;
  }

  private static boolean hasMfaDeny(PolicyDocument p) {
    for (Statement s : p.statements()) {
      if (Mfa.isMfaDeny(s)) return true;
    }
    return false;
  }

  private static void check(PolicyDocument policy, List<String> configured, RuleContext ctx) {
    for (Statement s : policy.statements()) {
      if (!s.isAllow() || hasMfaCondition(s)) continue;
      Hit hit = sensitive(policy, s, configured, ctx);
      if (hit != null) ctx.report(hit.at(), "default", hit.at().text(), hit.what());
    }
  }

  private record Hit(Str at, String what) {}

  private static boolean hasMfaCondition(Statement s) {
    for (Condition c : s.conditions()) {
      if (Mfa.usable(c)) return true;
    }
    return false;
  }

  private static Hit sensitive(PolicyDocument policy, Statement s, List<String> configured, RuleContext ctx) {
    Grants.FullAdmin admin = Grants.fullAdmin(policy, s, ctx.catalog());
    if (admin != null) {
      return new Hit(admin.at(), admin.shape() == Grants.Shape.NOT_ACTION ? "near-full administrator access" : "full administrator access");
    }
    if (s.action() != null) {
      for (Str a : s.action().values()) {
        String t = a.text().trim();
        for (String p : configured) {
          if (Wildcard.matchesIgnoreCase(p, t) || Wildcard.matchesIgnoreCase(t, p) || expandsTo(t, p, ctx)) {
            return new Hit(a, "an action configured as sensitive (" + p + ")");
          }
        }
        String pm = permissionsManagement(t, ctx);
        if (pm != null) {
          return new Hit(a, "permissions management (" + pm + ")");
        }
      }
    } else if (s.notAction() != null) {
      List<String> excluded = s.notAction().texts();
      for (String p : configured) {
        if (!excludedAll(excluded, p) && Resources.canName(s, ctx.catalog().action(p).orElse(null))) {
          return new Hit(s.notAction().key(), "an action configured as sensitive (" + p + ")");
        }
      }
      // Only what the statement's resources can name: NotAction on RDS ARNs grants no IAM action.
      String pm = Grants.remainingPermissionsManagement(s, ctx.catalog());
      if (pm != null) return new Hit(s.notAction().key(), "permissions management (" + pm + ")");
    }
    return null;
  }

  private static boolean excludedAll(List<String> excluded, String action) {
    for (String e : excluded) {
      if (Wildcard.matchesIgnoreCase(e, action)) return true;
    }
    return false;
  }

  /** True when an action the value stands for matches the pattern. */
  private static boolean expandsTo(String value, String pattern, RuleContext ctx) {
    if (value.equals("*")) return false; // already matched: "*" matches every pattern
    try {
      for (IamAction act : ctx.catalog().expand(value)) {
        if (Wildcard.matchesIgnoreCase(pattern, act.fullName())) return true;
      }
    } catch (RuntimeException e) {
      return false;
    }
    return false;
  }

  /** The first permissions-management action the Action value stands for, or null. */
  private static String permissionsManagement(String value, RuleContext ctx) {
    try {
      for (IamAction act : ctx.catalog().expand(value)) {
        if (act.accessLevel() == AccessLevel.PERMISSIONS_MANAGEMENT) return act.fullName();
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }
}
