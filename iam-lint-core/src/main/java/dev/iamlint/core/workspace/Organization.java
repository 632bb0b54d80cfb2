package dev.iamlint.core.workspace;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS Organization the linted repository describes: the root, organizational units and
 * accounts, merged from every organization source of a run — the configuration's
 * {@code organization:} section and Landing Zone Accelerator's {@code organization-config.yaml}
 * ({@code organizationalUnits}, nested by {@code /} in names; {@code organizationalUnitIds}) and
 * {@code accounts-config.yaml} ({@code mandatoryAccounts}, {@code workloadAccounts}, ids from
 * {@code accountIds} by email). Immutable.
 *
 * <p>OUs are known by id, by name (the last path segment) and by path ({@code Workloads/Prod});
 * accounts by id or by name. Names are exact and case-sensitive. The root is referred to as
 * {@code Root} or by its {@code r-} id; it is not an {@link Ou}.
 */
public final class Organization {

  /** The name used for the root in every source. */
  public static final String ROOT = "Root";

  /**
   * An organizational unit.
   *
   * @param id the {@code ou-} id, or null when the source names it only
   * @param name the last segment of the path
   * @param path names from the root down, joined by {@code /}
   * @param parentPath the parent OU's path, or null when directly under the root
   * @param file where it is defined (the configuration file or an LZA file); may be null
   * @param span the definition
   */
  public record Ou(String id, String name, String path, String parentPath, SourceFile file, Span span) {}

  /**
   * An account.
   *
   * @param id the 12-digit id, or null when the source names it only
   * @param name the account's name in its source
   * @param ou the OU's path (or name or id as written), {@link #ROOT}, or null when unknown
   * @param file where it is defined; may be null
   * @param span the definition
   */
  public record Account(String id, String name, String ou, SourceFile file, Span span) {}

  private final String rootId;
  private final List<Ou> ous;
  private final List<Account> accounts;
  private final Set<String> management;
  private final List<SourceFile> sources;

  private Organization(String rootId, List<Ou> ous, List<Account> accounts, Set<String> management,
      List<SourceFile> sources) {
    this.rootId = rootId;
    this.ous = List.copyOf(ous);
    this.accounts = List.copyOf(accounts);
    this.management = Set.copyOf(management);
    this.sources = List.copyOf(sources);
  }

  /** The root's {@code r-} id, or null when no source gives it. */
  public String rootId() {
    return rootId;
  }

  public List<Ou> organizationalUnits() {
    return ous;
  }

  public List<Account> accounts() {
    return accounts;
  }

  /** The files the model was read from (the configuration file may be absent when built in memory). */
  public List<SourceFile> sources() {
    return sources;
  }

  /** Whether {@code ref} names the root: {@code Root} or the root's id. */
  public boolean isRoot(String ref) {
    return ref != null && (ref.equals(ROOT) || (rootId != null && ref.equals(rootId)));
  }

  /** The account with this id or (exact) name. */
  public Optional<Account> accountByIdOrName(String ref) {
    if (ref == null) return Optional.empty();
    for (Account a : accounts) if (ref.equals(a.id())) return Optional.of(a);
    for (Account a : accounts) if (ref.equals(a.name())) return Optional.of(a);
    return Optional.empty();
  }

  /** The OU with this id, path or (exact) name; the first defined wins when names repeat. */
  public Optional<Ou> ouByIdOrNameOrPath(String ref) {
    if (ref == null) return Optional.empty();
    for (Ou o : ous) if (ref.equals(o.id())) return Optional.of(o);
    String path = ref.startsWith(ROOT + "/") ? ref.substring(ROOT.length() + 1) : ref;
    for (Ou o : ous) if (path.equals(o.path())) return Optional.of(o);
    for (Ou o : ous) if (ref.equals(o.name())) return Optional.of(o);
    return Optional.empty();
  }

  /** Whether the account is the management account (SCPs do not apply to it). */
  public boolean isManagement(Account a) {
    return a != null && ((a.id() != null && management.contains(a.id())) || management.contains(a.name()));
  }

  /** Whether {@code ref}, an account id or name, is the management account. */
  public boolean isManagement(String ref) {
    if (ref == null) return false;
    return accountByIdOrName(ref).map(this::isManagement).orElse(management.contains(ref));
  }

  /** The OUs directly below {@code parent}, or below the root when {@code parent} is null. */
  public List<Ou> children(Ou parent) {
    String p = parent == null ? null : parent.path();
    return ous.stream().filter(o -> p == null ? o.parentPath() == null : p.equals(o.parentPath())).toList();
  }

  /** The accounts directly in {@code ou}, or directly under the root when {@code ou} is null. */
  public List<Account> accountsIn(Ou ou) {
    List<Account> out = new ArrayList<>();
    for (Account a : accounts) {
      if (a.ou() == null) continue;
      if (ou == null ? isRoot(a.ou()) : ouByIdOrNameOrPath(a.ou()).filter(ou::equals).isPresent()) out.add(a);
    }
    return out;
  }

  /**
   * Builds the model from every organization source, or returns empty when there is none (then
   * account and OU references cannot be checked).
   */
  public static Optional<Organization> of(Config config, List<LoadedFile> files) {
    Builder b = new Builder();
    if (config != null && config.organization() != null) b.config(config.organization(), config.file());
    for (LoadedFile f : files) b.lza(f);
    return b.sources.isEmpty() ? Optional.empty() : Optional.of(b.build());
  }

  /** Whether a loaded file is an LZA {@code accounts-config.yaml} or {@code organization-config.yaml}. */
  public static boolean isLzaOrganizationSource(LoadedFile f) {
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

  private static final class Builder {
    String rootId;
    final Map<String, Ou> ous = new LinkedHashMap<>();
    final List<Account> accounts = new ArrayList<>();
    final Set<String> management = new java.util.HashSet<>();
    final List<SourceFile> sources = new ArrayList<>();
    final Map<String, String> lzaOuIds = new HashMap<>();

    void config(Config.Organization org, SourceFile file) {
      if (file != null) sources.add(file);
      else sources.add(null);
      if (org.managementAccount() != null) management.add(org.managementAccount());
      if (org.root() != null && org.root().id() != null) rootId = org.root().id();
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
        String path = parentPath == null ? name : parentPath + "/" + name;
        ous.putIfAbsent(path, new Ou(t.id(), name, path, parentPath, file, t.span()));
      }
      for (Config.Target t : org.accounts()) {
        if (t.name() == null && t.id() == null) continue;
        accounts.add(new Account(t.id(), t.name() != null ? t.name() : t.id(), t.parent(), file, t.span()));
      }
    }

    private String parentPath(Config.Target t, Map<String, Config.Target> byRef) {
      List<String> names = new ArrayList<>();
      Set<Config.Target> seen = new java.util.HashSet<>();
      seen.add(t);
      String p = t.parent();
      while (p != null && !p.equals(ROOT) && !(p.startsWith("r-") && !byRef.containsKey(p))) {
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

    void lza(LoadedFile f) {
      for (Node d : f.documents()) {
        if (!(d instanceof ObjectNode o)) continue;
        if (isAccountsConfig(o)) {
          sources.add(f.file());
          Map<String, String> idsByEmail = new HashMap<>();
          items(o, "accountIds", e -> {
            String email = text(e, "email");
            String id = text(e, "accountId");
            if (email != null && id != null) idsByEmail.put(email.toLowerCase(java.util.Locale.ROOT), id);
          });
          items(o, "mandatoryAccounts", e -> account(f, e, idsByEmail, true));
          items(o, "workloadAccounts", e -> account(f, e, idsByEmail, false));
        } else if (isOrganizationConfig(f, o)) {
          sources.add(f.file());
          items(o, "organizationalUnitIds", e -> {
            String name = text(e, "name");
            String id = text(e, "id");
            if (name != null && id != null) lzaOuIds.put(name, id);
          });
          items(o, "organizationalUnits", e -> {
            String path = text(e, "name");
            if (path == null || path.isBlank()) return;
            int slash = path.lastIndexOf('/');
            String parentPath = slash > 0 ? path.substring(0, slash) : null;
            String name = slash >= 0 ? path.substring(slash + 1) : path;
            ous.putIfAbsent(path, new Ou(lzaOuIds.get(path), name, path, parentPath, f.file(), e.span()));
          });
        }
      }
    }

    private void account(LoadedFile f, ObjectNode e, Map<String, String> idsByEmail, boolean mandatory) {
      String name = text(e, "name");
      if (name == null) return;
      String email = text(e, "email");
      String id = email == null ? null : idsByEmail.get(email.toLowerCase(java.util.Locale.ROOT));
      accounts.add(new Account(id, name, text(e, "organizationalUnit"), f.file(), e.span()));
      if (mandatory && name.equals("Management")) {
        management.add(name);
        if (id != null) management.add(id);
      }
    }

    private static void items(ObjectNode o, String key, java.util.function.Consumer<ObjectNode> f) {
      if (o.get(key).orElse(null) instanceof ArrayNode a) {
        for (Node n : a.items()) if (n instanceof ObjectNode item) f.accept(item);
      }
    }

    /** A scalar's text, numbers included (an unquoted account id reads as a YAML number). */
    private static String text(ObjectNode o, String key) {
      return o.get(key).filter(n -> n instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL)
          .map(n -> ((ScalarNode) n).text()).orElse(null);
    }

    Organization build() {
      // Accounts named in the configuration's managementAccount by id also count by name.
      List<SourceFile> src = sources.stream().filter(java.util.Objects::nonNull).distinct().toList();
      return new Organization(rootId, new ArrayList<>(ous.values()), accounts, management, src);
    }
  }
}
