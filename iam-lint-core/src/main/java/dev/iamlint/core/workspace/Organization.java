package dev.iamlint.core.workspace;

import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.DeploymentTargets;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS Organization the linted repository describes: the root, organizational units and
 * accounts, merged from what every organization source of a run contributes through
 * {@link Builder} (the configuration's {@code organization:} section, Landing Zone Accelerator's
 * {@code organization-config.yaml} and {@code accounts-config.yaml}; see {@code core.format}).
 * Immutable.
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
  public record Ou(String id, String name, String path, String parentPath, SourceFile file, Span span) {
    // Written out rather than generated: a record's equals and hashCode are linked through
    // invokedynamic the first time they run, milliseconds of every short run, and are slow until
    // compiled. Every run with an organization compares OUs.
    @Override
    public boolean equals(Object o) {
      return o instanceof Ou u && Objects.equals(id, u.id) && Objects.equals(name, u.name) && Objects.equals(path, u.path)
          && Objects.equals(parentPath, u.parentPath) && Objects.equals(file, u.file) && Objects.equals(span, u.span);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, name, path, parentPath, file, span);
    }
  }

  /**
   * An account.
   *
   * @param id the 12-digit id, or null when the source names it only
   * @param name the account's name in its source
   * @param ou the OU's path (or name or id as written), {@link #ROOT}, or null when unknown
   * @param file where it is defined; may be null
   * @param span the definition
   */
  public record Account(String id, String name, String ou, SourceFile file, Span span) {
    // Written out, as Ou's are.
    @Override
    public boolean equals(Object o) {
      return o instanceof Account a && Objects.equals(id, a.id) && Objects.equals(name, a.name) && Objects.equals(ou, a.ou)
          && Objects.equals(file, a.file) && Objects.equals(span, a.span);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, name, ou, file, span);
    }
  }

  private final String rootId;
  private final List<Ou> ous;
  private final List<Account> accounts;
  private final Set<String> management;
  private final Set<String> unmanaged;
  private final boolean withoutOrganizations;
  private final List<SourceFile> sources;

  private Organization(String rootId, List<Ou> ous, List<Account> accounts, Set<String> management,
      Set<String> unmanaged, boolean withoutOrganizations, List<SourceFile> sources) {
    this.rootId = rootId;
    this.ous = List.copyOf(ous);
    this.accounts = List.copyOf(accounts);
    this.management = Set.copyOf(management);
    this.unmanaged = Set.copyOf(unmanaged);
    this.withoutOrganizations = withoutOrganizations;
    this.sources = List.copyOf(sources);
  }

  /**
   * Whether a source says the accounts are not in an AWS Organizations organization (LZA's
   * {@code enable: false} in {@code organization-config.yaml}): no SCP or RCP applies to them,
   * and none is missing.
   */
  public boolean withoutOrganizations() {
    return withoutOrganizations;
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

  /**
   * Whether the source that defines this OU, or an OU above it, says it does not manage it (LZA's
   * {@code ignore: true}: "ignore organizational unit and the associated accounts"). Policies
   * attached to it outside the repository are unknown, so what its chain lacks is unknown too.
   */
  public boolean isUnmanaged(Ou ou) {
    for (String p = ou == null ? null : ou.path(); p != null; ) {
      if (unmanaged.contains(p)) return true;
      int slash = p.lastIndexOf('/');
      p = slash > 0 ? p.substring(0, slash) : null;
    }
    return false;
  }

  /** Whether the account sits in an OU {@link #isUnmanaged(Ou) not managed} by its source. */
  public boolean isUnmanaged(Account a) {
    return a != null && a.ou() != null && !isRoot(a.ou()) && ouByIdOrNameOrPath(a.ou()).map(this::isUnmanaged).orElse(false);
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
   * Every account in an OU and in the OUs below it, by {@link #key(Account)}; the root's OU
   * reference ({@code null}) is not an OU: use {@link #accounts()} for the whole organization.
   */
  public Set<String> accountsBelow(Ou ou) {
    Set<String> out = new LinkedHashSet<>();
    List<Ou> todo = new ArrayList<>(List.of(ou));
    Set<String> visited = new HashSet<>();
    while (!todo.isEmpty()) {
      Ou o = todo.remove(todo.size() - 1);
      if (!visited.add(o.path())) continue;
      for (Account a : accountsIn(o)) out.add(key(a));
      todo.addAll(children(o));
    }
    return out;
  }

  /**
   * The accounts a deployment reaches, by {@link #key(Account)}, or null when one of its targets
   * cannot be resolved here (templated, or not defined in the organization).
   */
  public Set<String> accountsOf(DeploymentTargets targets) {
    Set<String> out = new HashSet<>();
    for (Str s : targets.organizationalUnits()) {
      if (Texts.isTemplated(s.text())) return null;
      if (isRoot(s.text())) {
        out.addAll(allAccounts());
        continue;
      }
      Ou ou = ouByIdOrNameOrPath(s.text()).orElse(null);
      if (ou == null) return null;
      out.addAll(accountsBelow(ou));
    }
    for (Str s : targets.accounts()) {
      if (Texts.isTemplated(s.text())) return null;
      Account a = accountByIdOrName(s.text()).orElse(null);
      if (a == null) return null;
      out.add(key(a));
    }
    for (Str s : targets.excludedAccounts()) accountByIdOrName(s.text()).ifPresent(a -> out.remove(key(a)));
    return out;
  }

  /**
   * The accounts an assignment target reaches, by {@link #key(Account)}; empty when it resolves to
   * none. A target written with a name and an id ({@code shop:123456789012}) is found by its name
   * when the organization does not give the id (CloudFormation creates accounts and OUs whose ids
   * are known only after deployment).
   */
  public Set<String> accountsOf(Assignment.Target t) {
    String ref = t.id() != null ? t.id() : t.name();
    return switch (t.type()) {
      case ACCOUNT -> accountByIdOrName(ref).or(() -> accountByIdOrName(t.name())).map(a -> Set.of(key(a))).orElse(Set.of());
      case ROOT -> allAccounts();
      case ORGANIZATIONAL_UNIT, ORGANIZATIONAL_UNIT_RECURSIVE -> isRoot(ref) || isRoot(t.name()) ? allAccounts()
          : ouByIdOrNameOrPath(ref).or(() -> ouByIdOrNameOrPath(t.name())).map(this::accountsBelow).orElse(Set.of());
      default -> Set.of();
    };
  }

  /** An account's key in account sets: its name, or its id when it has no name. */
  public static String key(Account a) {
    return a.name() != null ? a.name() : a.id();
  }

  /** Every account, by {@link #key(Account)}. */
  public Set<String> allAccounts() {
    Set<String> out = new LinkedHashSet<>();
    for (Account a : accounts) out.add(key(a));
    return out;
  }

  /** Collects the contributions of the organization sources; {@link #build()} once. Not thread-safe. */
  public static final class Builder {
    private String rootId;
    private final Map<String, Ou> ous = new LinkedHashMap<>();
    private final Map<String, String> ouIds = new HashMap<>();
    private final List<Account> accounts = new ArrayList<>();
    private final Set<String> management = new HashSet<>();
    private final Set<String> unmanaged = new HashSet<>();
    private final List<SourceFile> sources = new ArrayList<>();
    private boolean any;
    private boolean withoutOrganizations;

    /** Marks a file as an organization source (null: a source not read from a file, e.g. built in memory). */
    public Builder source(SourceFile file) {
      any = true;
      if (file != null && !sources.contains(file)) sources.add(file);
      return this;
    }

    public Builder rootId(String id) {
      if (id != null) rootId = id;
      return this;
    }

    /** An account id or name that is the management account. */
    public Builder management(String ref) {
      if (ref != null) management.add(ref);
      return this;
    }

    /** The id of the OU at {@code path}, given apart from its definition (LZA {@code organizationalUnitIds}). */
    public Builder ouId(String path, String id) {
      ouIds.put(path, id);
      return this;
    }

    /** An OU; the first definition of a path wins; a null id takes one given by {@link #ouId}. */
    public Builder ou(String id, String name, String path, String parentPath, SourceFile file, Span span) {
      ous.putIfAbsent(path, new Ou(id != null ? id : ouIds.get(path), name, path, parentPath, file, span));
      return this;
    }

    public Builder account(Account a) {
      accounts.add(a);
      return this;
    }

    /** The accounts are not in an organization (see {@link Organization#withoutOrganizations()}). */
    public Builder withoutOrganizations() {
      withoutOrganizations = true;
      return this;
    }

    /** The OU at {@code path}, and everything below it, is not managed by its source (see {@link Organization#isUnmanaged(Ou)}). */
    public Builder unmanaged(String path) {
      unmanaged.add(path);
      return this;
    }

    /** The organization, or empty when no source contributed. */
    public Optional<Organization> build() {
      if (!any) return Optional.empty();
      return Optional.of(new Organization(rootId, new ArrayList<>(ous.values()), accounts, management, unmanaged,
          withoutOrganizations, sources));
    }
  }
}
