package dev.iamlint.rules;

import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.rule.Level;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.workspace.Organization;
import dev.iamlint.core.workspace.Workspace;
import java.nio.file.Path;
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

  /** Where an LZA policy set deploys a policy name: accounts (by key), or null when not resolvable. */
  private record Deployment(Set<String> accounts, String source) {}

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    Organization org = ws.org().orElse(null);
    if (org == null) return;
    Set<String> files = new HashSet<>();
    Map<String, Deployment> deployed = policySets(ws, org, files);
    if (deployed.isEmpty()) return;
    for (PermissionSet ps : ws.permissionSets()) {
      if (ps.name() == null) continue;
      List<Assignment> assignments = assignmentsOf(ws, ps.name().text());
      if (assignments.isEmpty()) continue;
      for (PermissionSet.CmpRef ref : CmpReferences.of(ps)) {
        if (ref.name() == null || Texts.isTemplated(ref.name().text())) continue;
        Deployment d = deployed.get(ref.name().text());
        if (d == null || d.accounts() == null || definedElsewhere(ws, ref.name().text(), files)) continue;
        for (Assignment a : assignments) check(org, ps, ref, d, a, ctx);
      }
    }
  }

  private static void check(Organization org, PermissionSet ps, PermissionSet.CmpRef ref, Deployment d, Assignment a,
      RuleContext ctx) {
    Set<String> missing = new LinkedHashSet<>();
    Assignment.Target first = null;
    for (Assignment.Target t : a.targets()) {
      if (t.raw() == null || Texts.isTemplated(t.raw().text())) continue;
      Set<String> accounts = expandAssignmentTarget(org, t);
      boolean any = false;
      for (String acc : accounts) {
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

  /** The assignments of a permission set, once per assignment entry (LZA gives one per principal). */
  private static List<Assignment> assignmentsOf(Workspace ws, String name) {
    List<Assignment> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Assignment a : ws.assignments()) {
      if (a.permissionSet() == null || !a.permissionSet().text().equals(name)) continue;
      if (seen.add(a.file().relativePath() + "#" + a.pointer())) out.add(a);
    }
    return out;
  }

  /** Whether a managed policy of this name is also defined outside the LZA policy sets (CloudFormation, ...). */
  private static boolean definedElsewhere(Workspace ws, String name, Set<String> files) {
    for (PolicyDocument p : ws.customerManagedPoliciesNamedIgnoreCase(name)) {
      if (p.name() != null && p.name().text().equals(name) && !files.contains(p.file().relativePath())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Policy name to the accounts its LZA policy sets deploy it to (null accounts when unknown);
   * adds the policy files the sets reference, relative to the lint root, to {@code files}.
   */
  private static Map<String, Deployment> policySets(Workspace ws, Organization org, Set<String> files) {
    Map<String, Deployment> out = new HashMap<>();
    for (LoadedFile f : ws.files()) {
      for (Node doc : f.documents()) {
        if (!(doc instanceof ObjectNode o) || o.has("Resources")) continue;
        if (!(o.get("policySets").orElse(null) instanceof ArrayNode sets)) continue;
        for (Node s : sets.items()) {
          if (!(s instanceof ObjectNode set)) continue;
          Set<String> accounts = deploymentTargets(org, set.get("deploymentTargets").orElse(null));
          if (!(set.get("policies").orElse(null) instanceof ArrayNode policies)) continue;
          for (Node p : policies.items()) {
            if (!(p instanceof ObjectNode po)) continue;
            po.string("policy").map(ScalarNode::text).filter(t -> !t.isBlank() && !t.contains("://"))
                .ifPresent(t -> files.add(resolve(f.file(), t)));
            ScalarNode name = po.string("name").orElse(null);
            if (name == null || name.text().isBlank()) continue;
            Deployment prev = out.get(name.text());
            Set<String> merged;
            if (prev != null && (prev.accounts() == null || accounts == null)) {
              merged = null;
            } else {
              merged = new HashSet<>(accounts);
              if (prev != null) merged.addAll(prev.accounts());
            }
            out.put(name.text(), new Deployment(merged, f.file().relativePath()));
          }
        }
      }
    }
    return out;
  }

  /** The accounts of an LZA {@code deploymentTargets} object, or null when one is not resolvable. */
  private static Set<String> deploymentTargets(Organization org, Node n) {
    Set<String> out = new HashSet<>();
    if (!(n instanceof ObjectNode dt)) return out;
    for (ScalarNode s : scalars(dt.get("organizationalUnits").orElse(null))) {
      if (Texts.isTemplated(s.text())) return null;
      if (org.isRoot(s.text())) {
        for (Organization.Account a : org.accounts()) out.add(key(a));
        continue;
      }
      Organization.Ou ou = org.ouByIdOrNameOrPath(s.text()).orElse(null);
      if (ou == null) return null;
      out.addAll(below(org, ou));
    }
    for (ScalarNode s : scalars(dt.get("accounts").orElse(null))) {
      if (Texts.isTemplated(s.text())) return null;
      Organization.Account a = org.accountByIdOrName(s.text()).orElse(null);
      if (a == null) return null;
      out.add(key(a));
    }
    for (ScalarNode s : scalars(dt.get("excludedAccounts").orElse(null))) {
      org.accountByIdOrName(s.text()).ifPresent(a -> out.remove(key(a)));
    }
    return out;
  }

  private static Set<String> expandAssignmentTarget(Organization org, Assignment.Target t) {
    Set<String> out = new LinkedHashSet<>();
    switch (t.type()) {
      case ACCOUNT -> {
        String ref = t.id() != null ? t.id() : t.name();
        org.accountByIdOrName(ref).ifPresent(a -> out.add(key(a)));
      }
      case ROOT -> org.accounts().forEach(a -> out.add(key(a)));
      case ORGANIZATIONAL_UNIT, ORGANIZATIONAL_UNIT_RECURSIVE -> {
        String ref = t.id() != null ? t.id() : t.name();
        if (org.isRoot(ref)) {
          org.accounts().forEach(a -> out.add(key(a)));
        } else {
          org.ouByIdOrNameOrPath(ref).ifPresent(ou -> out.addAll(below(org, ou)));
        }
      }
      default -> { }
    }
    return out;
  }

  /** Every account in an OU and the OUs below it. */
  private static Set<String> below(Organization org, Organization.Ou ou) {
    Set<String> out = new LinkedHashSet<>();
    List<Organization.Ou> todo = new ArrayList<>(List.of(ou));
    Set<String> visited = new HashSet<>();
    while (!todo.isEmpty()) {
      Organization.Ou o = todo.remove(todo.size() - 1);
      if (!visited.add(o.path())) continue;
      for (Organization.Account a : org.accountsIn(o)) out.add(key(a));
      todo.addAll(org.children(o));
    }
    return out;
  }

  private static String key(Organization.Account a) {
    return a.name() != null ? a.name() : a.id();
  }

  private static List<ScalarNode> scalars(Node n) {
    List<ScalarNode> out = new ArrayList<>();
    if (n instanceof ArrayNode a) {
      for (Node item : a.items()) {
        if (item instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL && !s.text().isBlank()) out.add(s);
      }
    }
    return out;
  }

  private static String resolve(SourceFile from, String ref) {
    Path parent = Path.of(from.relativePath()).getParent();
    Path p = (parent == null ? Path.of(ref) : parent.resolve(ref)).normalize();
    String s = p.toString().replace('\\', '/');
    while (s.startsWith("./")) s = s.substring(2);
    return s;
  }
}
