package dev.iamlint.core.catalog;

import dev.iamlint.core.model.Arns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline IAM catalogue: AWS services, actions, resource types, condition keys and AWS
 * managed policies, generated from public package data by {@code tools/catalog/generate.mjs}.
 *
 * <p>Immutable and safe to share between threads. {@link #bundled()} loads the catalogue shipped
 * in the jar once, on first use; {@link #load(Path)} reads a user-supplied file (the
 * {@code --catalog} option) in the same format. Names of services, actions and condition keys are
 * matched case-insensitively, as IAM does; managed policy names and paths exactly.
 */
public final class IamCatalog {
  private static final String RESOURCE = "iam-catalog.bin";
  private static final int MAX_SUGGESTIONS = 5;
  private static final Pattern MANAGED_POLICY_ARN = Pattern.compile("arn:([^:]+):iam::aws:policy(/.*)");

  private final CatalogMetadata metadata;
  private final List<IamService> services;
  private final Map<String, IamService> servicesByPrefix;
  // Built on first need (expand("*"), actions()), as it decodes every service.
  private volatile List<IamAction> allActions;
  private final List<ConditionKey> globalKeys;
  private final List<ConditionKey> allKeys;
  private final Map<String, ConditionKey> keysByLowerName;
  private final List<KeyTemplate> variableKeys;
  private final Map<String, List<String>> unassociatedPrefixes;
  private final List<Glob> variableUnassociatedPrefixes;
  private final List<ManagedPolicy> policies;
  private final Map<String, ManagedPolicy> policiesByName;
  private final Map<String, ManagedPolicy> policiesByPath;
  // Built on first need, as it decodes every service (see resourceTypesWithArnService).
  private volatile Map<String, List<ResourceType>> typesByArnService;
  // Built on first need from the managed-policy documents (see ManagedPolicyUsage).
  private volatile ManagedPolicyUsage managedPolicyUsage;
  private final Object usageLock = new Object();

  /** A condition key with a variable part, e.g. {@code aws:ResourceTag/${TagKey}}, as a matcher. */
  private record KeyTemplate(ConditionKey key, Glob glob) {}

  // The constructor and the reader avoid lambdas, streams and string concatenation: each of those
  // costs a one-off bootstrap of tens of milliseconds in a fresh JVM, and this runs at start-up.
  private IamCatalog(CatalogReader.Contents c) {
    this.metadata = c.metadata();
    this.services = c.services();
    Map<String, IamService> byPrefix = new HashMap<>(services.size() * 2);
    for (IamService s : services) {
      byPrefix.put(s.prefix().toLowerCase(Locale.ROOT), s);
    }
    this.servicesByPrefix = byPrefix;
    this.globalKeys = c.globalKeys();
    this.allKeys = c.allKeys();
    // Globals come first in the table, so a name that is both global and a service key
    // (identitystore:UserId) resolves to the global definition.
    Map<String, ConditionKey> keys = new HashMap<>(allKeys.size() * 2);
    List<KeyTemplate> templates = new ArrayList<>();
    for (ConditionKey k : allKeys) {
      keys.putIfAbsent(k.name().toLowerCase(Locale.ROOT), k);
      if (k.hasVariable()) {
        templates.add(new KeyTemplate(k, Glob.compile(variablesToWildcards(k.name()))));
      }
    }
    this.keysByLowerName = keys;
    this.variableKeys = List.copyOf(templates);
    Map<String, List<String>> unassociated = new HashMap<>();
    List<Glob> variablePrefixes = new ArrayList<>();
    for (CatalogReader.UnassociatedPrefix u : c.unassociated()) {
      unassociated.put(u.prefix().toLowerCase(Locale.ROOT), u.services());
      if (u.prefix().contains("${")) {
        variablePrefixes.add(Glob.compile(variablesToWildcards(u.prefix())));
      }
    }
    this.unassociatedPrefixes = unassociated;
    this.variableUnassociatedPrefixes = List.copyOf(variablePrefixes);
    this.policies = c.policies();
    Map<String, ManagedPolicy> byName = new HashMap<>(policies.size() * 2);
    Map<String, ManagedPolicy> byPath = new HashMap<>(policies.size() * 2);
    for (ManagedPolicy p : policies) {
      byName.putIfAbsent(p.name(), p);
      byPath.putIfAbsent(p.path().concat(p.name()), p);
    }
    this.policiesByName = byName;
    this.policiesByPath = byPath;
  }

  // ------------------------------------------------------------------------------------ loading

  /** Holder idiom: the JVM runs the load once, lazily and thread-safely, on first access. */
  private static final class Bundled {
    static final IamCatalog INSTANCE = loadBundled();

    private static IamCatalog loadBundled() {
      try (InputStream in = IamCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the bundled IAM catalogue " + RESOURCE + " is missing from the classpath");
        }
        return new IamCatalog(CatalogReader.read(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("the bundled IAM catalogue cannot be read", e);
      }
    }
  }

  /** The catalogue bundled in iam-lint, loaded on first call and shared. */
  public static IamCatalog bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * Reads a catalogue file written by {@code tools/catalog/generate.mjs --out FILE}.
   *
   * @throws InvalidCatalogException if the file is not a catalogue of a format this version reads
   */
  public static IamCatalog load(Path file) throws IOException {
    IamCatalog catalog = fromBytes(Files.readAllBytes(file));
    // The bundled file is tested; a user's file is decoded in full now, so a corrupt one fails
    // here with a clear message rather than in the middle of a rule.
    try {
      catalog.actions();
    } catch (IllegalStateException e) {
      throw new InvalidCatalogException(file + ": " + e.getMessage(), e);
    }
    return catalog;
  }

  static IamCatalog fromBytes(byte[] bytes) throws InvalidCatalogException {
    return new IamCatalog(CatalogReader.read(bytes));
  }

  /** Source package names, versions and data dates. */
  public CatalogMetadata metadata() {
    return metadata;
  }

  // ------------------------------------------------------------------------ services and actions

  /** All services, sorted by prefix. */
  public List<IamService> services() {
    return services;
  }

  /** The service with this prefix ({@code s3}, {@code EC2}), case-insensitively. */
  public Optional<IamService> service(String prefix) {
    return Optional.ofNullable(servicesByPrefix.get(prefix.toLowerCase(Locale.ROOT)));
  }

  /** Every action of every service, sorted by service then name. Decodes every service on first call. */
  public List<IamAction> actions() {
    List<IamAction> all = allActions;
    if (all == null) {
      List<IamAction> collected = new ArrayList<>(25_000);
      for (IamService s : services) {
        collected.addAll(s.actions());
      }
      // Racing threads build equal lists; whichever is published last is as good as the first.
      all = List.copyOf(collected);
      allActions = all;
    }
    return all;
  }

  /** The action {@code svc:Name}, case-insensitively; empty for unknown names and for wildcards. */
  public Optional<IamAction> action(String fullName) {
    int colon = fullName.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    IamService s = servicesByPrefix.get(fullName.substring(0, colon).toLowerCase(Locale.ROOT));
    return s == null ? Optional.empty() : s.action(fullName.substring(colon + 1));
  }

  /** The access level of {@code svc:Name}, if the action is known. */
  public Optional<AccessLevel> accessLevel(String fullName) {
    return action(fullName).map(IamAction::accessLevel);
  }

  /**
   * The actions an {@code Action} element's value stands for: {@code *} is any run of characters,
   * {@code ?} one character, case-insensitively ({@code s3:Get*}, {@code iam:*Policy*},
   * {@code ec2:Describe?nstances}, {@code *}). A name without wildcards gives that action or none.
   * The result is in catalogue order and may be shared: do not try to modify it.
   */
  public List<IamAction> expand(String pattern) {
    // The same few thousand patterns recur across a repository's policies and several rules expand
    // each (IAM102, IAM104, IAM105, IAM203): remember the answers, as written, up to a bound so a
    // repository of millions of distinct patterns cannot grow it without limit. The answers are
    // immutable lists, so sharing them between threads and runs is safe.
    List<IamAction> known = expanded.get(pattern);
    if (known != null) return known;
    List<IamAction> result = expandUncached(pattern);
    if (expanded.size() < EXPANDED_MAX) expanded.putIfAbsent(pattern, result);
    return result;
  }

  private static final int EXPANDED_MAX = 100_000;

  private final java.util.concurrent.ConcurrentHashMap<String, List<IamAction>> expanded =
      new java.util.concurrent.ConcurrentHashMap<>();

  private List<IamAction> expandUncached(String pattern) {
    String p = pattern.trim().toLowerCase(Locale.ROOT);
    if (p.equals("*")) {
      return actions();
    }
    int colon = p.indexOf(':');
    if (colon >= 0 && !Glob.hasWildcard(p.substring(0, colon))) {
      IamService s = servicesByPrefix.get(p.substring(0, colon));
      if (s == null) {
        return List.of();
      }
      String actionPart = p.substring(colon + 1);
      if (actionPart.equals("*")) {
        return s.actions();
      }
      if (!Glob.hasWildcard(actionPart)) {
        return s.action(actionPart).map(List::of).orElse(List.of());
      }
      Glob glob = Glob.compile(actionPart);
      List<IamAction> out = new ArrayList<>();
      for (int i = 0; i < s.actions().size(); i++) {
        if (glob.matches(s.lowerActionName(i))) {
          out.add(s.actions().get(i));
        }
      }
      return List.copyOf(out);
    }
    // A wildcard in the service part (rare: "s3*:Get*", "*:Describe*"). Action names hold no
    // colon, so with one colon in the pattern the two halves can be matched apart; otherwise
    // (no colon, "s3*Object") the whole "svc:name" text is matched.
    List<IamAction> out = new ArrayList<>();
    if (colon >= 0 && p.indexOf(':', colon + 1) < 0) {
      Glob serviceGlob = Glob.compile(p.substring(0, colon));
      String actionPart = p.substring(colon + 1);
      Glob actionGlob = Glob.compile(actionPart);
      boolean allActionsOfService = actionPart.equals("*");
      for (IamService s : services) {
        if (serviceGlob.matches(s.prefix().toLowerCase(Locale.ROOT))) {
          if (allActionsOfService) {
            out.addAll(s.actions());
            continue;
          }
          for (int i = 0; i < s.actions().size(); i++) {
            if (actionGlob.matches(s.lowerActionName(i))) {
              out.add(s.actions().get(i));
            }
          }
        }
      }
      return List.copyOf(out);
    }
    Glob glob = Glob.compile(p);
    for (IamService s : services) {
      String lowerPrefix = s.prefix().toLowerCase(Locale.ROOT) + ':';
      for (int i = 0; i < s.actions().size(); i++) {
        if (glob.matches(lowerPrefix + s.lowerActionName(i))) {
          out.add(s.actions().get(i));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The resource types, of any service, with an ARN pattern whose service field is this one
   * (case-insensitively): {@code catalog} gives Service Catalog's types, {@code s3} also the S3
   * type that Systems Manager documents. Decodes every service on first call (about a second in a
   * fresh JVM), so callers ask only when the ARN's own service's patterns did not match.
   */
  public List<ResourceType> resourceTypesWithArnService(String arnService) {
    Map<String, List<ResourceType>> index = typesByArnService;
    if (index == null) {
      Map<String, List<ResourceType>> built = new HashMap<>();
      for (IamService s : services) {
        for (ResourceType t : s.resourceTypes()) {
          for (String pattern : t.arnPatterns()) {
            String field = Arns.service(pattern);
            if (field == null) {
              continue;
            }
            String key = field.toLowerCase(Locale.ROOT);
            List<ResourceType> list = built.get(key);
            if (list == null) {
              list = new ArrayList<>();
              built.put(key, list);
            }
            if (!list.contains(t)) {
              list.add(t);
            }
          }
        }
      }
      for (Map.Entry<String, List<ResourceType>> e : built.entrySet()) {
        e.setValue(List.copyOf(e.getValue()));
      }
      // Racing threads build equal indexes; whichever is published last is as good as the first.
      index = Map.copyOf(built);
      typesByArnService = index;
    }
    return index.getOrDefault(arnService.toLowerCase(Locale.ROOT), List.of());
  }

  /** The resource types {@code svc:Name} takes (empty when unknown or when it takes none). */
  public List<ActionResource> resourceTypes(String fullName) {
    return action(fullName).map(IamAction::resourceTypes).orElse(List.of());
  }

  // ------------------------------------------------------------------------------ condition keys

  /** The AWS global condition context keys, from the source package's list. */
  public List<ConditionKey> globalConditionKeys() {
    return globalKeys;
  }

  /** Every condition key, global and service keys. */
  public List<ConditionKey> conditionKeys() {
    return allKeys;
  }

  /** The condition keys a service supports (empty for an unknown service). */
  public List<ConditionKey> conditionKeys(String servicePrefix) {
    return service(servicePrefix).map(IamService::conditionKeys).orElse(List.of());
  }

  /**
   * The definition of a condition key as written in a policy, case-insensitively. A key with a
   * filled-in variable part resolves to its template: {@code aws:ResourceTag/Owner} gives
   * {@code aws:ResourceTag/${TagKey}}, {@code s3:ExistingObjectTag/team} gives
   * {@code s3:ExistingObjectTag/<key>}. Federation keys ({@code saml:aud},
   * {@code token.actions.githubusercontent.com:sub}) are found too.
   */
  public Optional<ConditionKey> conditionKey(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    ConditionKey exact = keysByLowerName.get(lower);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (KeyTemplate t : variableKeys) {
      if (t.glob().matches(lower)) {
        return Optional.of(t.key());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the part of a condition key before the colon names a namespace the catalogue knows:
   * {@code aws}, a service prefix, or a federation prefix such as {@code saml} or an OIDC
   * provider ({@code token.actions.githubusercontent.com}). A rule can then tell "no such key in
   * a known namespace" from "a provider iam-lint has no data for".
   */
  public boolean knowsConditionKeyPrefix(String prefix) {
    String p = prefix.toLowerCase(Locale.ROOT);
    if (p.equals("aws") || servicesByPrefix.containsKey(p) || unassociatedPrefixes.containsKey(p)) {
      return true;
    }
    for (Glob g : variableUnassociatedPrefixes) {
      if (g.matches(p)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------- managed policies

  /** Every AWS managed policy, sorted by name. */
  public List<ManagedPolicy> managedPolicies() {
    return policies;
  }

  /**
   * An AWS managed policy by name ({@code AdministratorAccess}, {@code Billing}) or by path and
   * name ({@code job-function/Billing}, {@code /service-role/AWSLambdaRole}), exactly as AWS
   * spells it. A bare name finds the policy whatever its path, because AWS managed policy names
   * are unique.
   */
  public Optional<ManagedPolicy> managedPolicy(String nameOrPath) {
    if (nameOrPath.indexOf('/') < 0) {
      return Optional.ofNullable(policiesByName.get(nameOrPath));
    }
    String key = nameOrPath.startsWith("/") ? nameOrPath : "/" + nameOrPath;
    return Optional.ofNullable(policiesByPath.get(key));
  }

  /**
   * An AWS managed policy by ARN in any partition ({@code arn:aws:iam::aws:policy/job-function/Billing},
   * {@code arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess}). The path must be exact:
   * {@code arn:aws:iam::aws:policy/Billing} is not a policy.
   */
  public Optional<ManagedPolicy> managedPolicyByArn(String arn) {
    Matcher m = MANAGED_POLICY_ARN.matcher(arn);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.ofNullable(policiesByPath.get(m.group(2)));
  }

  // ------------------------------------------- known to AWS through its managed policies

  private ManagedPolicyUsage usage() {
    ManagedPolicyUsage u = managedPolicyUsage;
    if (u != null) return u;
    // Built once: the workers of a run meet their first unknown action within milliseconds of
    // each other, and two builds side by side cost a core ~60 ms that the run's own work needed.
    synchronized (usageLock) {
      u = managedPolicyUsage;
      if (u == null) {
        u = ManagedPolicyUsage.of(policies);
        managedPolicyUsage = u;
      }
      return u;
    }
  }

  /**
   * The name of an AWS managed policy whose {@code Action}/{@code NotAction} holds this text
   * (case-insensitively, as written there, wildcards included): an action the Service
   * Authorization Reference data may lack but that AWS itself grants. Reads every managed
   * policy's document on first call.
   */
  public Optional<String> managedPolicyUsingAction(String text) {
    return usage().action(text);
  }

  /** The name of an AWS managed policy with an action of this service prefix (see {@link #managedPolicyUsingAction}). */
  public Optional<String> managedPolicyUsingService(String prefix) {
    return usage().prefix(prefix);
  }

  /**
   * The name of an AWS managed policy with a statement that grants (or denies) this action, as
   * written there, under a condition on this key: AWS relies on the key applying to the action,
   * even where the reference data does not list it for the action.
   */
  public Optional<String> managedPolicyUsingKeyWithAction(String action, String key) {
    return usage().actionWithKey(action, key);
  }

  /** The name of an AWS managed policy with a condition on this key (see {@link #managedPolicyUsingAction}). */
  public Optional<String> managedPolicyUsingConditionKey(String key) {
    return usage().conditionKey(key);
  }

  // -------------------------------------------------------------------------------- suggestions

  /** Service prefixes nearest to an unknown one, best first ({@code s4} → {@code s3}). */
  public List<String> suggestServices(String prefix) {
    return nearest(prefix.toLowerCase(Locale.ROOT), services, s -> s.prefix().toLowerCase(Locale.ROOT))
        .stream().map(IamService::prefix).toList();
  }

  /**
   * Real actions nearest to an unknown {@code svc:Name}, best first: {@code s3:GetObjects} →
   * {@code s3:GetObject}, {@code ec2:describeinstance} → {@code ec2:DescribeInstances}. When the
   * service itself is unknown, the nearest services' actions are searched.
   */
  public List<String> suggestActions(String fullName) {
    String lower = fullName.trim().toLowerCase(Locale.ROOT);
    int colon = lower.indexOf(':');
    if (colon < 0) {
      return List.of();
    }
    String servicePart = lower.substring(0, colon);
    String actionPart = lower.substring(colon + 1);
    List<IamService> candidates = new ArrayList<>();
    IamService exact = servicesByPrefix.get(servicePart);
    if (exact != null) {
      candidates.add(exact);
    } else {
      candidates.addAll(nearest(servicePart, services, s -> s.prefix().toLowerCase(Locale.ROOT)));
    }
    List<Scored<IamAction>> scored = new ArrayList<>();
    for (IamService s : candidates) {
      int serviceDistance = EditDistance.distance(servicePart, s.prefix().toLowerCase(Locale.ROOT), 3);
      int max = threshold(actionPart);
      for (int i = 0; i < s.actions().size(); i++) {
        int d = EditDistance.distance(actionPart, s.lowerActionName(i), max);
        if (d <= max) {
          scored.add(new Scored<>(s.actions().get(i), serviceDistance + d, s.actions().get(i).fullName()));
        }
      }
    }
    return best(scored).stream().map(IamAction::fullName).toList();
  }

  /**
   * Real condition keys nearest to an unknown one ({@code aws:MultiFactorAuthPresnt} →
   * {@code aws:MultiFactorAuthPresent}). A key with a variable part is compared up to its slash,
   * so {@code aws:RequestTags/team} suggests {@code aws:RequestTag/${TagKey}}.
   */
  public List<String> suggestConditionKeys(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    int slash = lower.indexOf('/');
    String stem = slash < 0 ? lower : lower.substring(0, slash);
    List<Scored<ConditionKey>> scored = new ArrayList<>();
    int max = threshold(lower);
    for (ConditionKey k : allKeys) {
      String candidate = k.name().toLowerCase(Locale.ROOT);
      int d;
      if (k.hasVariable() && slash >= 0 && candidate.indexOf('/') >= 0) {
        d = EditDistance.distance(stem, candidate.substring(0, candidate.indexOf('/')), max);
      } else {
        d = EditDistance.distance(lower, candidate, max);
      }
      if (d <= max) {
        scored.add(new Scored<>(k, d, k.name()));
      }
    }
    return best(scored).stream().map(ConditionKey::name).distinct().toList();
  }

  /**
   * AWS managed policies nearest to an unknown name, path or ARN. The name is compared without
   * case and without path, so {@code arn:aws:iam::aws:policy/Billing} suggests
   * {@code job-function/Billing} and {@code administratoraccess} suggests
   * {@code AdministratorAccess}.
   */
  public List<ManagedPolicy> suggestManagedPolicies(String nameOrArn) {
    String s = nameOrArn.trim();
    String name = s.substring(s.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return nearest(name, policies, p -> p.name().toLowerCase(Locale.ROOT));
  }

  // ------------------------------------------------------------------------------------ helpers

  private record Scored<T>(T item, int distance, String name) {}

  /** How many edits still count as a typo: 1 for short names, up to 3 for long ones. */
  private static int threshold(String s) {
    return Math.max(1, Math.min(3, s.length() / 3));
  }

  private static <T> List<T> nearest(String query, List<T> items, Function<T, String> lowerName) {
    int max = threshold(query);
    List<Scored<T>> scored = new ArrayList<>();
    for (T item : items) {
      String candidate = lowerName.apply(item);
      int d = EditDistance.distance(query, candidate, max);
      if (d <= max) {
        scored.add(new Scored<>(item, d, candidate));
      }
    }
    return best(scored);
  }

  private static <T> List<T> best(List<Scored<T>> scored) {
    return scored.stream()
        .sorted(Comparator.<Scored<T>>comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(MAX_SUGGESTIONS)
        .map(Scored::item)
        .toList();
  }

  /** A variable ({@code ${TagKey}}, {@code <key>}) stands for one or more characters: {@code ?*}. */
  static String variablesToWildcards(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int end = -1;
      if (c == '$' && i + 1 < lower.length() && lower.charAt(i + 1) == '{') {
        end = lower.indexOf('}', i);
      } else if (c == '<') {
        end = lower.indexOf('>', i);
      }
      if (end > i) {
        out.append("?*");
        i = end;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "IamCatalog[" + metadata.sources() + ", " + services.size() + " services, "
        + policies.size() + " managed policies]";
  }
}
