package dev.iamlint.core.format.lza;

import dev.iamlint.core.format.Nodes;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.DeclaredPolicy;
import dev.iamlint.core.model.FileReference;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.TargetDeclaration;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.workspace.Organization;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * LZA's organization sources: {@code organization-config.yaml} ({@code organizationalUnits},
 * nested by {@code /} in names; {@code organizationalUnitIds}; {@code serviceControlPolicies} with
 * their {@code deploymentTargets} and {@code strategy}; {@code quarantineNewAccounts}) and
 * {@code accounts-config.yaml} ({@code mandatoryAccounts}, {@code workloadAccounts}, ids from
 * {@code accountIds} by email).
 */
final class LzaOrganization {

  private LzaOrganization() {}

  /** Whether a loaded file is an LZA {@code accounts-config.yaml} or {@code organization-config.yaml}. */
  static boolean isOrganizationSource(LoadedFile f) {
    for (Node d : f.documents()) {
      if (d instanceof ObjectNode o && (isAccountsConfig(o) || isOrganizationConfig(f, o))) return true;
    }
    return false;
  }

  private static boolean isAccountsConfig(ObjectNode o) {
    return o.get("mandatoryAccounts").orElse(null) instanceof ArrayNode
        || o.get("workloadAccounts").orElse(null) instanceof ArrayNode;
  }

  private static boolean isOrganizationConfig(LoadedFile f, ObjectNode o) {
    if (!(o.get("organizationalUnits").orElse(null) instanceof ArrayNode)) return false;
    String n = f.file().path().getFileName() == null ? "" : f.file().path().getFileName().toString();
    return n.startsWith("organization-config.")
        || o.has("serviceControlPolicies") || o.has("quarantineNewAccounts") || o.has("organizationalUnitIds");
  }

  static void scan(LoadedFile f, ScanContext ctx) {
    if (!isOrganizationSource(f)) return;
    Organization.Builder org = ctx.organization();
    for (Node d : f.documents()) {
      if (!(d instanceof ObjectNode o)) continue;
      if (isAccountsConfig(o)) {
        org.source(f.file());
        Map<String, String> idsByEmail = new HashMap<>();
        for (ObjectNode e : Nodes.objects(o, "accountIds")) {
          String email = Nodes.text(e, "email");
          String id = Nodes.text(e, "accountId");
          if (email != null && id != null) idsByEmail.put(email.toLowerCase(Locale.ROOT), id);
        }
        for (ObjectNode e : Nodes.objects(o, "mandatoryAccounts")) account(f, e, idsByEmail, true, org);
        for (ObjectNode e : Nodes.objects(o, "workloadAccounts")) account(f, e, idsByEmail, false, org);
      } else if (isOrganizationConfig(f, o)) {
        org.source(f.file());
        // OrganizationConfig.enable (LZA typedocs): "Indicates whether AWS Organization enabled".
        // Without it LZA deploys to accounts outside any organization: no OU, SCP or RCP applies.
        if (o.get("enable").orElse(null) instanceof ScalarNode b && "false".equalsIgnoreCase(b.text())) {
          org.withoutOrganizations();
          continue;
        }
        for (ObjectNode e : Nodes.objects(o, "organizationalUnitIds")) {
          String name = Nodes.text(e, "name");
          String id = Nodes.text(e, "id");
          if (name != null && id != null) org.ouId(name, id);
        }
        for (ObjectNode e : Nodes.objects(o, "organizationalUnits")) {
          String path = Nodes.text(e, "name");
          if (path == null || path.isBlank()) continue;
          int slash = path.lastIndexOf('/');
          String parentPath = slash > 0 ? path.substring(0, slash) : null;
          String name = slash >= 0 ? path.substring(slash + 1) : path;
          org.ou(null, name, path, parentPath, f.file(), e.span());
          // OrganizationalUnitConfig.ignore (LZA typedocs): "ignore organizational unit and the associated accounts".
          if (e.get("ignore").orElse(null) instanceof ScalarNode b && "true".equalsIgnoreCase(b.text())) org.unmanaged(path);
        }
        declareRoot(f, o, ctx);
      }
      if (o.get("serviceControlPolicies").orElse(null) instanceof ArrayNode) scps(f, o, ctx);
      for (ObjectNode e : Nodes.objects(o, "resourceControlPolicies")) rcp(f, e, ctx);
    }
  }

  /**
   * Where findings about the root point when no SCP is attached there: LZA has no element for the
   * root, so the {@code serviceControlPolicies} key, where an SCP would be attached to it (else
   * {@code organizationalUnits}, the tree below it). FullAWSAccess stays as it is.
   */
  private static void declareRoot(LoadedFile f, ObjectNode o, ScanContext ctx) {
    ObjectNode.Entry at = o.entry("serviceControlPolicies");
    if (at == null) at = o.entry("organizationalUnits");
    if (at == null || at.keySpan() == null) return;
    ctx.declareRoot(f.file(), at.keySpan(), at.value().pointer());
  }

  private static void account(LoadedFile f, ObjectNode e, Map<String, String> idsByEmail, boolean mandatory,
      Organization.Builder org) {
    String name = Nodes.text(e, "name");
    if (name == null) return;
    String email = Nodes.text(e, "email");
    String id = email == null ? null : idsByEmail.get(email.toLowerCase(Locale.ROOT));
    org.account(new Organization.Account(id, name, Nodes.text(e, "organizationalUnit"), f.file(), e.span()));
    if (mandatory && name.equals("Management")) {
      org.management(name);
      org.management(id);
    }
  }

  private static void scps(LoadedFile f, ObjectNode o, ScanContext ctx) {
    // The quarantine SCP is attached by LZA to each new account when it is created.
    String quarantine = o.object("quarantineNewAccounts")
        .filter(q -> !(q.get("enable").orElse(null) instanceof ScalarNode b && "false".equalsIgnoreCase(b.text())))
        .flatMap(q -> q.string("scpPolicyName")).map(ScalarNode::text).orElse(null);
    for (ObjectNode e : Nodes.objects(o, "serviceControlPolicies")) scp(f, e, quarantine, ctx);
  }

  private static void scp(LoadedFile f, ObjectNode e, String quarantine, ScanContext ctx) {
    String source = f.file().relativePath();
    ScalarNode name = e.string("name").orElse(null);
    FileReference ref = ctx.reference(f.file(), e.string("policy").orElse(null));
    String path = ref == null ? null : ref.relativePath();
    String label = name != null ? name.text() : path != null ? path : "(unnamed)";
    boolean allowList = e.string("strategy").map(s -> s.text().equalsIgnoreCase("allow-list")).orElse(false);
    boolean any = false;
    ObjectNode dt = e.object("deploymentTargets").orElse(null);
    for (String kind : dt == null ? List.<String>of() : List.of("organizationalUnits", "accounts")) {
      for (Str s : Nodes.values(dt.get(kind).orElse(null))) {
        any = true;
        OrgTarget t = new OrgTarget(kind.equals("accounts") ? OrgTarget.Kind.ACCOUNT : OrgTarget.Kind.ORGANIZATIONAL_UNIT, s.text());
        ctx.attach(new PolicyAttachment(source, t, PolicyKind.SCP, path, label, f.file(), s.span(), s.pointer()));
        if (allowList) ctx.declareTarget(new TargetDeclaration(source, t, false, f.file(), s.span(), s.pointer()));
      }
    }
    if (path == null) return;
    if (!any && name != null && sameName(name.text(), quarantine)) {
      ctx.attach(new PolicyAttachment(source, null, PolicyKind.SCP, path, label, f.file(), name.span(), name.pointer()));
    }
    ctx.declarePolicy(name != null ? new DeclaredPolicy(PolicyKind.SCP, path, label, f.file(), name.span(), name.pointer())
        : new DeclaredPolicy(PolicyKind.SCP, path, label, f.file(), e.span(), e.pointer()));
  }

  /** An RCP's attachments (RCPFullAWSAccess cannot be detached, so there is no strategy to read). */
  private static void rcp(LoadedFile f, ObjectNode e, ScanContext ctx) {
    String source = f.file().relativePath();
    ScalarNode name = e.string("name").orElse(null);
    FileReference ref = ctx.reference(f.file(), e.string("policy").orElse(null));
    String path = ref == null ? null : ref.relativePath();
    String label = name != null ? name.text() : path != null ? path : "(unnamed)";
    ObjectNode dt = e.object("deploymentTargets").orElse(null);
    for (String kind : dt == null ? List.<String>of() : List.of("organizationalUnits", "accounts")) {
      for (Str s : Nodes.values(dt.get(kind).orElse(null))) {
        OrgTarget t = new OrgTarget(kind.equals("accounts") ? OrgTarget.Kind.ACCOUNT : OrgTarget.Kind.ORGANIZATIONAL_UNIT, s.text());
        ctx.attach(new PolicyAttachment(source, t, PolicyKind.RCP, path, label, f.file(), s.span(), s.pointer()));
      }
    }
  }

  /** Whether two LZA names are the same, either possibly holding {@code {{ ... }}} placeholders. */
  static boolean sameName(String a, String b) {
    if (a == null || b == null) return false;
    return a.equals(b) || template(a).matcher(b).matches() || template(b).matcher(a).matches();
  }

  private static Pattern template(String s) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int open = s.indexOf("{{", i);
      int close = open < 0 ? -1 : s.indexOf("}}", open);
      if (open < 0 || close < 0) {
        re.append(Pattern.quote(s.substring(i)));
        break;
      }
      if (open > i) re.append(Pattern.quote(s.substring(i, open)));
      re.append(".*");
      i = close + 2;
    }
    return Pattern.compile(re.toString());
  }
}
