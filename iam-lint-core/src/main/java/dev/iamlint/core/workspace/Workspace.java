package dev.iamlint.core.workspace;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.model.FileReference;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicySet;
import dev.iamlint.core.model.PolicyUse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every document of a run and the cross references between them, with the deployment model the
 * input formats contribute (the organization, SCP attachments, policy sets, file references), built
 * once after loading and read by workspace rules. Immutable.
 */
public final class Workspace {

  private final List<Document> documents;
  private final Config config;
  private final List<PolicyDocument> policies;
  private final List<PermissionSet> permissionSets;
  private final List<Assignment> assignments;
  private final CustomerManagedPolicies cmps;
  private final Map<String, List<PermissionSet>> permissionSetsByName;
  private final Deployment deployment;
  private final Organization org;
  private final ScpAttachments scps;
  private final Set<String> policySetFiles = new HashSet<>();
  private final String root;

  /** The workspace of a run that is one deployment (see {@link #root()}). */
  public Workspace(List<Document> documents, Deployment deployment, Config config) {
    this(documents, deployment, config, "");
  }

  /**
   * @param root the folder of this deployment relative to the lint root, ending in '/', or
   *     {@code ""} for the repository's own (see {@link #root()})
   */
  public Workspace(List<Document> documents, Deployment deployment, Config config, String root) {
    this.root = root;
    this.deployment = deployment;
    this.documents = List.copyOf(documents);
    this.config = config;
    this.org = deployment.organization();
    for (PolicySet set : deployment.policySets()) {
      for (PolicySet.Member m : set.policies()) if (m.path() != null) policySetFiles.add(m.path());
    }
    List<PolicyDocument> pol = new ArrayList<>();
    List<PermissionSet> ps = new ArrayList<>();
    List<Assignment> as = new ArrayList<>();
    List<PolicyDocument> named = new ArrayList<>();
    Map<String, List<PermissionSet>> psByName = new LinkedHashMap<>();
    for (Document d : documents) {
      if (d instanceof PolicyDocument p) {
        pol.add(p);
        if (p.uses().contains(PolicyUse.MANAGED) && p.name() != null) {
          named.add(p);
        }
      } else if (d instanceof PermissionSet s) {
        ps.add(s);
        if (s.inlinePolicy() != null) pol.add(s.inlinePolicy());
        if (s.name() != null) psByName.computeIfAbsent(s.name().text(), k -> new ArrayList<>()).add(s);
      } else if (d instanceof Assignment a) {
        as.add(a);
      }
    }
    this.policies = List.copyOf(pol);
    this.permissionSets = List.copyOf(ps);
    this.assignments = List.copyOf(as);
    psByName.replaceAll((k, v) -> List.copyOf(v));
    this.cmps = CustomerManagedPolicies.of(named);
    this.permissionSetsByName = Collections.unmodifiableMap(psByName);
    this.scps = new ScpAttachments(org, deployment, policies.stream()
        .filter(p -> p.kind() == PolicyKind.SCP || p.kind() == PolicyKind.RCP).toList());
  }

  /**
   * Whether workspace rules read this document: the engine keeps these after a file is checked
   * and drops the rest. Permission sets, assignments, managed policies that have a name or sit in
   * a template (references resolve to them), permission-set inline policies, SCPs and RCPs. A new workspace fact that needs other
   * documents widens this test.
   */
  public static boolean reads(Document d) {
    if (d instanceof PermissionSet || d instanceof Assignment) return true;
    if (!(d instanceof PolicyDocument p)) return false;
    if (p.kind() == PolicyKind.SCP || p.kind() == PolicyKind.RCP) return true;
    // A permission set's inline policy in a file of its own (LZA's inlinePolicy): IAM604 and
    // explain-access evaluate it.
    if (p.uses().contains(PolicyUse.PERMISSION_SET_INLINE)) return true;
    return p.uses().contains(PolicyUse.MANAGED) && (p.name() != null
        || (p.container() != null && p.container().startsWith("Resources.")));
  }

  /**
   * The folder of the deployment this workspace describes, relative to the lint root and ending in
   * '/' ({@code "landing-zones/prod/"}); {@code ""} for the repository's own. A repository that
   * holds several landing zones (several folders of Landing Zone Accelerator configuration, or of
   * org-formation organization files) is several deployments, each with its own organization,
   * policies and permission sets, and the engine runs the workspace rules once for each; the files
   * under no such folder make up the repository's own.
   */
  public String root() {
    return root;
  }

  public List<Document> documents() {
    return documents;
  }

  public Config config() {
    return config;
  }

  /** Every policy document, permission-set inline policies included. */
  public List<PolicyDocument> policies() {
    return policies;
  }

  public List<PolicyDocument> policies(PolicyKind kind) {
    return policies.stream().filter(p -> p.kind() == kind).toList();
  }

  public List<PermissionSet> permissionSets() {
    return permissionSets;
  }

  public List<Assignment> assignments() {
    return assignments;
  }

  /**
   * The customer managed policies this deployment creates, by every name each is created under
   * (a file that a manifest names twice is two policies).
   */
  public CustomerManagedPolicies cmps() {
    return cmps;
  }

  /** Permission sets by exact name. */
  public List<PermissionSet> permissionSetsNamed(String name) {
    return permissionSetsByName.getOrDefault(name, List.of());
  }

  /** Policy files named by manifests and the configuration (for missing-file checks). */
  public List<FileReference> fileReferences() {
    return deployment.fileReferences();
  }

  /**
   * The organization model merged from every organization source (the configuration's
   * {@code organization:} section, LZA {@code organization-config.yaml} and
   * {@code accounts-config.yaml}); empty when the run has none, in which case account and OU
   * references cannot be checked.
   */
  public Optional<Organization> org() {
    return Optional.ofNullable(org);
  }

  /** The SCPs attached to the root, OUs and accounts, and the chain of SCPs that reaches each. */
  public ScpAttachments scps() {
    return scps;
  }

  /** Policy sets (LZA {@code policySets[]}): managed policies deployed together to some accounts. */
  public List<PolicySet> policySets() {
    return deployment.policySets();
  }

  /**
   * The accounts a policy set deploys to, by {@link Organization#key}; null when the run has no
   * organization or one of the set's targets cannot be resolved.
   */
  public Set<String> accountsOf(PolicySet set) {
    return org == null ? null : org.accountsOf(set.targets());
  }

  /** Whether the policy's file is deployed by a policy set (rather than defined on its own). */
  public boolean deployedByPolicySet(PolicyDocument p) {
    return policySetFiles.contains(p.file().relativePath());
  }

  /** The assignments of a permission set, once per assignment entry (LZA writes one per principal). */
  public List<Assignment> assignmentsOf(PermissionSet ps) {
    if (ps.name() == null) return List.of();
    List<Assignment> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Assignment a : assignments) {
      if (a.permissionSet() == null || !a.permissionSet().text().equals(ps.name().text())) continue;
      if (seen.add(a.file().relativePath() + "#" + a.pointer())) out.add(a);
    }
    return out;
  }

  /** The customer managed policy references of a permission set: the attached ones, then the boundary's. */
  public static List<PermissionSet.CmpRef> cmpReferences(PermissionSet ps) {
    List<PermissionSet.CmpRef> out = new ArrayList<>(ps.customerManagedPolicies());
    if (ps.boundary() != null && ps.boundary().customerManaged() != null) out.add(ps.boundary().customerManaged());
    return out;
  }

  /** The IAM path of a defined managed policy ("/" when none is given). */
  public static String iamPath(PolicyDocument p) {
    return p.path() == null ? "/" : p.path().text();
  }

  /**
   * Whether a template defines a managed policy whose name is not a literal (computed, or generated
   * by CloudFormation), which any reference could resolve to.
   */
  public boolean hasUnnamedManagedPolicy() {
    return policies.stream().anyMatch(p -> p.uses().contains(PolicyUse.MANAGED) && p.name() == null
        && p.container() != null && p.container().startsWith("Resources."));
  }
}
