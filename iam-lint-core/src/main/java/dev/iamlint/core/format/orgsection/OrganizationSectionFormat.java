package dev.iamlint.core.format.orgsection;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.FileReference;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.TargetDeclaration;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.workspace.Organization;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code organization:} section of {@code .iam-lint.yaml}: the management account, the root,
 * OUs (parents by name or id, in any order) and accounts, each with the SCP and RCP files attached
 * (paths relative to the lint root) and whether {@code FullAWSAccess} stays attached. Read from the
 * loaded configuration, not from a file of the run.
 */
public final class OrganizationSectionFormat implements InputFormat {

  /** The source name of the section's attachments. */
  static final String SOURCE = "config";

  @Override
  public String id() {
    return "organization-section";
  }

  @Override
  public List<String> contextSignals() {
    return List.of();
  }

  @Override
  public void configure(Config config, ScanContext ctx) {
    Config.Organization org = config.organization();
    if (org == null) return;
    SourceFile file = config.file();
    organization(org, file, ctx.organization());
    if (org.root() != null) target(config, org.root(), OrgTarget.root(), ctx);
    for (Config.Target t : org.organizationalUnits()) target(config, t, OrgTarget.Kind.ORGANIZATIONAL_UNIT, ctx);
    for (Config.Target t : org.accounts()) target(config, t, OrgTarget.Kind.ACCOUNT, ctx);
  }

  private static void target(Config config, Config.Target t, OrgTarget.Kind kind, ScanContext ctx) {
    String ref = t.name() != null ? t.name() : t.id();
    target(config, t, ref == null ? null : new OrgTarget(kind, ref), ctx);
  }

  /** A target's declaration and attachments; a target named neither by name nor id still declares its files. */
  private static void target(Config config, Config.Target t, OrgTarget target, ScanContext ctx) {
    SourceFile file = config.file();
    if (target != null) ctx.declareTarget(new TargetDeclaration(SOURCE, target, t.fullAwsAccess(), file, t.span(), null));
    for (Config.FileRef r : t.scps()) {
      String path = declare(config, r, PolicyKind.SCP, PolicyUse.SCP, ctx);
      if (target != null) ctx.attach(new PolicyAttachment(SOURCE, target, PolicyKind.SCP, path, path, file, r.span(), null));
    }
    for (Config.FileRef r : t.rcps()) {
      String path = declare(config, r, PolicyKind.RCP, PolicyUse.RCP, ctx);
      if (target != null) ctx.attach(new PolicyAttachment(SOURCE, target, PolicyKind.RCP, path, path, file, r.span(), null));
    }
  }

  /** Declares the file's kind (the configuration's word wins) and returns its normalized path. */
  private static String declare(Config config, Config.FileRef f, PolicyKind kind, PolicyUse use, ScanContext ctx) {
    String rel = normalize(f.path());
    ctx.declareConfigured(new FileReference(config.file(), new Str(f.path(), f.span(), null), rel,
        Files.isRegularFile(ctx.root().resolve(rel))), new ExtractContext.Declared(kind, Set.of(use)));
    return rel;
  }

  private static String normalize(String p) {
    String s = p.replace('\\', '/');
    while (s.startsWith("./")) s = s.substring(2);
    return s;
  }

  private static void organization(Config.Organization org, SourceFile file, Organization.Builder b) {
    b.source(file).management(org.managementAccount());
    if (org.root() != null) b.rootId(org.root().id());
    // Parents may be named by name or id, and listed in any order: resolve paths by walking.
    Map<String, Config.Target> byRef = new HashMap<>();
    for (Config.Target t : org.organizationalUnits()) {
      if (t.id() != null) byRef.putIfAbsent(t.id(), t);
      if (t.name() != null) byRef.putIfAbsent(t.name(), t);
    }
    for (Config.Target t : org.organizationalUnits()) {
      String name = t.name() != null ? t.name() : t.id();
      if (name == null) continue;
      String parentPath = parentPath(t, byRef);
      b.ou(t.id(), name, parentPath == null ? name : parentPath + "/" + name, parentPath, file, t.span());
    }
    for (Config.Target t : org.accounts()) {
      if (t.name() == null && t.id() == null) continue;
      b.account(new Organization.Account(t.id(), t.name() != null ? t.name() : t.id(), t.parent(), file, t.span()));
    }
  }

  private static String parentPath(Config.Target t, Map<String, Config.Target> byRef) {
    List<String> names = new ArrayList<>();
    // by identity: a cycle comes back to the same definition (and a record's hashCode is linked
    // through invokedynamic at its first use, ~10 ms of a one-file run on JDK 17)
    Set<Config.Target> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(t);
    String p = t.parent();
    while (p != null && !p.equals(Organization.ROOT) && !(p.startsWith("r-") && !byRef.containsKey(p))) {
      Config.Target parent = byRef.get(p);
      if (parent == null) {
        names.add(0, p); // an undefined parent: keep its name so the path stays meaningful
        break;
      }
      if (!seen.add(parent)) break; // a cycle
      names.add(0, parent.name() != null ? parent.name() : parent.id());
      p = parent.parent();
    }
    return names.isEmpty() ? null : String.join("/", names);
  }

  @Override
  public boolean extract(Node root, ExtractContext ctx) {
    return false;
  }
}
