package dev.iamlint.core.workspace;

import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.model.DeclaredPolicy;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.TargetDeclaration;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SCPs attached to the root, OUs and accounts, resolved against the organization: per
 * organization source (each describes its own organization, so counts per target are per
 * source) and merged across sources for the chain of SCPs that reaches a target; and the RCPs
 * attached the same way (merged only: they are evaluated, not counted). An attachment names its
 * policy by {@link #keyOf(PolicyDocument)}: the file's path for a policy file of its own, the
 * file's path and the resource for a policy inside a template (CloudFormation, org-formation).
 * Immutable.
 */
public final class ScpAttachments {

  /**
   * A root, OU or account of one organization source with its SCPs.
   *
   * @param name {@code Root}, the OU's path or the account's name (as written when the
   *     organization does not define it)
   * @param fullAwsAccess whether the AWS managed {@code FullAWSAccess} stays attached
   * @param file where the target is defined, or its {@code FullAWSAccess} removal written; may be null
   * @param scps the customer SCPs attached, each file (or name) once, in source order
   */
  public record Target(String source, OrgTarget.Kind kind, String name, boolean fullAwsAccess, SourceFile file,
      Span span, String pointer, List<PolicyAttachment> scps) {}

  private static final class Builder {
    final String source;
    final OrgTarget.Kind kind;
    final String name;
    boolean fullAwsAccess = true;
    SourceFile file;
    Span span;
    String pointer;
    final List<PolicyAttachment> scps = new ArrayList<>();

    Builder(String source, OrgTarget.Kind kind, String name) {
      this.source = source;
      this.kind = kind;
      this.name = name;
    }

    void define(SourceFile f, Span s, String p) {
      if (file == null && f != null && s != null) {
        file = f;
        span = s;
        pointer = p;
      }
    }

    void attach(PolicyAttachment a) {
      for (PolicyAttachment b : scps) {
        if (a.path() != null ? a.path().equals(b.path()) : a.label().equals(b.label())) return; // counted once
      }
      scps.add(a);
    }

    Target build() {
      return new Target(source, kind, name, fullAwsAccess, file, span, pointer, List.copyOf(scps));
    }
  }

  private final Organization org;
  private final List<Target> targets;
  private final Map<String, List<PolicyAttachment>> merged = new LinkedHashMap<>();
  private final Map<String, Target> firstByKey = new LinkedHashMap<>();
  private final Set<String> attachedPaths = new HashSet<>();
  private final List<DeclaredPolicy> declared;
  private final Map<String, PolicyDocument> documents = new HashMap<>();
  private final Map<String, List<PolicyAttachment>> rcps = new LinkedHashMap<>();
  private final Set<String> fullAccessRemoved = new HashSet<>();

  /**
   * One level of an account's chain: the root, an OU on its path, or the account itself, with the
   * SCPs (or RCPs) every source attaches there.
   *
   * @param name {@code Root}, the OU's path or the account's name
   * @param fullAwsAccess whether the AWS managed {@code FullAWSAccess} stays attached (always true for RCPs,
   *     whose {@code RCPFullAWSAccess} cannot be detached)
   * @param file where the target is defined, or null when no source defines it
   */
  public record Level(OrgTarget.Kind kind, String name, boolean fullAwsAccess, List<PolicyAttachment> policies,
      SourceFile file, Span span) {}

  /**
   * The key an attachment's {@link PolicyAttachment#path()} uses for a policy document: the
   * file's path (relative to the lint root) for a policy file, {@code path#container} for a
   * policy held by a template resource ({@code templates/org.yaml#Resources.DenyLeave}).
   */
  public static String keyOf(PolicyDocument p) {
    String rel = p.file().relativePath();
    String c = p.container();
    return c != null && (c.startsWith("Resources.") || c.startsWith("Organization.")) ? rel + "#" + c : rel;
  }

  ScpAttachments(Organization org, Deployment d, List<PolicyDocument> scps) {
    this.org = org;
    Map<String, Builder> bySourceAndKey = new LinkedHashMap<>();
    // Declarations first: config targets are declared whether or not they have SCPs.
    for (TargetDeclaration t : d.targetDeclarations()) {
      if (Texts.isTemplated(t.target().ref())) continue;
      Builder b = target(bySourceAndKey, t.source(), t.target());
      b.define(t.file(), t.span(), t.pointer());
      if (!t.fullAwsAccess()) b.fullAwsAccess = false;
    }
    for (PolicyAttachment a : d.attachments()) {
      if (a.kind() == PolicyKind.RCP) {
        if (a.path() != null) attachedPaths.add(a.path());
        if (a.target() != null && !Texts.isTemplated(a.target().ref())) {
          rcps.computeIfAbsent(resolvedKey(a.target()), k -> new ArrayList<>()).add(a);
        }
        continue;
      }
      if (a.kind() != PolicyKind.SCP) continue;
      if (a.path() != null) attachedPaths.add(a.path());
      // A templated target ({{ account }}) is filled in at deployment: attached, to a target not known here.
      if (a.target() != null && !Texts.isTemplated(a.target().ref())) target(bySourceAndKey, a.source(), a.target()).attach(a);
    }
    List<Target> built = new ArrayList<>();
    for (Map.Entry<String, Builder> e : bySourceAndKey.entrySet()) {
      Target t = e.getValue().build();
      built.add(t);
      String key = key(t.kind(), t.name());
      merged.computeIfAbsent(key, k -> new ArrayList<>()).addAll(t.scps());
      firstByKey.putIfAbsent(key, t);
      if (!t.fullAwsAccess()) fullAccessRemoved.add(key);
    }
    this.targets = List.copyOf(built);
    this.declared = d.declaredPolicies().stream().filter(p -> p.kind() == PolicyKind.SCP).toList();
    for (PolicyDocument p : scps) {
      // A policy parsed from a JSON string of a bare file is that file's policy too.
      if (!p.embedded() || keyOf(p).contains("#")) documents.putIfAbsent(keyOf(p), p);
    }
  }

  /** The key of a target reference once resolved against the organization (as {@link #target} does). */
  private String resolvedKey(OrgTarget t) {
    OrgTarget.Kind kind = t.kind();
    String name = t.ref();
    if (kind == OrgTarget.Kind.ORGANIZATIONAL_UNIT && (org != null ? org.isRoot(name) : name.equals(Organization.ROOT))) {
      kind = OrgTarget.Kind.ROOT;
    }
    if (kind == OrgTarget.Kind.ROOT) return key(kind, Organization.ROOT);
    if (org != null && kind == OrgTarget.Kind.ORGANIZATIONAL_UNIT) {
      name = org.ouByIdOrNameOrPath(name).map(Organization.Ou::path).orElse(name);
    } else if (org != null) {
      name = org.accountByIdOrName(name).map(Organization.Account::name).orElse(name);
    }
    return key(kind, name);
  }

  private Builder target(Map<String, Builder> all, String source, OrgTarget t) {
    OrgTarget.Kind kind = t.kind();
    String name = t.ref();
    SourceFile file = null;
    Span span = null;
    if (kind == OrgTarget.Kind.ORGANIZATIONAL_UNIT && (org != null ? org.isRoot(name) : name.equals(Organization.ROOT))) {
      kind = OrgTarget.Kind.ROOT;
    }
    if (kind == OrgTarget.Kind.ROOT) {
      name = Organization.ROOT;
    } else if (org != null && kind == OrgTarget.Kind.ORGANIZATIONAL_UNIT) {
      Organization.Ou ou = org.ouByIdOrNameOrPath(name).orElse(null);
      if (ou != null) {
        name = ou.path();
        file = ou.file();
        span = ou.span();
      }
    } else if (org != null) {
      Organization.Account a = org.accountByIdOrName(name).orElse(null);
      if (a != null) {
        name = a.name();
        file = a.file();
        span = a.span();
      }
    }
    OrgTarget.Kind k = kind;
    String n = name;
    Builder b = all.computeIfAbsent(source + "|" + key(kind, name), x -> new Builder(source, k, n));
    b.define(file, span, null);
    return b;
  }

  private static String key(OrgTarget.Kind kind, String name) {
    return switch (kind) {
      case ROOT -> "root";
      case ORGANIZATIONAL_UNIT -> "ou:" + name;
      case ACCOUNT -> "account:" + name;
    };
  }

  /** Every target of every source that has SCPs or a declaration. */
  public List<Target> targets() {
    return targets;
  }

  /** Whether the target is the management account, to which SCPs do not apply. */
  public boolean isManagement(Target t) {
    return t.kind() == OrgTarget.Kind.ACCOUNT && org != null && org.isManagement(t.name());
  }

  /** The SCP document an attachment names, or null when its content is not in the workspace. */
  public PolicyDocument document(PolicyAttachment a) {
    return a.path() == null ? null : documents.get(a.path());
  }

  /** Whether some source attaches the SCP file (path relative to the lint root) anywhere. */
  public boolean isAttached(String path) {
    return attachedPaths.contains(path);
  }

  /** SCP files organization sources declare for deployment, attached or not. */
  public List<DeclaredPolicy> declared() {
    return declared;
  }

  /** The SCPs every source attaches to a target; {@code name} as in {@link Target#name()}. */
  public List<PolicyAttachment> attachedTo(OrgTarget.Kind kind, String name) {
    return merged.getOrDefault(key(kind, name), List.of());
  }

  /** The first source's target of this kind and name (for where to report). */
  public Optional<Target> target(OrgTarget.Kind kind, String name) {
    return Optional.ofNullable(firstByKey.get(key(kind, name)));
  }

  /** The SCP documents attached to the root; empty when one's content is not in the workspace. */
  public Optional<List<PolicyDocument>> rootChain() {
    List<PolicyDocument> out = new ArrayList<>();
    return add(out, OrgTarget.Kind.ROOT, Organization.ROOT) ? Optional.of(out) : Optional.empty();
  }

  /**
   * The SCPs that reach an OU: those attached to the root, to every OU on its path and to the OU;
   * empty when the content of one of them is not in the workspace.
   */
  public Optional<List<PolicyDocument>> chain(Organization.Ou ou) {
    if (org == null) return Optional.empty();
    List<Organization.Ou> path = new ArrayList<>();
    for (Organization.Ou o = ou; o != null; o = o.parentPath() == null ? null : org.ouByIdOrNameOrPath(o.parentPath()).orElse(null)) {
      if (path.contains(o)) break; // a cycle
      path.add(0, o);
    }
    List<PolicyDocument> out = new ArrayList<>();
    if (!add(out, OrgTarget.Kind.ROOT, Organization.ROOT)) return Optional.empty();
    for (Organization.Ou o : path) if (!add(out, OrgTarget.Kind.ORGANIZATIONAL_UNIT, o.path())) return Optional.empty();
    return Optional.of(out);
  }

  /**
   * The SCPs that reach an account: its OU's chain (the root's when it is directly under the root
   * or its OU is not defined) and those attached to the account itself.
   */
  public Optional<List<PolicyDocument>> chain(Organization.Account a) {
    Organization.Ou ou = org == null || org.isRoot(a.ou()) ? null : org.ouByIdOrNameOrPath(a.ou()).orElse(null);
    Optional<List<PolicyDocument>> above = ou == null ? rootChain() : chain(ou);
    if (above.isEmpty()) return above;
    List<PolicyDocument> out = new ArrayList<>(above.get());
    return add(out, OrgTarget.Kind.ACCOUNT, a.name()) ? Optional.of(out) : Optional.empty();
  }

  private boolean add(List<PolicyDocument> chain, OrgTarget.Kind kind, String name) {
    for (PolicyAttachment a : attachedTo(kind, name)) {
      PolicyDocument p = document(a);
      if (p == null) return false;
      chain.add(p);
    }
    return true;
  }

  /**
   * The SCP levels of an account, from the root down: the root, every OU on its path, the account
   * (AWS: "every level ... from the root through each OU in the direct path to the account,
   * including the target account itself" must allow an action;
   * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html).
   * Empty without an organization.
   */
  public List<Level> scpLevels(Organization.Account a) {
    return levels(a, false);
  }

  /** The RCP levels of an account, from the root down (RCPFullAWSAccess is always attached). */
  public List<Level> rcpLevels(Organization.Account a) {
    return levels(a, true);
  }

  private List<Level> levels(Organization.Account a, boolean rcp) {
    if (org == null) return List.of();
    List<Level> out = new ArrayList<>();
    out.add(level(OrgTarget.Kind.ROOT, Organization.ROOT, null, null, rcp));
    Organization.Ou ou = org.isRoot(a.ou()) ? null : org.ouByIdOrNameOrPath(a.ou()).orElse(null);
    List<Organization.Ou> path = new ArrayList<>();
    for (Organization.Ou o = ou; o != null; o = o.parentPath() == null ? null : org.ouByIdOrNameOrPath(o.parentPath()).orElse(null)) {
      if (path.contains(o)) break; // a cycle
      path.add(0, o);
    }
    for (Organization.Ou o : path) out.add(level(OrgTarget.Kind.ORGANIZATIONAL_UNIT, o.path(), o.file(), o.span(), rcp));
    out.add(level(OrgTarget.Kind.ACCOUNT, a.name(), a.file(), a.span(), rcp));
    return out;
  }

  private Level level(OrgTarget.Kind kind, String name, SourceFile file, Span span, boolean rcp) {
    String key = key(kind, name);
    if (rcp) return new Level(kind, name, true, List.copyOf(rcps.getOrDefault(key, List.of())), file, span);
    Target t = firstByKey.get(key);
    if (file == null && t != null) {
      file = t.file();
      span = t.span();
    }
    return new Level(kind, name, !fullAccessRemoved.contains(key), List.copyOf(merged.getOrDefault(key, List.of())), file, span);
  }
}
