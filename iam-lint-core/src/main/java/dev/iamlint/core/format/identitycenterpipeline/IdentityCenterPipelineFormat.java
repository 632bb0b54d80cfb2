package dev.iamlint.core.format.identitycenterpipeline;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.format.Nodes;
import dev.iamlint.core.format.PolicyReader;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file formats of AWS's "IAM Identity Center pipeline" sample
 * (aws-samples/aws-iam-identity-center-pipeline): one JSON file per permission set with
 * {@code Name}, {@code SessionDuration}, {@code ManagedPolicies}, {@code CustomerManagedPolicies},
 * {@code PermissionBoundary} ({@code PolicyType} AWS|CUSTOMER, {@code Policy}) and
 * {@code CustomPolicy} (the inline policy); and an assignments file
 * {@code {"Assignments": [{"Target": ["name:account-id", "ou-name:ou-id", "Root"], ...}]}}.
 */
public final class IdentityCenterPipelineFormat implements InputFormat {

  static final String FORMAT = "identity-center-pipeline";
  private static final Set<String> PERMISSION_SET_KEYS =
      Set.of("ManagedPolicies", "CustomerManagedPolicies", "CustomPolicy", "PermissionBoundary", "SessionDuration");

  @Override
  public String id() {
    return FORMAT;
  }

  @Override
  public List<String> contextSignals() {
    return List.of("Assignments", "ManagedPolicies", "CustomerManagedPolicies", "CustomPolicy", "PermissionBoundary",
        "SessionDuration");
  }

  @Override
  public boolean extract(Node root, ExtractContext ctx) {
    if (!(root instanceof ObjectNode o)) return false;
    if (o.get("Assignments").filter(ArrayNode.class::isInstance).isPresent()) {
      for (Node item : ((ArrayNode) o.get("Assignments").get()).items()) {
        if (item instanceof ObjectNode a) ctx.add(assignment(a, ctx));
      }
      return true;
    }
    if (o.has("Name") && !o.has("Statement") && o.keys().stream().anyMatch(PERMISSION_SET_KEYS::contains)) {
      ctx.add(permissionSet(o, ctx));
      return true;
    }
    return false;
  }

  private static PermissionSet permissionSet(ObjectNode o, ExtractContext ctx) {
    Str name = o.get("Name").map(PolicyReader::scalarStr).orElse(null);
    List<Str> managed = Nodes.strings(o.get("ManagedPolicies").orElse(null));
    List<PermissionSet.CmpRef> cmps = new ArrayList<>();
    o.get("CustomerManagedPolicies").ifPresent(n -> {
      if (n instanceof ArrayNode a) {
        for (Node item : a.items()) {
          if (item instanceof ScalarNode s && s.isString()) {
            cmps.add(new PermissionSet.CmpRef(Str.of(s), null, s.span()));
          } else if (item instanceof ObjectNode ref) {
            cmps.add(new PermissionSet.CmpRef(ref.get("Name").map(PolicyReader::scalarStr).orElse(null),
                ref.get("Path").map(PolicyReader::scalarStr).orElse(null), ref.span()));
          }
        }
      }
    });
    PermissionSet.Boundary boundary = o.object("PermissionBoundary").filter(b -> !b.entries().isEmpty()).map(b -> {
      Str type = b.get("PolicyType").map(PolicyReader::scalarStr).orElse(null);
      Str policy = b.get("Policy").map(PolicyReader::scalarStr).orElse(null);
      if (type != null && type.text().equalsIgnoreCase("CUSTOMER") && policy != null) {
        return new PermissionSet.Boundary(null, new PermissionSet.CmpRef(policy, null, policy.span()), b.span());
      }
      return new PermissionSet.Boundary(policy, null, b.span());
    }).orElse(null);
    PolicyDocument inline = o.get("CustomPolicy")
        .filter(n -> !(n instanceof ObjectNode c && c.entries().isEmpty()))
        .filter(n -> !(n instanceof ScalarNode s && s.text().isBlank()))
        .map(n -> ctx.policy(n, PolicyKind.IDENTITY, Set.of(PolicyUse.PERMISSION_SET_INLINE), name, null,
            (name == null ? "permission set" : name.text()) + " CustomPolicy"))
        .orElse(null);
    return new PermissionSet(ctx.file(), o, name, o.get("SessionDuration").orElse(null), managed, cmps, inline, boundary,
        Map.of(), FORMAT);
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
