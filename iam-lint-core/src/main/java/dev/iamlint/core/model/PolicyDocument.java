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
    String sourceText) implements Document {

  public PolicyDocument {
    uses = Set.copyOf(uses);
    statements = List.copyOf(statements);
  }

  public PolicyDocument withReserialized(boolean r) {
    return new PolicyDocument(file, root, object, kind, uses, name, path, version, statementKey, statements, embedded,
        container, r, sourceText);
  }

  public PolicyDocument withSourceText(String text) {
    return new PolicyDocument(file, root, object, kind, uses, name, path, version, statementKey, statements, embedded,
        container, reserialized, text);
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
