package dev.iamlint.core.model;

import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the policy model from a node, tolerating every shape: whatever is not where the grammar
 * wants it is left out of the model and reported by the structure rule from the raw nodes. Part of
 * the model so that every reader of policies (the formats, and the analysis layer for the AWS
 * managed policies it evaluates) builds statements one way.
 */
public final class PolicyReader {

  private PolicyReader() {}

  public static PolicyDocument read(SourceFile file, Node root, PolicyKind kind, Set<PolicyUse> uses,
      Str name, Str path, boolean embedded, String container) {
    ObjectNode obj = root instanceof ObjectNode o ? o : null;
    Str version = null;
    Str statementKey = null;
    List<Statement> statements = new ArrayList<>();
    if (obj != null) {
      version = obj.get("Version").map(PolicyReader::scalarStr).orElse(null);
      ObjectNode.Entry st = obj.entry("Statement");
      if (st != null) {
        statementKey = Str.key(st, obj.pointer());
        addStatements(st.value(), statements, true, List.of());
      }
    }
    return new PolicyDocument(file, root, obj, kind, uses, name, path, version, statementKey, statements, embedded, container, false, null);
  }

  /**
   * A document made of one statement, where the source's property is a single statement rather
   * than a policy (CloudFormation {@code AWS::Events::EventBusPolicy.Statement}); a
   * {@code Fn::If} there gives one alternative per branch.
   */
  public static PolicyDocument readStatement(SourceFile file, Node statement, PolicyKind kind, Set<PolicyUse> uses,
      Str name, String container) {
    List<Statement> statements = new ArrayList<>();
    addStatements(statement, statements, false, List.of());
    return new PolicyDocument(file, statement, null, kind, uses, name, null, null, null, statements, false, container,
        false, null, PolicyDocument.Shape.STATEMENT, null);
  }

  /**
   * Statements of a {@code Statement} value: a list, a single object (valid IAM grammar; 21 AWS
   * managed policies use it), and in CloudFormation both branches of a {@code Fn::If}.
   */
  private static void addStatements(Node value, List<Statement> out, boolean top, List<Statement.Branch> in) {
    List<Node> branches = Intrinsics.ifBranches(value);
    if (branches != null) {
      // Only one branch is ever deployed: each statement remembers its branch, so uniqueness
      // checks do not compare alternatives.
      for (Node b : branches) {
        List<Statement.Branch> path = new ArrayList<>(in);
        path.add(new Statement.Branch(value.pointer(), b.pointer()));
        addStatements(b, out, top, path);
      }
    } else if (value instanceof ArrayNode a && top && !Intrinsics.isIntrinsic(a)) {
      for (Node item : a.items()) addStatements(item, out, false, in);
    } else if (value instanceof ObjectNode && !Intrinsics.isIntrinsic(value)) {
      out.add(statement(out.size(), value).withBranches(in));
    } else if (!top && !Intrinsics.isIntrinsic(value)) {
      out.add(statement(out.size(), value).withBranches(in)); // not an object: the structure rule reports it
    }
  }

  /** A string, number or boolean scalar as text (YAML may turn a value into a number). */
  public static Str scalarStr(Node n) {
    return n instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL ? Str.of(s) : null;
  }

  static Statement statement(int index, Node node) {
    if (!(node instanceof ObjectNode o)) {
      return new Statement(index, node, null, null, null, null, null, null, null, null, null, null, List.of());
    }
    String p = o.pointer();
    Str sid = null;
    Str effect = null;
    Principal principal = null;
    Principal notPrincipal = null;
    ValueList action = null;
    ValueList notAction = null;
    ValueList resource = null;
    ValueList notResource = null;
    Str condition = null;
    List<Condition> conditions = new ArrayList<>();
    for (ObjectNode.Entry e : o.entries()) {
      Str key = Str.key(e, p);
      switch (e.key()) {
        case "Sid" -> sid = scalarStr(e.value());
        case "Effect" -> effect = scalarStr(e.value());
        case "Principal" -> principal = principal(key, e.value());
        case "NotPrincipal" -> notPrincipal = principal(key, e.value());
        case "Action" -> action = ValueList.of(key, e.value());
        case "NotAction" -> notAction = ValueList.of(key, e.value());
        case "Resource" -> resource = ValueList.of(key, e.value());
        case "NotResource" -> notResource = ValueList.of(key, e.value());
        case "Condition" -> {
          condition = key;
          conditions.clear();
          if (e.value() instanceof ObjectNode c) conditions.addAll(conditions(c));
        }
        default -> { }
      }
    }
    return new Statement(index, node, o, sid, effect, principal, notPrincipal, action, notAction, resource,
        notResource, condition, conditions);
  }

  static Principal principal(Str key, Node value) {
    Str star = null;
    Map<String, ValueList> byType = new LinkedHashMap<>();
    if (value instanceof ScalarNode s && s.isString() && s.text().equals("*")) {
      star = Str.of(s);
    } else if (value instanceof ObjectNode o) {
      for (ObjectNode.Entry e : o.entries()) byType.put(e.key(), ValueList.of(Str.key(e, o.pointer()), e.value()));
    }
    return new Principal(key, value, star, byType);
  }

  static List<Condition> conditions(ObjectNode block) {
    List<Condition> out = new ArrayList<>();
    for (ObjectNode.Entry op : block.entries()) {
      Str opName = Str.key(op, block.pointer());
      ConditionOperator parsed = ConditionOperator.parse(op.key());
      if (op.value() instanceof ObjectNode keys) {
        for (ObjectNode.Entry k : keys.entries()) {
          out.add(new Condition(opName, parsed, Str.key(k, keys.pointer()), ValueList.of(Str.key(k, keys.pointer()), k.value())));
        }
      }
    }
    return out;
  }

  /** A {@code Statement} key, or a {@code Version} that is a policy version. */
  public static boolean looksLikePolicy(ObjectNode o) {
    if (o.has("Statement")) return true;
    return o.get("Version").filter(v -> v instanceof ScalarNode s && s.text().startsWith("20")).isPresent()
        && !o.has("Resources") && !o.has("AWSTemplateFormatVersion");
  }
}
