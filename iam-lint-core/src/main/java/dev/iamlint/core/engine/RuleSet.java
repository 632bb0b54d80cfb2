package dev.iamlint.core.engine;

import dev.iamlint.core.LintException;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.ConfigLoader;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The rules of a run and their metadata, read once. The one place rules are looked up by id or
 * name (case-insensitive both) and "did you mean" is computed, for the configuration, {@code
 * --rule}, suppressions and {@code explain} alike. Ids and names are unique: a rule from a user's
 * jar cannot take a built-in rule's id or name.
 */
public final class RuleSet {

  private final List<Rule> rules;
  private final Map<Rule, RuleDescriptor> byRule;
  private final Map<String, RuleDescriptor> byKey;

  public RuleSet(List<Rule> rules) {
    Map<Rule, RuleDescriptor> desc = new IdentityHashMap<>();
    Map<String, RuleDescriptor> keys = new LinkedHashMap<>();
    for (Rule r : rules) {
      RuleDescriptor d = r.descriptor();
      // A rule from outside iam-lint (the Maven plugin's dependencies, a rule jar) may not look
      // like, or take the name of, a built-in one.
      if (!r.getClass().getName().startsWith("dev.iamlint.")) {
        String problem = RuleIds.problem(d.id(), d.name());
        if (problem != null) throw new LintException("rule " + d.className() + ": " + problem);
      }
      desc.put(r, d);
      for (String key : List.of(d.id(), d.name())) {
        RuleDescriptor prior = keys.putIfAbsent(key.toLowerCase(Locale.ROOT), d);
        if (prior != null && prior != d) {
          throw new LintException("two rules use '" + key + "': " + prior.className() + " (" + prior.id() + ") and "
              + d.className() + " (" + d.id() + ")");
        }
      }
    }
    List<Rule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparing(r -> desc.get(r).id()));
    this.rules = List.copyOf(sorted);
    this.byRule = desc;
    this.byKey = Map.copyOf(keys);
  }

  /** This set plus more rules (a run's rule jars and declarative rules); ids and names stay unique. */
  public RuleSet with(List<Rule> more) {
    if (more.isEmpty()) return this;
    List<Rule> all = new ArrayList<>(rules);
    all.addAll(more);
    return new RuleSet(all);
  }

  /**
   * This set plus the rules a run adds: the rule jars of the request ({@code --plugin}) and of the
   * configuration ({@code plugins:}), and the configuration's {@code customRules:}. What
   * {@code explain} and {@code rules} list, so that they know every rule a check would run.
   *
   * @throws LintException for a bad configuration or rule jar
   */
  public RuleSet forRequest(LintRequest request) {
    Path root = request.root().toAbsolutePath().normalize();
    Path configPath = ConfigLoader.locate(root, request.configFile());
    Config config = configPath == null ? Config.DEFAULT : ConfigLoader.load(configPath, root);
    return with(ExtraRules.of(config, request, root));
  }

  /** Every rule a ServiceLoader finds on this class loader (built-in and user jars). */
  public static RuleSet discover(ClassLoader loader) {
    return new RuleSet(discoverRules(loader));
  }

  /** The rules a ServiceLoader finds on this class loader. */
  public static List<Rule> discoverRules(ClassLoader loader) {
    List<Rule> out = new ArrayList<>();
    ClassLoader cl = loader != null ? loader : RuleSet.class.getClassLoader();
    for (Rule r : ServiceLoader.load(Rule.class, cl)) out.add(r);
    return out;
  }

  /** The rules, sorted by id. */
  public List<Rule> rules() {
    return rules;
  }

  /** The descriptors of every rule, sorted by id. */
  public List<RuleDescriptor> descriptors() {
    return rules.stream().map(byRule::get).toList();
  }

  public RuleDescriptor descriptor(Rule r) {
    return byRule.get(r);
  }

  /** The rule with this id or name, ignoring case. */
  public Optional<RuleDescriptor> find(String idOrName) {
    return idOrName == null ? Optional.empty() : Optional.ofNullable(byKey.get(idOrName.trim().toLowerCase(Locale.ROOT)));
  }

  /** {@code " (did you mean 'X'?)"} for the nearest id or name, or "". */
  public String suggest(String idOrName) {
    List<String> candidates = new ArrayList<>();
    for (RuleDescriptor d : descriptors()) {
      candidates.add(d.id());
      candidates.add(d.name());
    }
    String best = EditDistance.nearest(idOrName, candidates, Math.max(2, idOrName.length() / 3));
    return best != null ? " (did you mean '" + best + "'?)" : "";
  }
}
