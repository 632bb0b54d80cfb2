package dev.iamlint.core.model;

import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudFormation intrinsic functions inside policies: {@code {"Ref": ...}}, {@code {"Fn::Sub":
 * ...}}, {@code {"Fn::If": [cond, a, b]}} and their YAML short forms ({@code !Ref}, {@code !Sub},
 * {@code !If}, ...). CloudFormation evaluates them before IAM sees the policy, so a linter must
 * accept them wherever a value may stand, and read what it can: the template of a {@code Fn::Sub}
 * and both branches of a {@code Fn::If}.
 */
public final class Intrinsics {

  private Intrinsics() {}

  /** True for an intrinsic function call (or any other YAML-tagged value such as org-formation's). */
  public static boolean isIntrinsic(Node n) {
    if (n.tag() != null && !n.tag().startsWith("tag:yaml.org,2002:")) return true;
    if (n instanceof ObjectNode o && o.entries().size() == 1) {
      String k = o.entries().get(0).key();
      return k.equals("Ref") || k.startsWith("Fn::");
    }
    return false;
  }

  /**
   * The template string of a {@code Fn::Sub} / {@code !Sub} (the first argument in the list
   * form), or null for anything else.
   */
  public static ScalarNode subTemplate(Node n) {
    if (n instanceof ScalarNode s && "Sub".equals(s.tag()) && s.isString()) return s;
    if (n instanceof ArrayNode a && "Sub".equals(a.tag()) && !a.items().isEmpty()
        && a.items().get(0) instanceof ScalarNode s && s.isString()) {
      return s;
    }
    if (n instanceof ObjectNode o && o.entries().size() == 1 && o.entries().get(0).key().equals("Fn::Sub")) {
      Node arg = o.entries().get(0).value();
      if (arg instanceof ArrayNode a && !a.items().isEmpty()) arg = a.items().get(0);
      if (arg instanceof ScalarNode s && s.isString()) return s;
    }
    return null;
  }

  /**
   * A {@code Fn::Join} / {@code !Join} read as the template of the {@code Fn::Sub} that would give
   * the same value, or null when the join cannot be read so (its delimiter is not a literal string,
   * its list is not a literal list, or an item is a list or an object). Older templates write ARNs
   * as joins where newer ones use {@code Fn::Sub}; {@code !Join ['', ['arn:aws:rds:', !Ref
   * AWS::Region, ':db:x']]} is {@code arn:aws:rds:${AWS::Region}:db:x}. Items: a literal as
   * written; {@code Ref X} as {@code ${X}}; a {@code Fn::Sub} as its template;
   * {@code Fn::GetAtt R.A} as {@code ${R.A}} (the {@code Fn::Sub} spelling of it); a join that can
   * be read so, as its template; any other function (whose value only CloudFormation knows) as
   * {@code ${Fn::Name}}, a substitution that stands for any text, as {@code ${...}} does in
   * every template ({@link dev.iamlint.core.analysis.Templates}).
   */
  public static String joinTemplate(Node n) {
    Node args = null;
    if (n instanceof ArrayNode a && "Join".equals(a.tag())) args = a;
    if (n instanceof ObjectNode o && o.entries().size() == 1 && o.entries().get(0).key().equals("Fn::Join")) {
      args = o.entries().get(0).value();
    }
    if (!(args instanceof ArrayNode a) || a.items().size() != 2) return null;
    if (!(a.items().get(0) instanceof ScalarNode d) || isIntrinsic(d) || !d.isString()) return null;
    if (!(a.items().get(1) instanceof ArrayNode list) || isIntrinsic(list)) return null;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < list.items().size(); i++) {
      if (i > 0) out.append(d.text());
      String piece = joinPiece(list.items().get(i));
      if (piece == null) return null;
      out.append(piece);
    }
    return out.toString();
  }

  /** One item of a join's list as template text ({@link #joinTemplate}), or null when it cannot be. */
  private static String joinPiece(Node piece) {
    if (!isIntrinsic(piece)) {
      return piece instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL ? s.text() : null;
    }
    String ref = ref(piece);
    if (ref != null) return "${" + ref + "}";
    ScalarNode sub = subTemplate(piece);
    if (sub != null) return sub.text();
    String getAtt = getAtt(piece);
    if (getAtt != null) return "${" + getAtt + "}";
    String joined = joinTemplate(piece);
    if (joined != null) return joined;
    return "${" + functionName(piece) + "}";
  }

  /** {@code Resource.Attribute} of a {@code Fn::GetAtt} / {@code !GetAtt} of literal names, or null. */
  private static String getAtt(Node n) {
    Node arg = getAttArgument(n);
    if (arg instanceof ScalarNode s && s.isString() && !s.text().isEmpty()) return s.text();
    if (arg instanceof ArrayNode a && a.items().size() == 2 && a.items().get(0) instanceof ScalarNode r
        && r.isString() && a.items().get(1) instanceof ScalarNode at && at.isString()) {
      return r.text() + "." + at.text();
    }
    return null;
  }

  /**
   * The logical id a {@code Ref X} or a {@code GetAtt X.Attribute} (any form) names, or null:
   * the resource whose value the function reads.
   */
  public static String referencedResource(Node n) {
    String r = ref(n);
    if (r != null) return r;
    Node arg = getAttArgument(n);
    if (arg instanceof ArrayNode a && !a.items().isEmpty() && a.items().get(0) instanceof ScalarNode first) return first.text();
    if (arg instanceof ScalarNode s) {
      int dot = s.text().indexOf('.');
      return dot > 0 ? s.text().substring(0, dot) : null;
    }
    return null;
  }

  /** The argument of a {@code Fn::GetAtt} / {@code !GetAtt} ({@code X.A} or {@code [X, A]}), or null. */
  private static Node getAttArgument(Node n) {
    if ("GetAtt".equals(n.tag())) return n;
    if (n instanceof ObjectNode o && o.entries().size() == 1 && o.entries().get(0).key().equals("Fn::GetAtt")) {
      return o.entries().get(0).value();
    }
    return null;
  }

  /**
   * The function's name as the long form writes it ({@code Fn::ImportValue}), for a placeholder
   * that reads as a template substitution, never as an IAM policy variable (which has one colon).
   */
  private static String functionName(Node n) {
    if (n instanceof ObjectNode o && o.entries().size() == 1 && o.entries().get(0).key().startsWith("Fn::")) {
      return o.entries().get(0).key();
    }
    String tag = n.tag() == null ? "" : n.tag();
    return "Fn::" + tag.replace("}", "").replace(":", "");
  }

  /**
   * The branches of a {@code Fn::If} / {@code !If} ({@code [condition, whenTrue, whenFalse]}),
   * without {@code AWS::NoValue}; null when the node is not a {@code Fn::If}.
   */
  public static List<Node> ifBranches(Node n) {
    Node args = null;
    if (n instanceof ArrayNode a && "If".equals(a.tag())) args = a;
    if (n instanceof ObjectNode o && o.entries().size() == 1 && o.entries().get(0).key().equals("Fn::If")) {
      args = o.entries().get(0).value();
    }
    if (!(args instanceof ArrayNode a) || a.items().size() != 3) return null;
    List<Node> out = new ArrayList<>(2);
    for (Node b : a.items().subList(1, 3)) {
      if (!isNoValue(b)) out.add(b);
    }
    return out;
  }

  private static boolean isNoValue(Node n) {
    return "AWS::NoValue".equals(ref(n));
  }

  /** The name a {@code !Ref X} or {@code {"Ref": "X"}} refers to (a logical id or pseudo parameter), or null. */
  public static String ref(Node n) {
    if (n instanceof ScalarNode s && "Ref".equals(s.tag())) return s.text();
    if (n instanceof ObjectNode o && o.entries().size() == 1 && o.entries().get(0).key().equals("Ref")
        && o.entries().get(0).value() instanceof ScalarNode s) {
      return s.text();
    }
    return null;
  }
}
