package dev.iamlint.core.format;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.Globs;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run knows about a file before reading it: the configuration's {@code kinds:} globs,
 * files the configuration names (the {@code organization:} section's SCPs and RCPs), and files
 * that manifests name (LZA, CfCT). A bare policy file cannot tell an SCP from an identity policy
 * by content; these can. Filled in the scan phase, then only read (from several threads).
 */
public final class Declarations {

  private final Map<PolicyKind, Globs> kinds = new LinkedHashMap<>();
  private final Map<PolicyUse, Globs> identity = new LinkedHashMap<>();
  private final Map<String, ExtractContext.Declared> configured = new HashMap<>();
  private final Map<String, ExtractContext.Declared> byManifest = new HashMap<>();
  private final Globs ignore;

  Declarations(Config config) {
    Map<String, List<String>> k = config.kinds();
    kind(k, "scp", PolicyKind.SCP);
    kind(k, "rcp", PolicyKind.RCP);
    kind(k, "trustPolicy", PolicyKind.TRUST);
    kind(k, "resourcePolicy", PolicyKind.RESOURCE);
    this.ignore = Globs.of(k.getOrDefault("ignore", List.of()));
    identity(k, "userPolicy", PolicyUse.USER_INLINE);
    identity(k, "groupPolicy", PolicyUse.GROUP_INLINE);
    identity(k, "rolePolicy", PolicyUse.ROLE_INLINE);
    identity(k, "permissionSetPolicy", PolicyUse.PERMISSION_SET_INLINE);
    identity(k, "managedPolicy", PolicyUse.MANAGED);
  }

  private void kind(Map<String, List<String>> k, String key, PolicyKind kind) {
    List<String> g = k.get(key);
    if (g != null && !g.isEmpty()) kinds.put(kind, Globs.of(g));
  }

  private void identity(Map<String, List<String>> k, String key, PolicyUse use) {
    List<String> g = k.get(key);
    if (g != null && !g.isEmpty()) identity.put(use, Globs.of(g));
  }

  private static Set<PolicyUse> usesOf(PolicyKind kind) {
    return switch (kind) {
      case SCP -> Set.of(PolicyUse.SCP);
      case RCP -> Set.of(PolicyUse.RCP);
      case TRUST -> Set.of(PolicyUse.TRUST);
      case RESOURCE -> Set.of(PolicyUse.RESOURCE);
      case IDENTITY -> Set.of(PolicyUse.MANAGED);
    };
  }

  /** A file the configuration names; takes precedence over globs and manifests. */
  void configured(String rel, ExtractContext.Declared d) {
    configured.put(rel, d);
  }

  /**
   * A file a manifest names; the first manifest's kind wins, and every name it is deployed under
   * is kept (see {@link ExtractContext.Declared#and}).
   */
  void manifest(String rel, ExtractContext.Declared d) {
    byManifest.merge(rel, d, ExtractContext.Declared::and);
  }

  /** Whether the configuration's {@code kinds.ignore} globs exclude the file from the access model. */
  public boolean ignored(String rel) {
    return ignore.matches(rel);
  }

  /** The declared kind of a file (path relative to the lint root), or null to infer it from content. */
  public ExtractContext.Declared declared(String rel) {
    ExtractContext.Declared d = configured.get(rel);
    if (d != null) return d;
    for (Map.Entry<PolicyKind, Globs> e : kinds.entrySet()) {
      if (e.getValue().matches(rel)) return new ExtractContext.Declared(e.getKey(), usesOf(e.getKey()));
    }
    for (Map.Entry<PolicyUse, Globs> e : identity.entrySet()) {
      if (e.getValue().matches(rel)) return new ExtractContext.Declared(PolicyKind.IDENTITY, Set.of(e.getKey()));
    }
    return byManifest.get(rel);
  }
}
