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
 * source) and merged across sources for the chain of SCPs that reaches a target. Immutable.
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
    }
    this.targets = List.copyOf(built);
    this.declared = d.declaredPolicies().stream().filter(p -> p.kind() == PolicyKind.SCP).toList();
    for (PolicyDocument p : scps) {
      if (!p.embedded()) documents.putIfAbsent(p.file().relativePath(), p);
    }
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
}
