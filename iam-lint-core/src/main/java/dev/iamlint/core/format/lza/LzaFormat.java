package dev.iamlint.core.format.lza;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.format.Nodes;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyReader;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Landing Zone Accelerator (LZA). Scan: the organization ({@code organization-config.yaml},
 * {@code accounts-config.yaml}), its SCP attachments, the files the configuration names and the
 * policy sets (see {@link LzaOrganization}, {@link LzaDeclarations}). Extract: {@code iam-config.yaml}, a root with {@code identityCenter} and/or
 * {@code policySets} / {@code roleSets}. Each {@code identityCenter.identityCenterPermissionSets[]}
 * becomes a {@link PermissionSet} ({@code name}, {@code sessionDuration} in minutes,
 * {@code policies.awsManaged}, {@code policies.customerManaged} and
 * {@code policies.acceleratorManaged} (customer managed policies by name, default path),
 * {@code policies.permissionsBoundary}); the {@code policies.inlinePolicy} is a file path, and
 * that file is linted as its own document (declared in the scan), so the inline policy is left
 * null here. Each {@code identityCenter.identityCenterAssignments[]} becomes one
 * {@link Assignment} per entry of {@code principals} (or one from the deprecated
 * {@code principalType}/{@code principalId} when {@code principals} is absent), targeting
 * {@code deploymentTargets.accounts} and {@code deploymentTargets.organizationalUnits}.
 * {@code roleSets} are recognised but not yet turned into documents ({@code assumedBy} is not a
 * policy document).
 */
public final class LzaFormat implements InputFormat {

  static final String FORMAT = "lza";

  @Override
  public String id() {
    return FORMAT;
  }

  @Override
  public List<String> contextSignals() {
    return List.of("identityCenter", "policySets", "roleSets", "serviceControlPolicies", "resourceControlPolicies",
        "organizationalUnits", "mandatoryAccounts", "workloadAccounts");
  }

  /**
   * LZA reads its configuration from fixed file names in one folder, its configuration repository
   * (LZA user guide, "Configuration File Includes", which lists them, and the typedocs'
   * {@code organization-config}); each such folder is one landing zone, which the three that
   * describe access name.
   */
  @Override
  public boolean rootsDeployment(SourceFile file) {
    return DEPLOYMENT_FILES.contains(file.path().getFileName().toString());
  }

  /** Its configuration files are LZA's whatever they hold ({@code customizations-config.yaml} has no access key). */
  @Override
  public boolean ownsByName(String fileName) {
    return CONFIGURATION_FILES.contains(fileName);
  }

  private static final Set<String> CONFIGURATION_FILES = Set.of("accounts-config.yaml", "customizations-config.yaml",
      "global-config.yaml", "iam-config.yaml", "network-config.yaml", "organization-config.yaml",
      "replacements-config.yaml", "security-config.yaml");

  private static final Set<String> DEPLOYMENT_FILES = Set.of("accounts-config.yaml", "organization-config.yaml", "iam-config.yaml");

  @Override
  public void scan(LoadedFile file, ScanContext ctx) {
    for (Node doc : file.documents()) {
      if (doc instanceof ObjectNode o) LzaDeclarations.scan(file, o, ctx);
    }
    LzaOrganization.scan(file, ctx);
  }

  @Override
  public boolean extract(Node root, ExtractContext ctx) {
    if (!(root instanceof ObjectNode o)) return false;
    boolean identityCenter = o.get("identityCenter").filter(ObjectNode.class::isInstance).isPresent();
    boolean sets = o.get("policySets").filter(ArrayNode.class::isInstance).isPresent()
        || o.get("roleSets").filter(ArrayNode.class::isInstance).isPresent();
    if (!identityCenter && !sets) return false;
    if (PolicyReader.looksLikePolicy(o) || o.has("Resources")) return false;
    o.object("identityCenter").ifPresent(ic -> {
      for (ObjectNode ps : Nodes.objects(ic.get("identityCenterPermissionSets").orElse(null))) ctx.add(permissionSet(ps, ctx));
      for (ObjectNode a : Nodes.objects(ic.get("identityCenterAssignments").orElse(null))) assignments(a, ctx);
    });
    return true;
  }

  private static PermissionSet permissionSet(ObjectNode ps, ExtractContext ctx) {
    Str name = ps.get("name").map(Str::ofString).orElse(null);
    List<Str> managed = new ArrayList<>();
    List<PermissionSet.CmpRef> cmps = new ArrayList<>();
    PermissionSet.Boundary boundary = null;
    ObjectNode policies = ps.object("policies").orElse(null);
    if (policies != null) {
      managed.addAll(Nodes.strings(policies.get("awsManaged").orElse(null)));
      // customerManaged: "only existing customer managed policy names, Accelerator expect these
      // policies would be present prior deployment"; acceleratorManaged: created by the policySets
      // (LZA typedocs, IdentityCenterPoliciesConfig).
      for (String key : List.of("customerManaged", "acceleratorManaged")) {
        for (Str s : Nodes.strings(policies.get(key).orElse(null))) {
          cmps.add(new PermissionSet.CmpRef(s, null, s.span(), key.equals("customerManaged")));
        }
      }
      boundary = policies.object("permissionsBoundary").map(LzaFormat::boundary).orElse(null);
    }
    return new PermissionSet(ctx.file(), ps, name, ps.get("sessionDuration").orElse(null), managed, cmps, null, boundary,
        Map.of(), FORMAT);
  }

  /** {@code customerManagedPolicy: {name, path}} and/or {@code awsManagedPolicyName}; null when neither. */
  private static PermissionSet.Boundary boundary(ObjectNode b) {
    PermissionSet.CmpRef cmp = b.object("customerManagedPolicy").map(c -> {
      Str n = c.get("name").map(Str::ofString).orElse(null);
      Str p = c.get("path").map(Str::ofString).orElse(null);
      return n == null && p == null ? null : new PermissionSet.CmpRef(n, p, c.span());
    }).orElse(null);
    Str aws = b.get("awsManagedPolicyName").map(Str::ofString).orElse(null);
    if (cmp == null && aws == null) return null;
    return new PermissionSet.Boundary(aws, cmp, b.span());
  }

  private static void assignments(ObjectNode a, ExtractContext ctx) {
    Str permissionSet = a.get("permissionSetName").map(Str::ofString).orElse(null);
    List<Assignment.Target> targets = targets(a.object("deploymentTargets").orElse(null));
    List<ObjectNode> principals = Nodes.objects(a.get("principals").orElse(null));
    if (!principals.isEmpty()) {
      for (ObjectNode p : principals) {
        ctx.add(new Assignment(ctx.file(), a, permissionSet, p.get("type").map(Str::ofString).orElse(null),
            p.get("name").map(Str::ofString).orElse(null), targets, FORMAT));
      }
      return;
    }
    ctx.add(new Assignment(ctx.file(), a, permissionSet, a.get("principalType").map(Str::ofString).orElse(null),
        a.get("principalId").map(Str::ofString).orElse(null), targets, FORMAT));
  }

  private static List<Assignment.Target> targets(ObjectNode dt) {
    List<Assignment.Target> out = new ArrayList<>();
    if (dt == null) return out;
    for (Str s : scalars(dt.get("accounts").orElse(null))) {
      out.add(new Assignment.Target(Assignment.Type.ACCOUNT, s, s.text(), s.text().matches("\\d{12}") ? s.text() : null));
    }
    for (Str s : Nodes.strings(dt.get("organizationalUnits").orElse(null))) {
      out.add(s.text().equals("Root")
          ? new Assignment.Target(Assignment.Type.ROOT, s, "Root", null)
          : new Assignment.Target(Assignment.Type.ORGANIZATIONAL_UNIT, s, s.text(), null));
    }
    return out;
  }

  /** Strings and numbers (an unquoted account id reads as a YAML number). */
  private static List<Str> scalars(Node n) {
    List<Str> out = new ArrayList<>();
    if (n instanceof ArrayNode a) {
      for (Node item : a.items()) {
        if (item instanceof ScalarNode s && (s.isString() || s.type() == ScalarNode.Type.NUMBER)) out.add(Str.of(s));
      }
    } else if (n instanceof ScalarNode s && s.isString()) {
      out.add(Str.of(s));
    }
    return out;
  }
}
