package dev.iamlint.core.format.orgformation;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.Intrinsics;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.workspace.Organization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * org-formation's {@code organization.yml}: a template whose {@code Organization} section holds
 * {@code OC::ORG::MasterAccount} (the management account), {@code OC::ORG::OrganizationRoot},
 * {@code OC::ORG::OrganizationalUnit} ({@code OrganizationalUnitName}, child {@code Accounts} and
 * {@code OrganizationalUnits} by {@code !Ref}), {@code OC::ORG::Account} ({@code AccountName},
 * {@code AccountId}) and {@code OC::ORG::ServiceControlPolicy} ({@code PolicyName},
 * {@code PolicyDocument}); the root, OUs and accounts attach SCPs through their
 * {@code ServiceControlPolicies} ({@code !Ref} or a list of them). Accounts no OU lists are
 * directly under the root. Scan: the organization and the attachments; extract: the SCPs, named
 * by file and resource ({@code organization.yml#Organization.DenyLeaveSCP}).
 */
public final class OrgFormationFormat implements InputFormat {

  private static final String FORMAT = "org-formation";

  @Override
  public String id() {
    return FORMAT;
  }

  /**
   * An organization file roots a deployment: each describes one organization (its
   * {@code OC::ORG::MasterAccount}), and the task files beside and below it deploy to that one.
   * org-formation names it freely but its own tooling writes {@code organization.yml}
   * ({@code org-formation init organization.yml}); only files of that name are read here, before
   * the run parses anything, so a repository of org-formation's examples is several organizations.
   */
  @Override
  public boolean rootsDeployment(SourceFile file) {
    String name = file.path().getFileName().toString();
    if (!name.equals("organization.yml") && !name.equals("organization.yaml")) return false;
    byte[] bytes = Loader.bytesOrNull(file.path(), ORGANIZATION_FILE_MAX_BYTES);
    return bytes != null && new String(bytes, StandardCharsets.UTF_8).contains("OC::ORG::MasterAccount");
  }

  /** Larger than any organization file; a larger one is not read here (and is no deployment root). */
  private static final long ORGANIZATION_FILE_MAX_BYTES = 4L * 1024 * 1024;

  @Override
  public List<String> contextSignals() {
    return List.of("OC::ORG::");
  }

  /** The {@code Organization} section when the root is an org-formation organization file. */
  private static ObjectNode organization(Node root) {
    if (!(root instanceof ObjectNode o)) return null;
    ObjectNode org = o.object("Organization").orElse(null);
    if (org == null) return null;
    for (ObjectNode.Entry e : org.entries()) {
      if (e.value() instanceof ObjectNode r && type(r).startsWith("OC::ORG::")) return org;
    }
    return null;
  }

  private static String type(ObjectNode r) {
    return r.string("Type").map(ScalarNode::text).orElse("");
  }

  private static ObjectNode props(ObjectNode r) {
    return r.object("Properties").orElse(null);
  }

  @Override
  public void scan(LoadedFile file, ScanContext ctx) {
    for (Node doc : file.documents()) {
      ObjectNode org = organization(doc);
      if (org != null) scan(file, org, ctx);
    }
  }

  private static void scan(LoadedFile file, ObjectNode section, ScanContext ctx) {
    Organization.Builder org = ctx.organization().source(file.file());
    Map<String, ObjectNode> byId = new LinkedHashMap<>();
    for (ObjectNode.Entry e : section.entries()) {
      if (e.value() instanceof ObjectNode r) byId.put(e.key(), r);
    }
    // Parents come from the children lists of OUs.
    Map<String, String> parentOf = new HashMap<>();
    for (Map.Entry<String, ObjectNode> e : byId.entrySet()) {
      if (!type(e.getValue()).equals("OC::ORG::OrganizationalUnit") || props(e.getValue()) == null) continue;
      ObjectNode p = props(e.getValue());
      for (String key : List.of("Accounts", "OrganizationalUnits")) {
        for (Node n : items(p.get(key).orElse(null))) {
          String ref = Intrinsics.ref(n);
          if (ref != null) parentOf.putIfAbsent(ref, e.getKey());
        }
      }
    }
    Map<String, OrgTarget> targets = new HashMap<>();
    for (Map.Entry<String, ObjectNode> e : byId.entrySet()) {
      ObjectNode r = e.getValue();
      ObjectNode p = props(r);
      switch (type(r)) {
        case "OC::ORG::OrganizationRoot" -> {
          targets.put(e.getKey(), OrgTarget.root());
          // Where the root is declared, for findings about it: the Type that makes it the root.
          Node t = r.get("Type").orElse(r);
          ctx.declareRoot(file.file(), t.span(), t.pointer());
        }
        case "OC::ORG::OrganizationalUnit" -> {
          String path = path(e.getKey(), byId, parentOf, new ArrayList<>());
          if (path == null) continue;
          int slash = path.lastIndexOf('/');
          org.ou(null, slash < 0 ? path : path.substring(slash + 1), path, slash < 0 ? null : path.substring(0, slash),
              file.file(), r.span());
          targets.put(e.getKey(), new OrgTarget(OrgTarget.Kind.ORGANIZATIONAL_UNIT, path));
        }
        case "OC::ORG::Account", "OC::ORG::MasterAccount" -> {
          if (p == null) continue;
          String name = text(p, "AccountName");
          String id = text(p, "AccountId");
          if (name == null && id == null) continue;
          String parent = parentOf.get(e.getKey());
          String ou = parent == null ? Organization.ROOT : path(parent, byId, parentOf, new ArrayList<>());
          org.account(new Organization.Account(id, name != null ? name : id, ou, file.file(), r.span()));
          if (type(r).equals("OC::ORG::MasterAccount")) {
            org.management(name);
            org.management(id);
          }
          targets.put(e.getKey(), new OrgTarget(OrgTarget.Kind.ACCOUNT, name != null ? name : id));
        }
        default -> { }
      }
    }
    if (!targets.containsValue(OrgTarget.root())) {
      // No OrganizationRoot resource: the root is implicit, and the organization is the one whose
      // management account this file declares, so findings about the root point at that Type.
      for (ObjectNode r : byId.values()) {
        if (!type(r).equals("OC::ORG::MasterAccount")) continue;
        Node t = r.get("Type").orElse(r);
        ctx.declareRoot(file.file(), t.span(), t.pointer());
        break;
      }
    }
    String source = file.file().relativePath();
    for (Map.Entry<String, ObjectNode> e : byId.entrySet()) {
      OrgTarget target = targets.get(e.getKey());
      ObjectNode p = props(e.getValue());
      if (target == null || p == null) continue;
      for (Node n : items(p.get("ServiceControlPolicies").orElse(null))) {
        String ref = Intrinsics.ref(n);
        ObjectNode scp = ref == null ? null : byId.get(ref);
        if (scp == null || !type(scp).equals("OC::ORG::ServiceControlPolicy")) continue;
        String label = props(scp) == null ? ref : props(scp).string("PolicyName").map(ScalarNode::text).orElse(ref);
        ctx.attach(new PolicyAttachment(source, target, PolicyKind.SCP, source + "#Organization." + ref, label,
            file.file(), n.span(), n.pointer()));
      }
    }
  }

  /** An OU's path of names; null when its name is not a literal or its parents loop. */
  private static String path(String id, Map<String, ObjectNode> byId, Map<String, String> parentOf, List<String> seen) {
    if (seen.contains(id)) return null;
    seen.add(id);
    ObjectNode r = byId.get(id);
    ObjectNode p = r == null ? null : props(r);
    String name = p == null ? null : text(p, "OrganizationalUnitName");
    if (name == null) return null;
    String parent = parentOf.get(id);
    if (parent == null) return name;
    String parentPath = path(parent, byId, parentOf, seen);
    return parentPath == null ? null : parentPath + "/" + name;
  }

  private static List<Node> items(Node n) {
    if (n == null) return List.of();
    return n instanceof ArrayNode a ? a.items() : List.of(n);
  }

  private static String text(ObjectNode o, String key) {
    return o.get(key).filter(n -> n instanceof ScalarNode s && s.tag() == null && s.type() != ScalarNode.Type.NULL
        && !s.text().isBlank()).map(n -> ((ScalarNode) n).text()).orElse(null);
  }

  @Override
  public boolean extract(Node root, ExtractContext ctx) {
    ObjectNode org = organization(root);
    if (org == null || ((ObjectNode) root).has("Resources")) return false;
    for (ObjectNode.Entry e : org.entries()) {
      if (!(e.value() instanceof ObjectNode r) || !type(r).equals("OC::ORG::ServiceControlPolicy")) continue;
      ObjectNode p = props(r);
      if (p == null) continue;
      Str name = p.string("PolicyName").map(Str::of).orElse(null);
      p.get("PolicyDocument").ifPresent(d -> ctx.addPolicy(d, PolicyKind.SCP, Set.of(PolicyUse.SCP), name, null,
          "Organization." + e.key()));
    }
    return true;
  }
}
