package dev.iamlint.core.workspace;

import dev.iamlint.core.analysis.access.AwsManagedPolicies;
import dev.iamlint.core.analysis.access.IdentityPolicies;
import dev.iamlint.core.analysis.access.OrgChain;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workspace as the access evaluation ({@code core.analysis.access}) needs it: a permission
 * set's policies resolved (inline; customer managed policies by name and path from the
 * workspace; AWS managed policies from the catalogue; the boundary), an account's SCP and RCP
 * chains, and the accounts a permission set is assigned to. Chains are built once per account.
 */
public final class AccessModel {

  private final Workspace ws;
  private final AwsManagedPolicies managed;
  private final Map<String, OrgChain> scpChains = new ConcurrentHashMap<>();
  private final Map<String, OrgChain> rcpChains = new ConcurrentHashMap<>();

  public AccessModel(Workspace ws, AwsManagedPolicies managed) {
    this.ws = ws;
    this.managed = managed;
  }

  public Workspace workspace() {
    return ws;
  }

  /** The permission set's policies and boundary. */
  public IdentityPolicies identity(PermissionSet ps) {
    List<IdentityPolicies.Source> policies = new ArrayList<>();
    PolicyDocument inline = inlinePolicy(ps);
    if (inline != null) {
      policies.add(new IdentityPolicies.Source(IdentityPolicies.Kind.INLINE, "inline policy", inline, inline.file(),
          inline.root().span()));
    }
    for (Str m : ps.managedPolicies()) policies.add(awsManaged(m, ps));
    for (PermissionSet.CmpRef ref : ps.customerManagedPolicies()) policies.add(cmp(ref, ps));
    List<IdentityPolicies.Source> boundary = new ArrayList<>();
    if (ps.boundary() != null) {
      if (ps.boundary().managedPolicy() != null) boundary.add(awsManaged(ps.boundary().managedPolicy(), ps));
      if (ps.boundary().customerManaged() != null) boundary.add(cmp(ps.boundary().customerManaged(), ps));
    }
    String name = ps.name() != null ? ps.name().text() : ps.displayName();
    return new IdentityPolicies("permission set " + name, ps.file(), ps.name() != null ? ps.name().span() : ps.span(),
        policies, boundary);
  }

  private IdentityPolicies.Source awsManaged(Str ref, PermissionSet ps) {
    String text = ref.text();
    PolicyDocument d = managed.document(text).orElse(null);
    String label = text.startsWith("arn:") ? text.substring(text.lastIndexOf('/') + 1) : text;
    return new IdentityPolicies.Source(IdentityPolicies.Kind.AWS_MANAGED, label, d, ps.file(), ref.span());
  }

  private IdentityPolicies.Source cmp(PermissionSet.CmpRef ref, PermissionSet ps) {
    String name = ref.name() == null ? "(unnamed)" : ref.name().text();
    CustomerManagedPolicies.Named named = ref.name() == null ? null : ws.cmps().exact(name, ref.pathOrDefault());
    PolicyDocument found = named == null ? null : named.policy();
    return new IdentityPolicies.Source(IdentityPolicies.Kind.CUSTOMER_MANAGED, name, found, ps.file(), ref.span());
  }

  /**
   * The inline policy: the model's, or for Landing Zone Accelerator the file its
   * {@code policies.inlinePolicy} names (relative to the configuration file's folder).
   */
  private PolicyDocument inlinePolicy(PermissionSet ps) {
    if (ps.inlinePolicy() != null) return ps.inlinePolicy();
    if (!(ps.node() instanceof ObjectNode o)) return null;
    String ref = o.object("policies").flatMap(p -> p.string("inlinePolicy")).map(ScalarNode::text).orElse(null);
    if (ref == null || ref.isBlank()) return null;
    Path dir = Path.of(ps.file().relativePath()).getParent();
    String rel = (dir == null ? Path.of(ref) : dir.resolve(ref)).normalize().toString().replace('\\', '/');
    for (PolicyDocument p : ws.policies()) {
      if (p.file().relativePath().equals(rel) && p.uses().contains(PolicyUse.PERMISSION_SET_INLINE)) return p;
    }
    for (PolicyDocument p : ws.policies()) {
      if (p.file().relativePath().equals(rel)) return p;
    }
    return null;
  }

  /** The accounts (by {@link Organization#key}) a permission set is assigned to, with the first target reaching each. */
  public Map<Organization.Account, Assignment.Target> assignedAccounts(PermissionSet ps) {
    Map<Organization.Account, Assignment.Target> out = new LinkedHashMap<>();
    Organization org = ws.org().orElse(null);
    if (org == null) return out;
    for (Assignment a : ws.assignmentsOf(ps)) {
      for (Assignment.Target t : a.targets()) {
        for (String key : org.accountsOf(t)) {
          org.accountByIdOrName(key).ifPresent(acc -> out.putIfAbsent(acc, t));
        }
      }
    }
    return out;
  }

  /** The SCPs reaching an account, level by level. */
  public OrgChain scpChain(Organization.Account a) {
    return scpChains.computeIfAbsent(Organization.key(a), k -> chain(a, ws.scps().scpLevels(a)));
  }

  /** The RCPs reaching an account's resources, level by level. */
  public OrgChain rcpChain(Organization.Account a) {
    return rcpChains.computeIfAbsent(Organization.key(a), k -> chain(a, ws.scps().rcpLevels(a)));
  }

  private OrgChain chain(Organization.Account a, List<ScpAttachments.Level> levels) {
    List<OrgChain.Level> out = new ArrayList<>();
    for (ScpAttachments.Level l : levels) {
      List<OrgChain.Attached> attached = new ArrayList<>();
      for (PolicyAttachment p : l.policies()) {
        attached.add(new OrgChain.Attached(p.label(), ws.scps().document(p), p.file(), p.span()));
      }
      out.add(new OrgChain.Level(l.name(), l.fullAwsAccess(), attached, l.file(), l.span()));
    }
    boolean management = ws.org().map(o -> o.isManagement(a)).orElse(false);
    return new OrgChain(Organization.key(a), management, out);
  }

  /**
   * How a finding names the accounts it concerns among a permission set's assigned ones: an OU or
   * the root when every account one of its assignment targets reaches is concerned (so one name
   * stands for many), each other account by its key. With {@code wholeTargetOnly}, a target is named
   * only when every account of it in the organization is concerned, not just those assigned here
   * (an assignment to the root seen from a rule scoped to one OU names accounts).
   */
  public static List<String> targetNames(Organization org, Map<Organization.Account, Assignment.Target> assigned,
      java.util.Set<Organization.Account> concerned, boolean wholeTargetOnly) {
    List<String> out = new ArrayList<>();
    java.util.Set<Organization.Account> named = new java.util.LinkedHashSet<>();
    Map<Assignment.Target, List<Organization.Account>> byTarget = new LinkedHashMap<>();
    assigned.forEach((a, t) -> byTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(a));
    for (Map.Entry<Assignment.Target, List<Organization.Account>> e : byTarget.entrySet()) {
      Assignment.Target t = e.getKey();
      if (t.type() == Assignment.Type.ACCOUNT || e.getValue().size() < 2 || !concerned.containsAll(e.getValue())) continue;
      if (wholeTargetOnly) {
        java.util.Set<String> concernedKeys = new java.util.LinkedHashSet<>();
        for (Organization.Account a : concerned) concernedKeys.add(Organization.key(a));
        if (!concernedKeys.containsAll(org.accountsOf(t))) continue;
      }
      String ref = t.name() != null ? t.name() : t.id();
      out.add(t.type() == Assignment.Type.ROOT || org.isRoot(ref) ? "the root" : "OU " + ref);
      named.addAll(e.getValue());
    }
    for (Organization.Account a : concerned) {
      if (!named.contains(a)) out.add("account " + Organization.key(a));
    }
    return out;
  }
}
