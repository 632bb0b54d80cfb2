package dev.iamlint.rules;

import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.extract.Manifests;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import dev.iamlint.core.workspace.Organization;
import dev.iamlint.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SCP attachments a repository declares, per target (root, OU, account), read from the
 * configuration's {@code organization:} section ({@code scps:} per target, {@code fullAWSAccess})
 * and Landing Zone Accelerator's {@code organization-config.yaml}
 * ({@code serviceControlPolicies[].deploymentTargets}, {@code strategy}). CloudFormation
 * {@code TargetIds} are not modelled. Also the SCP files Customizations for Control Tower
 * deploys (their targets are in the manifest and not modelled: they count as attached).
 */
final class ScpAttachments {

  /**
   * One customer SCP attached to one target, where the attachment is written.
   *
   * @param path the SCP file relative to the lint root, or null when the source gives none
   * @param label a name for messages (LZA name, or the file path)
   */
  record Attachment(String path, String label, SourceFile file, Span span, String pointer) {}

  /** A root, OU or account with its SCP attachments. */
  static final class Target {
    final String key;
    final String display;
    final boolean root;
    final boolean account;
    boolean fullAwsAccess = true;
    /** Where the removal of FullAWSAccess or the target itself is declared (for reports). */
    SourceFile defFile;
    Span defSpan;
    String defPointer;
    final List<Attachment> scps = new ArrayList<>();

    Target(String key, String display, boolean root, boolean account) {
      this.key = key;
      this.display = display;
      this.root = root;
      this.account = account;
    }

    void define(SourceFile file, Span span, String pointer) {
      if (defFile == null && file != null && span != null) {
        defFile = file;
        defSpan = span;
        defPointer = pointer;
      }
    }

    void attach(Attachment a) {
      for (Attachment b : scps) {
        if (a.path() != null ? a.path().equals(b.path()) : a.label().equals(b.label())) return; // counted once
      }
      scps.add(a);
    }
  }

  final Map<String, Target> targets = new LinkedHashMap<>();
  /** Every SCP file path attached to some target, or deployed by a manifest whose targets are not modelled. */
  final Set<String> attachedPaths = new HashSet<>();
  /** LZA SCP entries without any deployment target: path to (file, name node). */
  final Map<String, Attachment> lzaUnattached = new LinkedHashMap<>();
  private final Organization org;
  private final Workspace ws;
  /** Each source describes its own organization: targets of different sources are not merged. */
  private String scope = "config";

  private ScpAttachments(Workspace ws) {
    this.ws = ws;
    this.org = ws.org().orElse(null);
  }

  static ScpAttachments of(Workspace ws) {
    ScpAttachments a = new ScpAttachments(ws);
    a.config();
    for (LoadedFile f : ws.files()) a.lza(f);
    a.cfct();
    return a;
  }

  /** The SCP document of a file path relative to the lint root, or null. */
  PolicyDocument document(String path) {
    if (path == null) return null;
    for (PolicyDocument p : ws.policies(PolicyKind.SCP)) {
      if (!p.embedded() && p.file().relativePath().equals(path)) return p;
    }
    return null;
  }

  /** Whether {@code t} is the management account (SCPs do not apply to it). */
  boolean isManagement(Target t) {
    if (!t.account) return false;
    if (org != null && org.isManagement(t.display)) return true;
    Config.Organization c = ws.organization();
    return c != null && t.display.equals(c.managementAccount());
  }

  private void config() {
    Config.Organization c = ws.organization();
    SourceFile file = ws.config() == null ? null : ws.config().file();
    if (c == null) return;
    if (c.root() != null) config(c.root(), root(), file);
    for (Config.Target t : c.organizationalUnits()) {
      String ref = t.name() != null ? t.name() : t.id();
      if (ref != null) config(t, ou(ref), file);
    }
    for (Config.Target t : c.accounts()) {
      String ref = t.name() != null ? t.name() : t.id();
      if (ref != null) config(t, account(ref), file);
    }
  }

  private void config(Config.Target t, Target target, SourceFile file) {
    target.define(file, t.span(), null);
    if (!t.fullAwsAccess()) target.fullAwsAccess = false;
    for (Config.FileRef r : t.scps()) {
      String path = normalize(r.path());
      attachedPaths.add(path);
      target.attach(new Attachment(path, path, file, r.span(), null));
    }
  }

  private void lza(LoadedFile f) {
    if (!Organization.isLzaOrganizationSource(f)) return;
    scope = f.file().relativePath();
    for (Node d : f.documents()) {
      if (!(d instanceof ObjectNode o) || !(o.get("serviceControlPolicies").orElse(null) instanceof ArrayNode a)) continue;
      // The quarantine SCP is attached by LZA to each new account when it is created.
      String quarantine = o.object("quarantineNewAccounts")
          .filter(q -> !(q.get("enable").orElse(null) instanceof ScalarNode b && "false".equalsIgnoreCase(b.text())))
          .flatMap(q -> q.string("scpPolicyName")).map(ScalarNode::text).orElse(null);
      for (Node item : a.items()) {
        if (item instanceof ObjectNode e) lzaEntry(f, e, quarantine);
      }
    }
  }

  /** Whether two LZA names are the same, either possibly holding {@code {{ ... }}} placeholders. */
  static boolean sameName(String a, String b) {
    if (a == null || b == null) return false;
    return a.equals(b) || template(a).matcher(b).matches() || template(b).matcher(a).matches();
  }

  private static java.util.regex.Pattern template(String s) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int open = s.indexOf("{{", i);
      int close = open < 0 ? -1 : s.indexOf("}}", open);
      if (open < 0 || close < 0) {
        re.append(java.util.regex.Pattern.quote(s.substring(i)));
        break;
      }
      if (open > i) re.append(java.util.regex.Pattern.quote(s.substring(i, open)));
      re.append(".*");
      i = close + 2;
    }
    return java.util.regex.Pattern.compile(re.toString());
  }

  private void lzaEntry(LoadedFile f, ObjectNode e, String quarantine) {
    ScalarNode name = e.string("name").orElse(null);
    String path = e.string("policy").map(ScalarNode::text).filter(s -> !s.isBlank() && !s.contains("://"))
        .map(s -> resolve(f.file(), s)).orElse(null);
    String label = name != null ? name.text() : path != null ? path : "(unnamed)";
    boolean allowList = e.string("strategy").map(s -> s.text().equalsIgnoreCase("allow-list")).orElse(false);
    boolean any = false;
    if (e.get("deploymentTargets").orElse(null) instanceof ObjectNode dt) {
      for (String kind : List.of("organizationalUnits", "accounts")) {
        if (!(dt.get(kind).orElse(null) instanceof ArrayNode targets)) continue;
        for (Node n : targets.items()) {
          if (!(n instanceof ScalarNode s) || s.type() == ScalarNode.Type.NULL || s.text().isBlank()) continue;
          any = true;
          if (Texts.isTemplated(s.text())) continue;
          Target t = kind.equals("accounts") ? account(s.text())
              : (org != null ? org.isRoot(s.text()) : s.text().equals(Organization.ROOT)) ? root() : ou(s.text());
          t.attach(new Attachment(path, label, f.file(), s.span(), s.pointer()));
          if (allowList) {
            t.fullAwsAccess = false;
            t.define(f.file(), s.span(), s.pointer());
          }
        }
      }
    }
    if (path == null) return;
    if (any || (name != null && sameName(name.text(), quarantine))) {
      attachedPaths.add(path);
    } else if (name != null) {
      lzaUnattached.putIfAbsent(path, new Attachment(path, label, f.file(), name.span(), name.pointer()));
    } else {
      lzaUnattached.putIfAbsent(path, new Attachment(path, label, f.file(), e.span(), e.pointer()));
    }
  }

  /** CfCT {@code deploy_method: scp} resources: attached through the manifest's accounts / OUs. */
  private void cfct() {
    for (LoadedFile f : ws.files()) {
      Path root = rootOf(f.file());
      if (root == null) continue;
      Manifests.scan(f, root, (rel, decl) -> {
        if (decl.declared().kind() == PolicyKind.SCP && !decl.declared().reserialized()) attachedPaths.add(rel);
      });
    }
  }

  /** The lint root, from a file's absolute path and its path relative to the root. */
  private static Path rootOf(SourceFile f) {
    Path abs = f.path().toAbsolutePath().normalize();
    int depth = Path.of(f.relativePath()).getNameCount();
    if (abs.getNameCount() < depth) return null;
    Path r = abs;
    for (int i = 0; i < depth; i++) r = r.getParent();
    return r;
  }

  private static String resolve(SourceFile from, String ref) {
    Path parent = Path.of(from.relativePath()).getParent();
    Path p = (parent == null ? Path.of(ref) : parent.resolve(ref)).normalize();
    return normalize(p.toString());
  }

  private static String normalize(String p) {
    String s = p.replace('\\', '/');
    while (s.startsWith("./")) s = s.substring(2);
    return s;
  }

  private Target root() {
    return targets.computeIfAbsent(scope + "|root", k -> new Target(k, Organization.ROOT, true, false));
  }

  private Target ou(String ref) {
    String path = org == null ? ref : org.ouByIdOrNameOrPath(ref).map(Organization.Ou::path).orElse(ref);
    Target t = targets.computeIfAbsent(scope + "|ou:" + path, k -> new Target(k, path, false, false));
    if (org != null) org.ouByIdOrNameOrPath(ref).ifPresent(o -> t.define(o.file(), o.span(), null));
    return t;
  }

  private Target account(String ref) {
    String name = org == null ? ref : org.accountByIdOrName(ref).map(Organization.Account::name).orElse(ref);
    Target t = targets.computeIfAbsent(scope + "|account:" + name, k -> new Target(k, name, false, true));
    if (org != null) org.accountByIdOrName(ref).ifPresent(a -> t.define(a.file(), a.span(), null));
    return t;
  }
}
