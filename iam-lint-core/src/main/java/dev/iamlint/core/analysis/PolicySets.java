package dev.iamlint.core.analysis;

import dev.iamlint.core.model.Intrinsics;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy sets of a CloudFormation template: for each IAM user and group it defines, every
 * identity policy of the template that applies to it. AWS evaluates all of a principal's policies
 * together (IAM User Guide, "Policy evaluation logic": an explicit Deny in any applicable policy
 * overrides an Allow), and a user gets the policies of its groups as well ("IAM user groups": "the
 * users in the group automatically have the permissions that are assigned to the group"). So a
 * Deny in one policy of the set bounds a grant in another.
 *
 * <p>A policy applies to a principal when it is the principal's inline policy
 * ({@code AWS::IAM::User}/{@code Group} {@code Policies}); an {@code AWS::IAM::Policy},
 * {@code AWS::IAM::ManagedPolicy}, {@code UserPolicy} or {@code GroupPolicy} names it
 * ({@code Users}, {@code Groups}, {@code UserName}, {@code GroupName}: a {@code Ref} to the
 * resource or its literal name); or the principal lists the managed policy in
 * {@code ManagedPolicyArns} ({@code Ref}). A user is in a group by its {@code Groups} property or
 * an {@code AWS::IAM::UserToGroupAddition}.
 *
 * <p>Policies are matched to the template by their container ({@code Resources.<id>} or
 * {@code Resources.<id>.Policies[<i>]}). What the template cannot tell (a principal given by
 * {@code Fn::ImportValue}, a policy attached outside the template) is unknown: the policy is then
 * its own set for that principal.
 */
public final class PolicySets {

  /** A principal whose attachments the template cannot tell: the policy stands alone for it. */
  private static final String UNKNOWN = "?";

  private final Map<String, Set<String>> principalsOf; // container -> principal keys
  private final Map<String, Set<String>> groupsOf; // user key -> group keys
  private final Map<String, PolicyDocument> byContainer;

  private PolicySets(Map<String, Set<String>> principalsOf, Map<String, Set<String>> groupsOf,
      Map<String, PolicyDocument> byContainer) {
    this.principalsOf = principalsOf;
    this.groupsOf = groupsOf;
    this.byContainer = byContainer;
  }

  /** The policy sets of one file, given the identity policies the engine extracted from it. */
  public static PolicySets of(LoadedFile file, List<PolicyDocument> policies) {
    Map<String, PolicyDocument> byContainer = new LinkedHashMap<>();
    for (PolicyDocument p : policies) {
      if (p.container() != null) byContainer.putIfAbsent(p.container(), p);
    }
    Map<String, Set<String>> principalsOf = new HashMap<>();
    Map<String, Set<String>> groupsOf = new HashMap<>();
    for (Node doc : file.documents()) {
      if (doc instanceof ObjectNode root && root.object("Resources").isPresent()) {
        read(root.object("Resources").get(), principalsOf, groupsOf);
      }
    }
    return new PolicySets(principalsOf, groupsOf, byContainer);
  }

  /**
   * The sets the policy belongs to, one per principal it applies to: each the policies (this one
   * included) that apply to that principal. A single set holding the policy alone when the
   * template says nothing of its principals.
   */
  public List<List<PolicyDocument>> setsOf(PolicyDocument p) {
    Set<String> principals = p.container() == null ? Set.of() : principalsOf.getOrDefault(p.container(), Set.of());
    if (principals.isEmpty()) return List.of(List.of(p));
    List<List<PolicyDocument>> out = new ArrayList<>();
    for (String principal : principals) {
      if (principal.equals(UNKNOWN)) {
        out.add(List.of(p));
        continue;
      }
      Set<String> reach = new LinkedHashSet<>();
      reach.add(principal);
      reach.addAll(groupsOf.getOrDefault(principal, Set.of()));
      List<PolicyDocument> set = new ArrayList<>();
      set.add(p);
      principalsOf.forEach((container, ps) -> {
        PolicyDocument q = byContainer.get(container);
        if (q == null || q == p) return;
        for (String x : ps) {
          if (reach.contains(x)) {
            set.add(q);
            return;
          }
        }
      });
      out.add(List.copyOf(set));
    }
    return List.copyOf(out);
  }

  private static void read(ObjectNode resources, Map<String, Set<String>> principalsOf, Map<String, Set<String>> groupsOf) {
    // Names first: a Users/Groups entry may give the user's or group's literal name.
    Map<String, String> byName = new HashMap<>();
    for (ObjectNode.Entry e : resources.entries()) {
      if (!(e.value() instanceof ObjectNode r)) continue;
      String type = type(r);
      ObjectNode props = r.object("Properties").orElse(null);
      if (props == null) continue;
      if ("AWS::IAM::User".equals(type)) literal(props.get("UserName").orElse(null), n -> byName.put("user:" + n, "user:" + e.key()));
      if ("AWS::IAM::Group".equals(type)) literal(props.get("GroupName").orElse(null), n -> byName.put("group:" + n, "group:" + e.key()));
    }
    for (ObjectNode.Entry e : resources.entries()) {
      if (!(e.value() instanceof ObjectNode r)) continue;
      String type = type(r);
      ObjectNode props = r.object("Properties").orElse(null);
      if (type == null || props == null) continue;
      String where = "Resources." + e.key();
      switch (type) {
        case "AWS::IAM::User", "AWS::IAM::Group" -> {
          String self = (type.endsWith("User") ? "user:" : "group:") + e.key();
          props.get("Policies").filter(ArrayNode.class::isInstance).ifPresent(a -> {
            for (int i = 0; i < ((ArrayNode) a).items().size(); i++) add(principalsOf, where + ".Policies[" + i + "]", self);
          });
          for (Node arn : items(props.get("ManagedPolicyArns").orElse(null))) {
            String ref = Intrinsics.ref(arn);
            if (ref != null) add(principalsOf, "Resources." + ref, self);
          }
          if (type.endsWith("User")) {
            for (Node g : items(props.get("Groups").orElse(null))) add(groupsOf, self, principal("group:", g, byName));
          }
        }
        case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" -> {
          for (Node u : items(props.get("Users").orElse(null))) add(principalsOf, where, principal("user:", u, byName));
          for (Node g : items(props.get("Groups").orElse(null))) add(principalsOf, where, principal("group:", g, byName));
        }
        case "AWS::IAM::UserPolicy" -> props.get("UserName").ifPresent(u -> add(principalsOf, where, principal("user:", u, byName)));
        case "AWS::IAM::GroupPolicy" -> props.get("GroupName").ifPresent(g -> add(principalsOf, where, principal("group:", g, byName)));
        case "AWS::IAM::UserToGroupAddition" -> {
          String group = props.get("GroupName").map(g -> principal("group:", g, byName)).orElse(UNKNOWN);
          for (Node u : items(props.get("Users").orElse(null))) add(groupsOf, principal("user:", u, byName), group);
        }
        default -> { }
      }
    }
  }

  /** A principal key: {@code user:<logical id>} for a Ref or a known name, {@code user:name:<name>} for another literal. */
  private static String principal(String kind, Node n, Map<String, String> byName) {
    String ref = Intrinsics.ref(n);
    if (ref != null) return kind + ref;
    if (n instanceof ScalarNode s && s.tag() == null && s.type() == ScalarNode.Type.STRING) {
      return byName.getOrDefault(kind + s.text(), kind + "name:" + s.text());
    }
    return UNKNOWN;
  }

  private static void add(Map<String, Set<String>> map, String key, String value) {
    map.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(value);
  }

  private static String type(ObjectNode r) {
    return r.get("Type").filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).text()).orElse(null);
  }

  private static void literal(Node n, java.util.function.Consumer<String> to) {
    if (n instanceof ScalarNode s && s.tag() == null && s.type() == ScalarNode.Type.STRING) to.accept(s.text());
  }

  /** The items of a list value; an intrinsic or a scalar gives one item (unknown if not a Ref). */
  private static List<Node> items(Node n) {
    if (n == null) return List.of();
    if (n instanceof ArrayNode a && a.tag() == null) return a.items();
    return List.of(n);
  }
}
