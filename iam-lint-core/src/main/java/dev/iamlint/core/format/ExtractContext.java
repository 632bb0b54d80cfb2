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
   */
  public record Declared(PolicyKind kind, Set<PolicyUse> uses, Str name, Str path, boolean reserialized) {
    public Declared(PolicyKind kind, Set<PolicyUse> uses) {
      this(kind, uses, null, null, false);
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
