package dev.iamlint.core.format.ssoextensions;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.format.Nodes;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Permission-set files of the "IAM Identity Center extensions" solution
 * (aws-samples/aws-iam-identity-center-extensions): {@code permissionSetName},
 * {@code sessionDurationInMinutes} (minutes, usually a string), {@code managedPoliciesArnList},
 * {@code inlinePolicyDocument} (an object; {@code {}} for none), {@code customerManagedPoliciesList}
 * ({@code [{Name, Path}]} or names), {@code permissionsBoundary}
 * ({@code {ManagedPolicyArn}} or {@code {CustomerManagedPolicyReference: {Name, Path}}}, with an
 * optional {@code PolicyType}) and {@code tags} ({@code [{Key, Value}]}). Keys inside the list and
 * boundary objects are matched ignoring case, as the solution's samples and docs spell them both
 * ways.
 */
public final class SsoExtensionsFormat implements InputFormat {

  static final String FORMAT = "sso-extensions";
  private static final Set<String> PERMISSION_SET_KEYS = Set.of("sessionDurationInMinutes", "managedPoliciesArnList",
      "inlinePolicyDocument", "customerManagedPoliciesList", "permissionsBoundary", "relayState");

  @Override
  public String id() {
    return FORMAT;
  }

  @Override
  public List<String> contextSignals() {
    return List.of("permissionSetName");
  }

  @Override
  public boolean extract(Node root, ExtractContext ctx) {
    if (!(root instanceof ObjectNode o)) return false;
    if (!o.has("permissionSetName") || o.has("Statement")) return false;
    if (o.keys().stream().noneMatch(PERMISSION_SET_KEYS::contains)) return false;
    ctx.add(permissionSet(o, ctx));
    return true;
  }

  private static PermissionSet permissionSet(ObjectNode o, ExtractContext ctx) {
    Str name = o.get("permissionSetName").map(Str::ofString).orElse(null);
    List<Str> managed = Nodes.strings(o.get("managedPoliciesArnList").orElse(null));
    List<PermissionSet.CmpRef> cmps = new ArrayList<>();
    if (o.get("customerManagedPoliciesList").orElse(null) instanceof ArrayNode a) {
      for (Node item : a.items()) {
        if (item instanceof ScalarNode s && s.isString()) {
          cmps.add(new PermissionSet.CmpRef(Str.of(s), null, s.span()));
        } else if (item instanceof ObjectNode ref) {
          cmps.add(cmpRef(ref));
        }
      }
    }
    PermissionSet.Boundary boundary = o.object("permissionsBoundary").map(SsoExtensionsFormat::boundary).orElse(null);
    PolicyDocument inline = o.get("inlinePolicyDocument")
        .filter(n -> !(n instanceof ObjectNode c && c.entries().isEmpty()))
        .filter(n -> !(n instanceof ScalarNode s && (s.text() == null || s.text().isBlank() || s.text().equals("{}"))))
        .map(n -> ctx.policy(n, PolicyKind.IDENTITY, Set.of(PolicyUse.PERMISSION_SET_INLINE), name, null,
            (name == null ? "permission set" : name.text()) + " inlinePolicyDocument"))
        .orElse(null);
    Map<String, String> tags = new LinkedHashMap<>();
    if (o.get("tags").orElse(null) instanceof ArrayNode a) {
      for (Node t : a.items()) {
        if (t instanceof ObjectNode to) {
          Str k = str(to, "Key");
          Str v = str(to, "Value");
          if (k != null) tags.put(k.text(), v == null ? "" : v.text());
        }
      }
    }
    return new PermissionSet(ctx.file(), o, name, o.get("sessionDurationInMinutes").orElse(null), managed, cmps, inline,
        boundary, tags, FORMAT);
  }

  /** {@code {ManagedPolicyArn}} or {@code {CustomerManagedPolicyReference: {Name, Path}}}; null when neither. */
  private static PermissionSet.Boundary boundary(ObjectNode b) {
    Str arn = str(b, "ManagedPolicyArn");
    ObjectNode.Entry ref = b.entryIgnoreCase("CustomerManagedPolicyReference");
    PermissionSet.CmpRef cmp = ref != null && ref.value() instanceof ObjectNode r ? cmpRef(r) : null;
    if (arn == null && cmp == null) return null;
    Str type = str(b, "PolicyType");
    if (type != null && type.text().equalsIgnoreCase("CUSTOMER") && cmp != null) arn = null;
    if (type != null && type.text().equalsIgnoreCase("AWS") && arn != null) cmp = null;
    return new PermissionSet.Boundary(arn, cmp, b.span());
  }

  private static PermissionSet.CmpRef cmpRef(ObjectNode ref) {
    return new PermissionSet.CmpRef(str(ref, "Name"), str(ref, "Path"), ref.span());
  }

  /** A string value under a key matched ignoring case, or null. */
  private static Str str(ObjectNode o, String key) {
    ObjectNode.Entry e = o.entryIgnoreCase(key);
    return e == null ? null : Str.ofString(e.value());
  }
}
