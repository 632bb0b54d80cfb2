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
