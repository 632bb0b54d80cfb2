package dev.iamlint.core.model;

import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy element that holds a string or a list of strings ({@code Action}, {@code Resource},
 * condition values). {@code values} has the string items only; items of other types are left to
 * the structure rule, which reads {@code node}.
 *
 * @param key the element's key (e.g. the {@code "Action"} key), for findings about the element
 * @param node the element's value as written
 */
public record ValueList(Str key, Node node, List<Str> values) {

  public ValueList {
    values = List.copyOf(values);
  }

  /**
   * Reads a string or an array of strings; numbers and booleans are taken as their text. A
   * CloudFormation {@code Fn::Sub} contributes its template, and a {@code Fn::Join} of a literal
   * delimiter and list the equivalent template ({@link Intrinsics#joinTemplate}, positioned at the
   * join); other intrinsic functions (whose value only CloudFormation knows) contribute nothing;
   * {@code Fn::If} contributes both branches.
   */
  public static ValueList of(Str key, Node node) {
    List<Str> out = new ArrayList<>();
    add(node, out, true);
    return new ValueList(key, node, out);
  }

  private static void add(Node node, List<Str> out, boolean top) {
    if (Intrinsics.isIntrinsic(node)) {
      ScalarNode sub = Intrinsics.subTemplate(node);
      if (sub != null) {
        out.add(Str.of(sub));
        return;
      }
      String joined = Intrinsics.joinTemplate(node);
      if (joined != null) {
        out.add(new Str(joined, node.span(), node.pointer())); // the join's text as a Fn::Sub would write it
        return;
      }
      List<Node> branches = Intrinsics.ifBranches(node);
      if (branches != null) for (Node b : branches) add(b, out, top);
      return;
    }
    if (node instanceof ScalarNode s) {
      if (s.type() != ScalarNode.Type.NULL) out.add(Str.of(s));
    } else if (node instanceof ArrayNode a && top) {
      for (Node item : a.items()) add(item, out, false);
    }
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * True when an item is a CloudFormation function whose value only CloudFormation knows
   * ({@code !GetAtt Role.Arn}, {@code !Ref Param}, {@code !ImportValue}, a {@code !Join} whose
   * delimiter or list is itself a function): {@code values} holds
   * nothing for it, so a rule must not read the element as naming only what {@code values} names.
   */
  public boolean hasComputed() {
    return computed(node, true);
  }

  private static boolean computed(Node node, boolean top) {
    if (Intrinsics.isIntrinsic(node)) {
      if (Intrinsics.subTemplate(node) != null || Intrinsics.joinTemplate(node) != null) return false;
      List<Node> branches = Intrinsics.ifBranches(node);
      if (branches == null) return true;
      for (Node b : branches) if (computed(b, top)) return true;
      return false;
    }
    if (node instanceof ArrayNode a && top) {
      for (Node item : a.items()) if (computed(item, false)) return true;
    }
    return false;
  }

  /** True when one value is exactly {@code *}. */
  public boolean hasStar() {
    return find("*") != null;
  }

  /** The first value equal to the text, or null. */
  public Str find(String text) {
    for (Str v : values) {
      if (v.text().equals(text)) return v;
    }
    return null;
  }

  public List<String> texts() {
    return values.stream().map(Str::text).toList();
  }
}
