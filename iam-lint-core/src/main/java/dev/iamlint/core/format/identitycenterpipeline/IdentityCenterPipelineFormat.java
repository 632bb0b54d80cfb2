package dev.iamlint.core.format.identitycenterpipeline;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.format.Nodes;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyReader;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Permission sets as JSON files named after the Identity Center API's fields, in two dialects
 * that share {@code Name} and {@code SessionDuration}:
 *
 * <ul>
 *   <li>AWS's "IAM Identity Center pipeline" sample (aws-samples/aws-iam-identity-center-pipeline):
 *       {@code ManagedPolicies}, {@code CustomerManagedPolicies}, {@code PermissionBoundary}
 *       ({@code PolicyType} AWS|CUSTOMER, {@code Policy}) and {@code CustomPolicy} (the inline
 *       policy); and an assignments file
 *       {@code {"Assignments": [{"Target": ["name:account-id", "ou-name:ou-id", "Root"], ...}]}}.
 *   <li>The Identity Center API and CLI shape (sso-admin API reference: PermissionSet,
 *       PutInlinePolicyToPermissionSet, AttachManagedPolicyToPermissionSet,
 *       ListManagedPoliciesInPermissionSet's {@code AttachedManagedPolicies} of {@code {Arn, Name}},
 *       CustomerManagedPolicyReference {@code {Name, Path}}, PermissionsBoundary): {@code Description},
 *       {@code RelayState}, {@code InlinePolicy} (an object or a JSON string),
 *       {@code ManagedPolicies} or {@code AttachedManagedPolicies} (ARNs or {@code {Arn, Name}}),
 *       {@code CustomerManagedPolicyReferences}, {@code PermissionsBoundary}
 *       ({@code {CustomerManagedPolicyReference: {Name, Path}}} or {@code {ManagedPolicyArn}}),
 *       {@code Tags}. A file holds one permission set or a list of them.
 *   <li>The JSON templates of the aws-ia {@code permission-sets} Terraform module (its README's
 *       schema and {@code locals.tf}), which AWS's permission-sets pipeline sample deploys:
 *       {@code CustomerPolicies} (names, path {@code /}), {@code PermissionBoundary}
 *       ({@code ManagedPolicy} ARN, {@code CustomerPolicy} name; empty strings mean none),
 *       {@code CustomPolicy}, {@code Tags} as a map, and the permission set's own
 *       {@code Assignments} ({@code principal}, {@code type}; {@code all_accounts}: every active
 *       account but the management account; {@code account_id}; {@code account_ou}: the accounts
 *       below an OU id; {@code account_tag}: accounts by tag).
 * </ul>
 */
public final class IdentityCenterPipelineFormat implements InputFormat {

  static final String FORMAT = "identity-center-pipeline";
  static final String API_FORMAT = "identity-center-api";
  static final String MODULE_FORMAT = "aws-ia-permission-sets";
  private static final Set<String> PERMISSION_SET_KEYS = Set.of("ManagedPolicies", "CustomerManagedPolicies",
      "CustomerPolicies", "CustomPolicy", "PermissionBoundary", "SessionDuration");
  /** Keys of the API shape that the pipeline sample does not use. */
  private static final Set<String> API_KEYS = Set.of("InlinePolicy", "AttachedManagedPolicies",
      "CustomerManagedPolicyReferences", "PermissionsBoundary", "RelayState", "PermissionSetArn");

  @Override
  public String id() {
    return FORMAT;
  }

  @Override
  public List<String> contextSignals() {
    return List.of("Assignments", "ManagedPolicies", "CustomerManagedPolicies", "CustomerPolicies", "CustomPolicy",
        "PermissionBoundary",
        "SessionDuration", "InlinePolicy", "CustomerManagedPolicyReferences", "AttachedManagedPolicies",
        "PermissionsBoundary");
  }

  @Override
  public boolean extract(Node root, ExtractContext ctx) {
    if (root instanceof ArrayNode list) return extractList(list, ctx);
    if (!(root instanceof ObjectNode o)) return false;
    if (isPermissionSet(o)) {
      PermissionSet ps = permissionSet(o, ctx);
      ctx.add(ps);
      // The aws-ia module's template holds the permission set's own assignments.
      for (ObjectNode a : Nodes.objects(o, "Assignments")) {
        if (a.has("principal")) ctx.add(moduleAssignment(a, ps.name(), ctx));
      }
      return true;
    }
    if (o.get("Assignments").filter(ArrayNode.class::isInstance).isPresent()) {
      for (Node item : ((ArrayNode) o.get("Assignments").get()).items()) {
        if (item instanceof ObjectNode a) ctx.add(assignment(a, ctx));
      }
      return true;
    }
    // The CLI's output wraps them: describe-permission-set gives {"PermissionSet": {...}}.
    if (o.entries().size() == 1 && o.entries().get(0).value() instanceof ObjectNode inner
        && o.entries().get(0).key().equals("PermissionSet") && isPermissionSet(inner)) {
      ctx.add(permissionSet(inner, ctx));
      return true;
    }
    if (o.entries().size() == 1 && o.entries().get(0).key().equals("PermissionSets")
        && o.entries().get(0).value() instanceof ArrayNode list) {
      return extractList(list, ctx);
    }
    return false;
  }

  /** A list of permission sets (every item one). */
  private static boolean extractList(ArrayNode a, ExtractContext ctx) {
    if (a.items().isEmpty()) return false;
    for (Node item : a.items()) {
      if (!(item instanceof ObjectNode o) || !isPermissionSet(o)) return false;
    }
    for (Node item : a.items()) ctx.add(permissionSet((ObjectNode) item, ctx));
    return true;
  }

  private static boolean isPermissionSet(ObjectNode o) {
    return o.has("Name") && !o.has("Statement")
        && o.keys().stream().anyMatch(k -> PERMISSION_SET_KEYS.contains(k) || API_KEYS.contains(k));
  }

  private static PermissionSet permissionSet(ObjectNode o, ExtractContext ctx) {
    Str name = o.get("Name").map(PolicyReader::scalarStr).orElse(null);
    boolean api = o.keys().stream().anyMatch(API_KEYS::contains);
    boolean module = isModuleTemplate(o);
    List<Str> managed = new ArrayList<>();
    for (String key : List.of("ManagedPolicies", "AttachedManagedPolicies")) {
      Node n = o.get(key).orElse(null);
      managed.addAll(Nodes.strings(n));
      // {Arn, Name} objects (ListManagedPoliciesInPermissionSet): the ARN identifies the policy.
      for (ObjectNode ref : Nodes.objects(n)) {
        Str arn = ref.get("Arn").map(Str::ofString).orElse(null);
        if (arn != null) managed.add(arn);
      }
    }
    List<PermissionSet.CmpRef> cmps = new ArrayList<>();
    for (String key : List.of("CustomerManagedPolicies", "CustomerManagedPolicyReferences", "CustomerPolicies")) {
      o.get(key).ifPresent(n -> {
        if (n instanceof ArrayNode a) {
          for (Node item : a.items()) {
            if (item instanceof ScalarNode s && s.isString()) {
              cmps.add(new PermissionSet.CmpRef(Str.of(s), null, s.span()));
            } else if (item instanceof ObjectNode ref) {
              cmps.add(cmpRef(ref));
            }
          }
        }
      });
    }
    // The module's PermissionBoundary holds ManagedPolicy/CustomerPolicy, the pipeline sample's PolicyType/Policy.
    PermissionSet.Boundary boundary = module
        ? o.object("PermissionBoundary").map(IdentityCenterPipelineFormat::moduleBoundary).orElse(null)
        : o.object("PermissionBoundary").filter(b -> !b.entries().isEmpty()).map(b -> {
      Str type = b.get("PolicyType").map(PolicyReader::scalarStr).orElse(null);
      Str policy = b.get("Policy").map(PolicyReader::scalarStr).orElse(null);
      if (type != null && type.text().equalsIgnoreCase("CUSTOMER") && policy != null) {
        return new PermissionSet.Boundary(null, new PermissionSet.CmpRef(policy, null, policy.span()), b.span());
      }
      return new PermissionSet.Boundary(policy, null, b.span());
    }).orElse(null);
    if (boundary == null && !module) {
      boundary = o.object("PermissionsBoundary").filter(b -> !b.entries().isEmpty()).map(b -> new PermissionSet.Boundary(
          b.get("ManagedPolicyArn").map(PolicyReader::scalarStr).orElse(null),
          b.object("CustomerManagedPolicyReference").map(IdentityCenterPipelineFormat::cmpRef).orElse(null), b.span()))
          .orElse(null);
    }
    PolicyDocument inline = null;
    for (String key : List.of("CustomPolicy", "InlinePolicy")) {
      if (inline != null) break;
      inline = o.get(key)
          .filter(n -> !(n instanceof ObjectNode c && c.entries().isEmpty()))
          .filter(n -> !(n instanceof ScalarNode s && (s.text().isBlank() || s.text().strip().equals("{}"))))
          .map(n -> ctx.policy(n, PolicyKind.IDENTITY, Set.of(PolicyUse.PERMISSION_SET_INLINE), name, null,
              (name == null ? "permission set" : name.text()) + " " + key))
          .orElse(null);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (ObjectNode t : Nodes.objects(o, "Tags")) {
      Str k = t.get("Key").map(PolicyReader::scalarStr).orElse(null);
      Str v = t.get("Value").map(PolicyReader::scalarStr).orElse(null);
      if (k != null) tags.put(k.text(), v == null ? "" : v.text());
    }
    // The module's tags are a map.
    o.object("Tags").ifPresent(t -> {
      for (ObjectNode.Entry e : t.entries()) {
        if (e.value() instanceof ScalarNode v) tags.put(e.key(), v.text());
      }
    });
    return new PermissionSet(ctx.file(), o, name, o.get("SessionDuration").orElse(null), managed, cmps, inline, boundary,
        tags, api ? API_FORMAT : module ? MODULE_FORMAT : FORMAT);
  }

  /**
   * The aws-ia module's keys: {@code CustomerPolicies}, a {@code PermissionBoundary} of
   * ManagedPolicy/CustomerPolicy, or assignments by {@code principal}.
   */
  private static boolean isModuleTemplate(ObjectNode o) {
    return o.has("CustomerPolicies")
        || o.object("PermissionBoundary").filter(b -> b.has("ManagedPolicy") || b.has("CustomerPolicy")).isPresent()
        || Nodes.objects(o, "Assignments").stream().anyMatch(a -> a.has("principal"));
  }

  /** The module's boundary: either part may be an empty string (none); both empty, no boundary (its main.tf). */
  private static PermissionSet.Boundary moduleBoundary(ObjectNode b) {
    Str managed = b.get("ManagedPolicy").map(PolicyReader::scalarStr).filter(v -> !v.text().isBlank()).orElse(null);
    Str customer = b.get("CustomerPolicy").map(PolicyReader::scalarStr).filter(v -> !v.text().isBlank()).orElse(null);
    if (managed == null && customer == null) return null;
    return new PermissionSet.Boundary(managed, customer == null ? null : new PermissionSet.CmpRef(customer, null, customer.span()),
        b.span());
  }

  /**
   * An assignment of the module's template ({@code locals.tf}): {@code all_accounts} is every
   * active account but the management account (the root's descendants); otherwise the union of
   * {@code account_id}, the accounts below each {@code account_ou} (an OU id) and the accounts
   * with an {@code account_tag}.
   */
  private static Assignment moduleAssignment(ObjectNode a, Str permissionSet, ExtractContext ctx) {
    List<Assignment.Target> targets = new ArrayList<>();
    if (a.get("all_accounts").orElse(null) instanceof ScalarNode all && "true".equalsIgnoreCase(all.text())) {
      targets.add(new Assignment.Target(Assignment.Type.ROOT, Str.of(all), "Root", null));
    } else {
      for (Str id : Nodes.values(a.get("account_id").orElse(null))) {
        targets.add(new Assignment.Target(Assignment.Type.ACCOUNT, id, id.text(), id.text()));
      }
      for (Str ou : Nodes.values(a.get("account_ou").orElse(null))) {
        boolean id = ou.text().startsWith("ou-") || ou.text().startsWith("r-");
        targets.add(new Assignment.Target(id ? Assignment.Type.ORGANIZATIONAL_UNIT_RECURSIVE : Assignment.Type.OTHER,
            ou, ou.text(), ou.text()));
      }
      a.object("account_tag").ifPresent(t -> {
        for (ObjectNode.Entry e : t.entries()) {
          if (e.value() instanceof ScalarNode v) targets.add(new Assignment.Target(Assignment.Type.OTHER, Str.of(v), e.key(), null));
        }
      });
    }
    return new Assignment(ctx.file(), a, permissionSet, a.get("type").map(PolicyReader::scalarStr).orElse(null),
        a.get("principal").map(PolicyReader::scalarStr).orElse(null), targets, MODULE_FORMAT);
  }

  private static PermissionSet.CmpRef cmpRef(ObjectNode ref) {
    return new PermissionSet.CmpRef(ref.get("Name").map(PolicyReader::scalarStr).orElse(null),
        ref.get("Path").map(PolicyReader::scalarStr).orElse(null), ref.span());
  }

  private static Assignment assignment(ObjectNode a, ExtractContext ctx) {
    List<Assignment.Target> targets = new ArrayList<>();
    for (Str t : Nodes.strings(a.get("Target").orElse(null))) targets.add(target(t));
    return new Assignment(ctx.file(), a, a.get("PermissionSetName").map(PolicyReader::scalarStr).orElse(null),
        a.get("PrincipalType").map(PolicyReader::scalarStr).orElse(null),
        a.get("PrincipalId").map(PolicyReader::scalarStr).orElse(null), targets, FORMAT);
  }

  /** {@code Root}, {@code name:123456789012}, {@code name:ou-xxxx-yyyyyyyy}, {@code name:ou-...:*}. */
  private static Assignment.Target target(Str t) {
    String text = t.text();
    if (text.equalsIgnoreCase("Root")) return new Assignment.Target(Assignment.Type.ROOT, t, "Root", null);
    String[] parts = text.split(":");
    String name = parts[0];
    String id = parts.length > 1 ? parts[1] : parts[0];
    if (id.matches("\\d{12}")) return new Assignment.Target(Assignment.Type.ACCOUNT, t, name, id);
    if (id.startsWith("ou-") || id.startsWith("r-")) {
      boolean recursive = parts.length > 2 && parts[2].equals("*");
      return new Assignment.Target(recursive ? Assignment.Type.ORGANIZATIONAL_UNIT_RECURSIVE : Assignment.Type.ORGANIZATIONAL_UNIT,
          t, name, id);
    }
    return new Assignment.Target(Assignment.Type.OTHER, t, name, id);
  }
}
