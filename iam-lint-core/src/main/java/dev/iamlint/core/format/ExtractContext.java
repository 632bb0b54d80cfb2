package dev.iamlint.core.format;

import dev.iamlint.core.model.Document;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyReader;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.EmbeddedJson;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What formats work with in the extract phase for one file: the file, a declared kind (if
 * any), and where found documents and problems go. Not thread-safe; one per file.
 *
 * @param declared the kind the configuration declares for this file (kinds globs, or an SCP file
 *     attached in the organization section), or null to infer it from content
 */
public final class ExtractContext {

  /**
   * A kind and deployment declared for a file by configuration or a manifest, with the name
   * (and IAM path) the file's policy is deployed under, when the declaration gives one.
   *
   * @param names every name manifests deploy the file under, with where each is written (see
   *     {@link PolicyDocument#deployedNames()}); {@code name} and {@code path} are the first
   */
  public record Declared(PolicyKind kind, Set<PolicyUse> uses, Str name, Str path, boolean reserialized,
      List<PolicyDocument.DeployedName> names) {

    public Declared {
      uses = Set.copyOf(uses);
      names = names == null ? List.of() : List.copyOf(names);
    }

    public Declared(PolicyKind kind, Set<PolicyUse> uses, Str name, Str path, boolean reserialized) {
      this(kind, uses, name, path, reserialized, List.of());
    }

    public Declared(PolicyKind kind, Set<PolicyUse> uses) {
      this(kind, uses, null, null, false);
    }

    /**
     * This declaration and a later one of the same file. A file declared under another name (two
     * LZA {@code policySets[].policies[]} entries with one {@code policy:}) is deployed under both:
     * the names add up, and the policy is a permissions boundary only when every declaration uses
     * it only as one. A later declaration of another kind, or without a new name, changes nothing
     * (the first manifest wins).
     */
    public Declared and(Declared later) {
      if (later.kind != kind || later.names.isEmpty()) return this;
      List<PolicyDocument.DeployedName> all = new ArrayList<>(names);
      boolean added = false;
      for (PolicyDocument.DeployedName n : later.names) {
        if (all.stream().noneMatch(m -> same(m, n))) {
          all.add(n);
          added = true;
        }
      }
      if (!added) return this;
      Set<PolicyUse> merged = new HashSet<>(uses);
      merged.addAll(later.uses);
      if (!uses.contains(PolicyUse.BOUNDARY) || !later.uses.contains(PolicyUse.BOUNDARY)) merged.remove(PolicyUse.BOUNDARY);
      Str first = name != null ? name : later.name;
      Str firstPath = name != null ? path : later.path;
      return new Declared(kind, merged, first, firstPath, reserialized && later.reserialized, all);
    }

    private static boolean same(PolicyDocument.DeployedName a, PolicyDocument.DeployedName b) {
      return a.name().text().equals(b.name().text())
          && (a.path() == null ? "/" : a.path().text()).equals(b.path() == null ? "/" : b.path().text());
    }
  }

  private final SourceFile file;
  private final Declared declared;
  private final Limits limits;
  private final List<Document> documents = new ArrayList<>();
  private final List<LoadProblem> problems = new ArrayList<>();

  public ExtractContext(SourceFile file, Declared declared, Limits limits) {
    this.file = file;
    this.declared = declared;
    this.limits = limits;
  }

  public SourceFile file() {
    return file;
  }

  public Declared declared() {
    return declared;
  }

  public void add(Document d) {
    documents.add(d);
  }

  public List<Document> documents() {
    return List.copyOf(documents);
  }

  /** Problems found while extracting (e.g. an embedded JSON policy that does not parse). */
  public List<LoadProblem> problems() {
    return List.copyOf(problems);
  }

  /**
   * The policy document held by a property value: an object; a JSON string (CloudFormation
   * allows {@code PolicyDocument: '{...}'} in some places, {@code InlinePolicy} and SCP
   * {@code Content} take strings); or {@code Fn::Sub} / {@code !Sub} of a JSON string. Returns
   * null for values that need CloudFormation to evaluate ({@code Fn::If}, {@code Ref}) and for
   * unparsable strings (their problem is recorded).
   */
  public Node policyRoot(Node value) {
    if (value instanceof ObjectNode o) {
      if (o.entries().size() == 1 && o.entries().get(0).key().startsWith("Fn::")) {
        ObjectNode.Entry fn = o.entries().get(0);
        if (fn.key().equals("Fn::Sub")) {
          Node arg = fn.value() instanceof dev.iamlint.core.source.ArrayNode a && !a.items().isEmpty() ? a.items().get(0) : fn.value();
          return embedded(arg);
        }
        return null;
      }
      return o;
    }
    if (value instanceof ScalarNode s && s.isString() && (s.tag() == null || s.tag().equals("Sub"))) {
      return embedded(s);
    }
    return null;
  }

  private Node embedded(Node n) {
    if (!(n instanceof ScalarNode s) || !EmbeddedJson.looksLikeJson(s)) return null;
    EmbeddedJson.Result r = EmbeddedJson.parse(s, limits);
    for (LoadProblem p : r.problems()) {
      problems.add(new LoadProblem(p.kind(), "policy in a string: " + p.message(), p.span(), p.pointer(), p.related()));
    }
    return r.root();
  }

  /** Builds and adds a policy document, embedded or not; returns it (null if none). */
  public PolicyDocument addPolicy(Node value, PolicyKind kind, Set<PolicyUse> uses, Str name, Str path, String container) {
    PolicyDocument p = policy(value, kind, uses, name, path, container);
    if (p != null) add(p);
    return p;
  }

  /** Builds a policy document without adding it (e.g. a permission set's inline policy). */
  public PolicyDocument policy(Node value, PolicyKind kind, Set<PolicyUse> uses, Str name, Str path, String container) {
    Node root = policyRoot(value);
    if (root == null) return null;
    PolicyDocument p = PolicyReader.read(file, root, kind, uses, name, path, root != value, container);
    return root == value ? p : p.withSourceText(embeddedString(value));
  }

  /** The string an embedded policy was parsed from (a scalar, or the first argument of Fn::Sub). */
  private static String embeddedString(Node value) {
    Node n = value;
    if (value instanceof ObjectNode o && !o.entries().isEmpty()) {
      n = o.entries().get(0).value();
      if (n instanceof dev.iamlint.core.source.ArrayNode a && !a.items().isEmpty()) n = a.items().get(0);
    }
    return n instanceof ScalarNode s ? s.text() : null;
  }
}
