package dev.iamlint.core.engine;

import dev.iamlint.core.LintException;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.custom.DeclaredRule;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleCatalogue;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleIds;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.RuleOptions;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the user set for each rule, resolved and validated once per run: a level, off, or the
 * rule's own (no entry), and its options checked against the rule's declared options.
 * "Off" is not a level: an off rule does not run at all.
 *
 * @param levels rule id to the level the user set
 * @param off ids of rules turned off
 * @param options rule id to its validated options
 * @param notices notes for settings that name catalogued rules this version does not implement
 */
public record RuleSettings(Map<String, Level> levels, Set<String> off, Map<String, RuleOptions> options,
    List<Notification> notices) {

  public RuleSettings {
    levels = Map.copyOf(levels);
    off = Set.copyOf(off);
    options = Map.copyOf(options);
    notices = List.copyOf(notices);
  }

  /**
   * Resolves the configuration's {@code rules:} and the request's levels (applied after it).
   *
   * @throws LintException naming every unknown rule, bad level and bad option, with positions
   */
  public static RuleSettings resolve(RuleSet rules, Config config, Map<String, String> requestLevels) {
    Map<String, Level> levels = new HashMap<>();
    Set<String> off = new HashSet<>();
    Map<String, RuleOptions> options = new HashMap<>();
    List<Notification> notices = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String cfg = config.file() == null ? ".iam-lint.yaml" : config.file().relativePath();
    config.rules().forEach((name, rc) -> {
      String at = cfg + ":" + rc.span().startLine() + ":" + rc.span().startColumn() + ": ";
      RuleDescriptor d = rules.find(name).orElse(null);
      if (d == null) {
        unknown(rules, name, at, "unknown rule '" + name + "'", errors, notices, cfg);
        return;
      }
      if (rc.level() != null) set(levels, off, d.id(), rc.level(), at + "rules." + name + ".level", errors);
      validateOptions(d, rc.options(), at + "rules." + name + ".options", errors);
      options.put(d.id(), rc.options());
    });
    for (Config.Suppression s : config.suppressions()) {
      if (rules.find(s.rule()).isEmpty() && RuleCatalogue.idOf(s.rule()) == null) {
        String at = cfg + ":" + s.span().startLine() + ":" + s.span().startColumn() + ": ";
        if (notLoaded(rules, s.rule())) {
          notices.add(new Notification(Level.WARNING, at + "suppression names rule " + s.rule() + ", " + notLoaded(s.rule()), null));
        } else {
          errors.add(at + "suppression names unknown rule '" + s.rule() + "'" + rules.suggest(s.rule()));
        }
      }
    }
    for (Rule r : rules.rules()) {
      if (r instanceof DeclaredRule d) {
        // The message starts with the file, line and column; a path would repeat the file.
        for (String w : d.warnings()) notices.add(new Notification(Level.WARNING, w, null));
      }
    }
    requestLevels.forEach((name, level) -> {
      RuleDescriptor d = rules.find(name).orElse(null);
      if (d == null) {
        unknown(rules, name, "", "unknown rule '" + name + "'", errors, notices, null);
      } else {
        set(levels, off, d.id(), level, "rule " + name, errors);
      }
    });
    if (!errors.isEmpty()) throw new LintException(String.join("\n", errors));
    return new RuleSettings(levels, off, options, notices);
  }

  /** What a setting for a custom rule id that no loaded rule has means, naming the jar by the id's prefix. */
  static String notLoaded(String id) {
    return "which no built-in, declared (customRules:) or loaded rule has: the rule jar with the " + RuleIds.prefix(id)
        + " rules is not loaded (add it with --plugin, plugins: in .iam-lint.yaml, or the Maven plugin's "
        + "<dependencies>); the setting is ignored";
  }

  /**
   * True for a custom rule id (the id format, not the reserved prefix) that no loaded rule has
   * and that is not a near miss of one: a shared configuration for a rule jar that this run lacks.
   */
  static boolean notLoaded(RuleSet rules, String name) {
    return RuleIds.isCustomId(name) && rules.find(name).isEmpty() && rules.suggest(name.trim()).isEmpty();
  }

  /**
   * A catalogued rule this version lacks is a note (one configuration works across versions); a
   * custom rule id no loaded rule has is a warning (the configuration is shared with runs that
   * have the rule jar); anything else an error, with the nearest rule.
   */
  private static void unknown(RuleSet rules, String name, String at, String message, List<String> errors,
      List<Notification> notices, String cfg) {
    String catalogued = RuleCatalogue.idOf(name);
    if (catalogued != null) {
      notices.add(new Notification(Level.NOTE, "rule " + name + " is in the rule catalogue but not implemented in this "
          + "version; its setting is ignored", cfg));
    } else if (notLoaded(rules, name)) {
      notices.add(new Notification(Level.WARNING, at + "rule " + name.trim() + " is configured, " + notLoaded(name),
          null));
    } else {
      errors.add(at + message + rules.suggest(name));
    }
  }

  /** "off" (or "none") turns a rule off; a later setting replaces an earlier one. */
  private static void set(Map<String, Level> levels, Set<String> off, String id, String text, String where,
      List<String> errors) {
    String t = text.trim();
    if (t.equalsIgnoreCase("off") || t.equalsIgnoreCase("none")) {
      off.add(id);
      levels.remove(id);
      return;
    }
    try {
      levels.put(id, Level.parse(t));
      off.remove(id);
    } catch (IllegalArgumentException e) {
      errors.add(where + ": '" + text + "' is not a level (expected error, warning, note or off)");
    }
  }

  /** Every rule declares the options it reads, so a rule that declares none takes none. */
  private static final boolean STRICT_WITHOUT_DECLARATIONS = true;

  /** Every option must be one the rule declares, of the declared type. */
  static void validateOptions(RuleDescriptor d, RuleOptions given, String where, List<String> errors) {
    List<String> declared = d.options().stream().map(RuleInfo.Option::name).toList();
    if (declared.isEmpty() && !STRICT_WITHOUT_DECLARATIONS) return;
    for (Map.Entry<String, Object> e : given.values().entrySet()) {
      RuleInfo.Option o = d.option(e.getKey());
      if (o == null) {
        String near = EditDistance.nearest(e.getKey(), declared, Math.max(2, e.getKey().length() / 3));
        errors.add(where + ": " + d.id() + " has no option '" + e.getKey() + "'"
            + (near != null ? " (did you mean '" + near + "'?)"
                : declared.isEmpty() ? " (it takes no options)" : " (its options: " + String.join(", ", declared) + ")"));
        continue;
      }
      String problem = typeProblem(o.type(), e.getValue());
      if (problem != null) errors.add(where + "." + e.getKey() + ": " + problem);
    }
  }

  private static String typeProblem(RuleInfo.OptionType type, Object v) {
    String text = v instanceof List<?> ? null : String.valueOf(v).trim();
    switch (type) {
      case STRING_LIST:
        return null; // a single value counts as a list of one
      case STRING:
        return v instanceof List<?> || v instanceof Map<?, ?> ? "expected a single value" : null;
      case INTEGER:
        return text != null && text.matches("-?\\d{1,18}") ? null : "expected a whole number, not " + v;
      case BOOLEAN:
        return text != null && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) ? null
            : "expected true or false, not " + v;
      case DURATION:
        // A whole number is a duration in the unit the rule documents (IAM505: minutes).
        return text != null && (isDuration(text) || text.matches("\\d{1,9}")) ? null
            : "expected an ISO-8601 duration such as P90D or PT12H, not " + v;
      default:
        return null;
    }
  }

  private static boolean isDuration(String t) {
    String u = t.toUpperCase(Locale.ROOT);
    try {
      Duration.parse(u);
      return true;
    } catch (DateTimeParseException e) {
      try {
        Period.parse(u);
        return true;
      } catch (DateTimeParseException e2) {
        return false;
      }
    }
  }
}
