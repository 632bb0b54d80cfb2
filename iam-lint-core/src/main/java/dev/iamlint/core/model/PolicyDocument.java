package dev.iamlint.core.model;

import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.util.List;
import java.util.Set;

/**
 * A policy document ({@code Version} + {@code Statement}) wherever it was found: a file of its
 * own, a CloudFormation property, a permission set's inline policy, an SCP.
 *
 * @param root the document as written (may be a non-object; the structure rule says so)
 * @param object the document when it is an object, else null
 * @param kind identity, trust, resource, SCP or RCP
 * @param uses how it is deployed, when the source says (e.g. {@code AWS::IAM::Policy} on users
 *     and roles has two uses); empty when unknown
 * @param name the policy's declared name (ManagedPolicyName, SCP Name, PolicyName), or null
 * @param path the declared IAM path of a managed policy, or null
 * @param version the {@code Version} value, or null when absent or not a string
 * @param statementKey the {@code Statement} key, or null when absent
 * @param statements the statements (one for a single-object {@code Statement})
 * @param embedded true when parsed from a JSON string inside the file
 * @param container a short description of where it sits, e.g. {@code Resources.AdminPolicy}
 * @param reserialized true when the tool that deploys the file parses it and sends AWS compact
 *     JSON (Landing Zone Accelerator does for SCPs and policy sets), so whitespace as written
 *     never reaches AWS
 * @param sourceText the JSON text of a policy embedded in a string (what AWS receives), else null
 * @param shape what the source holds: a whole document, one statement (CloudFormation
 *     {@code AWS::Events::EventBusPolicy.Statement}), or a grant written as resource properties
 *     ({@code AWS::Lambda::Permission}) that the reader turned into one statement
 * @param inference how the kind was inferred when nothing declared it, or null when the source
 *     or the configuration says what the document is
 * @param deployedNames every name a manifest creates this document's policy under, each with the
 *     file that writes it (LZA creates one managed policy per {@code policySets[].policies[]}
 *     entry, so two entries naming one file are two policies with one content); empty when the
 *     name, if any, comes from the document's own source
 */
public record PolicyDocument(
    SourceFile file,
    Node root,
    ObjectNode object,
    PolicyKind kind,
    Set<PolicyUse> uses,
    Str name,
    Str path,
    Str version,
    Str statementKey,
    List<Statement> statements,
    boolean embedded,
    String container,
    boolean reserialized,
    String sourceText,
    Shape shape,
    KindInference inference,
    List<DeployedName> deployedNames) implements Document {

  /**
   * A name (and IAM path, or null for {@code /}) a manifest gives the policy, with the file where
   * that name is written.
   */
  public record DeployedName(Str name, Str path, SourceFile file) {}

  /** What a policy's source holds; rules about the document's own grammar apply to {@link #DOCUMENT} only. */
  public enum Shape {
    /** A policy document ({@code Version}, {@code Statement}). */
    DOCUMENT,
    /** A single statement object where the source's property is one statement. */
    STATEMENT,
    /** Properties that AWS turns into a policy statement (the model is built from them). */
    SYNTHESIZED
  }

  /**
   * The kind of a document nothing declared, read from its path and content.
   *
   * @param reason why this kind, for the note that says which kind was assumed
   * @param alternatives other kinds the document could plausibly be; a structural error that one
   *     of them would not have is not reported
   */
  public record KindInference(String reason, Set<PolicyKind> alternatives) {
    public KindInference {
      alternatives = Set.copyOf(alternatives);
    }
  }

  public PolicyDocument {
    uses = Set.copyOf(uses);
    statements = List.copyOf(statements);
    if (shape == null) shape = Shape.DOCUMENT;
    deployedNames = deployedNames == null ? List.of() : List.copyOf(deployedNames);
  }

  public PolicyDocument(SourceFile file, Node root, ObjectNode object, PolicyKind kind, Set<PolicyUse> uses, Str name,
      Str path, Str version, Str statementKey, List<Statement> statements, boolean embedded, String container,
      boolean reserialized, String sourceText, Shape shape, KindInference inference) {
    this(file, root, object, kind, uses, name, path, version, statementKey, statements, embedded, container,
        reserialized, sourceText, shape, inference, List.of());
  }

  public PolicyDocument(SourceFile file, Node root, ObjectNode object, PolicyKind kind, Set<PolicyUse> uses, Str name,
      Str path, Str version, Str statementKey, List<Statement> statements, boolean embedded, String container,
      boolean reserialized, String sourceText) {
    this(file, root, object, kind, uses, name, path, version, statementKey, statements, embedded, container,
        reserialized, sourceText, Shape.DOCUMENT, null);
  }

  public PolicyDocument withShape(Shape s) {
    return new PolicyDocument(file, root, object, kind, uses, name, path, version, statementKey, statements, embedded,
        container, reserialized, sourceText, s, inference, deployedNames);
  }

  public PolicyDocument withInference(KindInference i) {
    return new PolicyDocument(file, root, object, kind, uses, name, path, version, statementKey, statements, embedded,
        container, reserialized, sourceText, shape, i, deployedNames);
  }

  /** True when the document may be of kind {@code k}: its kind, or a plausible alternative of an inferred kind. */
  public boolean mayBe(PolicyKind k) {
    return kind == k || (inference != null && inference.alternatives().contains(k));
  }

  /** True for a whole policy document as written (not one statement, not synthesized). */
  public boolean isWholeDocument() {
    return shape == Shape.DOCUMENT;
  }

  /**
   * True when the policy is used only as a permissions boundary: it limits and grants nothing, so
   * the rules about what a policy grants (wildcards, escalation, MFA) do not apply to it.
   */
  public boolean boundaryOnly() {
    return uses.contains(PolicyUse.BOUNDARY);
  }

  /**
   * True when the policy grants nothing: a permissions boundary ({@link #boundaryOnly}) or a VPC
   * endpoint policy ({@link PolicyUse#VPC_ENDPOINT}), which only limit what other policies grant.
   * The rules about what a policy grants or to whom (wildcards, escalation, public principals)
   * do not apply to it.
   */
  public boolean grantsNothing() {
    return boundaryOnly() || uses.contains(PolicyUse.VPC_ENDPOINT);
  }

  public PolicyDocument withReserialized(boolean r) {
    return new PolicyDocument(file, root, object, kind, uses, name, path, version, statementKey, statements, embedded,
        container, r, sourceText, shape, inference, deployedNames);
  }

  public PolicyDocument withSourceText(String text) {
    return new PolicyDocument(file, root, object, kind, uses, name, path, version, statementKey, statements, embedded,
        container, reserialized, text, shape, inference, deployedNames);
  }

  public PolicyDocument withDeployedNames(List<DeployedName> names) {
    return new PolicyDocument(file, root, object, kind, uses, name, path, version, statementKey, statements, embedded,
        container, reserialized, sourceText, shape, inference, names);
  }

  @Override
  public Span span() {
    return root.span();
  }

  @Override
  public String pointer() {
    return root.pointer();
  }

  @Override
  public String displayName() {
    return name != null ? name.text() : container;
  }
}
