package dev.iamlint.rules.organization;

import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.analysis.access.AccessEvaluator;
import dev.iamlint.core.analysis.access.AccessRequest;
import dev.iamlint.core.analysis.access.Decision;
import dev.iamlint.core.analysis.access.IdentityPolicies;
import dev.iamlint.core.analysis.access.OrgChain;
import dev.iamlint.core.analysis.access.Reason;
import dev.iamlint.core.analysis.access.Verdict;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import dev.iamlint.core.workspace.AccessModel;
import dev.iamlint.core.workspace.Organization;
import dev.iamlint.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A permission set grants, in an account it is assigned to (directly, through an OU or through the
 * root), an action that the account's SCP chain always denies: an explicit unconditional
 * {@code Deny} on every resource at some level, or a level that allows nothing of it (its
 * {@code FullAWSAccess} removed). The grant is dead: it can never be used there. Evaluation
 * follows AWS's documented SCP logic ({@code core.analysis.access}); denials that depend on a
 * condition, on the resource or on a policy whose content is not in the repository are not
 * findings (except {@code aws:PrincipalArn} conditions that no permission-set role can match,
 * such as exemptions of named pipeline roles: the role is {@code arn:*:iam::<account>:role/*AWSReservedSSO_*}) ({@code iam-lint explain-access} shows them).
 *
 * <p>An {@code Action} value is dead when every action it stands for is denied: a literal action,
 * or a wildcard whose whole expansion is denied ({@code organizations:*} under a deny of
 * {@code organizations:*}); a wildcard only partly denied ({@code *} under guardrails) is the
 * normal design and is not reported. One finding per granting statement, at its first dead
 * action (the reference to an AWS managed policy, whose statements are not in the repository),
 * naming the permission sets, the accounts (or the OU or root when every account the assignment
 * reaches is affected) and the dead actions; the denying SCP statement is a related location. The
 * management account is never considered (SCPs do not apply to it).
 */
@RuleInfo(
    id = "IAM604",
    name = "scp-denies-granted-access",
    since = "0.1.0",
    level = Level.NOTE,
    securitySeverity = 1.0,
    tags = {"security", "scp", "organization", "identity-center"},
    summary = "A permission set grants actions that the SCPs of the accounts it is assigned to always deny.",
    description = "Service control policies set the maximum permissions of every principal in a member account. "
        + "A permission set that grants an action the account's SCP chain denies unconditionally grants nothing "
        + "there: the grant is dead weight that misleads reviewers about who can do what, and often shows an "
        + "assignment to the wrong account or OU, or a guardrail nobody expected.",
    messages = {
      @RuleInfo.Message(text = "{0} grants {1}, which the SCPs of {2} always deny: the grant is dead there ({3})")
    })
public final class ScpDeniesGrantedAccess implements WorkspaceRule {

  /** The accounts, permission sets and actions of one granting statement. */
  private static final class Dead {
    final SourceFile file;
    final Span span;
    final String pointer;
    final Set<String> permissionSets = new LinkedHashSet<>();
    final Set<String> actions = new LinkedHashSet<>();
    final Set<String> targets = new LinkedHashSet<>();
    Reason denial;

    Dead(SourceFile file, Span span, String pointer) {
      this.file = file;
      this.span = span;
      this.pointer = pointer;
    }
  }

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    Organization org = ws.org().orElse(null);
    if (org == null || ws.permissionSets().isEmpty()) return;
    AccessEvaluator evaluator = new AccessEvaluator(ctx.catalog());
    AccessModel model = new AccessModel(ws, evaluator.awsManaged());
    Map<Object, Dead> byStatement = new IdentityHashMap<>();
    List<Dead> order = new ArrayList<>();
    for (PermissionSet ps : ws.permissionSets()) {
      if (ps.name() == null) continue;
      Map<Organization.Account, Assignment.Target> accounts = new LinkedHashMap<>(model.assignedAccounts(ps));
      accounts.keySet().removeIf(org::isManagement);
      if (accounts.isEmpty()) continue;
      // Accounts whose SCP chains are alike get the same answers: evaluate one of each. The role's
      // ARN shape leaves the account open (any account), so that it does not split the groups; a
      // condition naming one account's roles then stays open, which reports less, never more.
      Map<String, List<Organization.Account>> bySignature = new LinkedHashMap<>();
      for (Organization.Account a : accounts.keySet()) {
        bySignature.computeIfAbsent(model.scpChain(a).signature(), k -> new ArrayList<>()).add(a);
      }
      List<List<Organization.Account>> groups = List.copyOf(bySignature.values());
      IdentityPolicies identity = model.identity(ps);
      for (IdentityPolicies.Source src : identity.policies()) {
        if (src.document() == null) continue;
        boolean aws = src.kind() == IdentityPolicies.Kind.AWS_MANAGED;
        // A pre-commit run reports only on its staged files: skip the policies whose findings
        // would land elsewhere (the SCP evaluation is the costly part of this rule).
        if (!ctx.reportable(aws ? ps.file() : src.document().file())) continue;
        for (Statement s : src.document().statements()) {
          if (!s.isAllow() || s.action() == null) continue;
          List<String> resources = resources(s);
          for (Str value : s.action().values()) {
            if (Texts.isTemplated(value.text())) continue;
            // Most grants meet no deny at all: skip them before expanding the pattern.
            if (groups.stream().noneMatch(g -> evaluator.mayDeny(model.scpChain(g.get(0)), value.text()))) continue;
            List<String> actions = Texts.hasWildcard(value.text()) ? evaluator.expand(value.text()) : List.of(value.text());
            if (actions.isEmpty()) continue;
            Set<Organization.Account> deadIn = new LinkedHashSet<>();
            Reason denial = null;
            for (List<Organization.Account> group : groups) {
              Organization.Account first = group.get(0);
              Reason r = alwaysDenied(evaluator, model.scpChain(first), actions, resources, AccessRequest.permissionSetRole(null));
              if (r != null) {
                deadIn.addAll(group);
                if (denial == null) denial = r;
              }
            }
            if (deadIn.isEmpty()) continue;
            Object key = aws ? src : s;
            Dead d = byStatement.get(key);
            if (d == null) {
              d = aws ? new Dead(ps.file(), src.span(), null) : new Dead(src.document().file(), value.span(), value.pointer());
              byStatement.put(key, d);
              order.add(d);
            }
            d.permissionSets.add(ps.name().text() + (aws ? " (AWS managed policy " + src.label() + ")" : ""));
            d.actions.add(value.text());
            d.targets.addAll(AccessModel.targetNames(org, accounts, deadIn, false));
            if (d.denial == null) d.denial = denial;
          }
        }
      }
    }
    for (Dead d : order) {
      if (d.file == null || d.span == null) continue;
      String who = (d.permissionSets.size() == 1 ? "permission set " : "permission sets ") + String.join(", ", d.permissionSets);
      RuleContext.Report r = ctx.report(d.file, d.span, d.pointer, "default", who, Texts.andMore(d.actions, 6),
          Texts.andMore(d.targets, 4), d.denial == null ? "denied" : d.denial.text());
      if (d.denial != null && d.denial.file() != null && d.denial.span() != null) r.related(d.denial.file(), d.denial.span(), d.denial.text());
    }
  }

  /** The statement's resources to evaluate: null (any) for {@code "*"}, NotResource or templated values. */
  private static List<String> resources(Statement s) {
    if (s.resource() == null || s.resource().hasStar()) return java.util.Collections.singletonList(null);
    List<String> out = new ArrayList<>();
    for (Str r : s.resource().values()) {
      if (Texts.isTemplated(r.text()) || r.text().contains("${")) return java.util.Collections.singletonList(null);
      out.add(r.text());
    }
    return out.isEmpty() ? java.util.Collections.singletonList(null) : out;
  }

  /** The first denial when every action on every resource is denied unconditionally; null otherwise. */
  private static Reason alwaysDenied(AccessEvaluator evaluator, OrgChain chain, List<String> actions, List<String> resources,
      String principal) {
    Reason first = null;
    for (String action : actions) {
      for (String resource : resources) {
        Decision d = evaluator.scpVerdict(chain, new AccessRequest(action, resource, Map.of(), false, principal));
        if (d.verdict() != Verdict.DENIED) return null;
        if (first == null) first = d.denials().isEmpty() ? null : d.denials().get(0);
      }
    }
    return first;
  }
}
