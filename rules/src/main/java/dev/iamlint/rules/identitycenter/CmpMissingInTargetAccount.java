package dev.iamlint.rules.identitycenter;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicySet;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.workspace.CustomerManagedPolicies;
import dev.iamlint.core.workspace.Organization;
import dev.iamlint.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A permission set is assigned to an account where a customer managed policy it references is not
 * deployed. Only customer managed policies that Landing Zone Accelerator's {@code iam-config.yaml}
 * {@code policySets[]} deploy are checked (their {@code deploymentTargets} are known), and only when
 * the run has an organization model to expand OUs into accounts. Identity Center needs "an IAM
 * policy that matches the name and path in each AWS account where you want to deploy your
 * permission set".
 */
@RuleInfo(
    id = "IAM503",
    name = "cmp-missing-in-target-account",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"permission-set", "cmp", "assignment", "organization"},
    summary = "A permission set is assigned to an account where a customer managed policy it references is not deployed.",
    description = "IAM Identity Center attaches a customer managed policy by name and path in each account a permission "
        + "set is provisioned to, so the policy must exist in every one of them. When the Landing Zone Accelerator "
        + "policy set that creates the policy targets fewer accounts than the permission set's assignments, "
        + "provisioning fails in the accounts left out and the assigned users get no access there.",
    messages = {
      @RuleInfo.Message(text = "{0} is assigned to {1}, where its customer managed policy {2} is not deployed (the "
          + "policy set's deploymentTargets in {3} do not cover it)")
    })
public final class CmpMissingInTargetAccount implements WorkspaceRule {

  private static final int MAX_NAMED = 3;

  /** Where policy sets deploy a policy name: accounts (by key; null when not resolvable), and the last set's file. */
  private record Deployment(Set<String> accounts, String source) {}

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    Organization org = ws.org().orElse(null);
    if (org == null) return;
    Map<String, Deployment> deployed = deployments(ws);
    if (deployed.isEmpty()) return;
    CustomerManagedPolicies cmps = ws.cmps();
    for (PermissionSet ps : ws.permissionSets()) {
      if (ps.name() == null) continue;
      List<Assignment> assignments = ws.assignmentsOf(ps);
      if (assignments.isEmpty()) continue;
      for (PermissionSet.CmpRef ref : Workspace.cmpReferences(ps)) {
        if (ref.name() == null || Templates.isTemplated(ref.name().text())) continue;
        Deployment d = deployed.get(ref.name().text());
        if (d == null || d.accounts() == null || definedElsewhere(ws, cmps, ref.name().text())) continue;
        for (Assignment a : assignments) check(org, ps, ref, d, a, ctx);
      }
    }
  }

  private static void check(Organization org, PermissionSet ps, PermissionSet.CmpRef ref, Deployment d, Assignment a,
      RuleContext ctx) {
    Set<String> missing = new LinkedHashSet<>();
    Assignment.Target first = null;
    for (Assignment.Target t : a.targets()) {
      if (t.raw() == null || Templates.isTemplated(t.raw().text())) continue;
      boolean any = false;
      for (String acc : org.accountsOf(t)) {
        if (!d.accounts().contains(acc) && missing.add(acc)) any = true;
      }
      if (any && first == null) first = t;
    }
    if (missing.isEmpty()) return;
    List<String> list = new ArrayList<>(missing);
    String named = String.join(", ", list.subList(0, Math.min(MAX_NAMED, list.size())));
    if (list.size() > MAX_NAMED) named += " and " + (list.size() - MAX_NAMED) + " more";
    ctx.report(ps.file(), ref.name(), "default", ps.name().text(), named, ref.name().text(), d.source())
        .related(a.file(), first.raw().span(), "assigned here");
  }

  /** Whether a managed policy of this name is also defined outside the policy sets (CloudFormation, ...). */
  private static boolean definedElsewhere(Workspace ws, CustomerManagedPolicies cmps, String name) {
    for (CustomerManagedPolicies.Named p : cmps.namedIgnoreCase(name)) {
      if (p.name().text().equals(name) && !ws.deployedByPolicySet(p.policy())) return true;
    }
    return false;
  }

  /** Policy name to the accounts its policy sets deploy it to, merged over the sets that deploy it. */
  private static Map<String, Deployment> deployments(Workspace ws) {
    Map<String, Deployment> out = new HashMap<>();
    for (PolicySet set : ws.policySets()) {
      Set<String> accounts = ws.accountsOf(set);
      for (PolicySet.Member m : set.policies()) {
        if (m.name() == null) continue;
        Deployment prev = out.get(m.name().text());
        Set<String> merged;
        if (accounts == null || (prev != null && prev.accounts() == null)) {
          merged = null; // a target the organization cannot resolve: the deployment is unknown
        } else {
          merged = new HashSet<>(accounts);
          if (prev != null) merged.addAll(prev.accounts());
        }
        out.put(m.name().text(), new Deployment(merged, set.file().relativePath()));
      }
    }
    return out;
  }
}
