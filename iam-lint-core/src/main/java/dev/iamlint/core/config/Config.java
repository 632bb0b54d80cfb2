package dev.iamlint.core.config;

import dev.iamlint.core.Level;
import dev.iamlint.core.RuleOptions;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The validated {@code .iam-lint.yaml} (see CONFIG.md). Every field has its default when the key
 * is absent.
 *
 * @param file the configuration file, or null when there is none
 * @param include include globs; empty means the default
 * @param failLevel null when not set
 * @param now null when not set
 * @param rules per rule id or name
 * @param kinds kind name (scp, rcp, managedPolicy, userPolicy, ...) to globs
 * @param customRules the declarative rules of {@code customRules:}, in file order
 * @param plugins rule jars of {@code plugins:}, as written (relative to the configuration file's folder)
 */
public record Config(
    SourceFile file,
    List<String> include,
    List<String> exclude,
    FailLevel failLevel,
    Instant now,
    Map<String, RuleConfig> rules,
    Map<String, List<String>> kinds,
    Temporary temporary,
    ScpGuardrails scpGuardrails,
    Organization organization,
    List<Suppression> suppressions,
    String baseline,
    Limits limits,
    List<CustomRule> customRules,
    List<FileRef> plugins) {

  /** The default include globs. */
  public static final List<String> DEFAULT_INCLUDE =
      List.of("**/*.json", "**/*.yaml", "**/*.yml", "**/*.template");

  public static final Config DEFAULT = new Config(null, List.of(), List.of(), null, null, Map.of(), Map.of(),
      Temporary.DEFAULT, ScpGuardrails.DEFAULT, null, List.of(), null, Limits.DEFAULT, List.of(), List.of());

  public Config {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    rules = Map.copyOf(rules);
    kinds = Map.copyOf(kinds);
    suppressions = List.copyOf(suppressions);
    customRules = List.copyOf(customRules);
    plugins = List.copyOf(plugins);
  }

  /**
   * A declarative rule of {@code customRules:} (see docs/custom-rules.md): statements that match
   * {@code match} in documents of the given kinds and paths are reported with {@code message}.
   *
   * @param level error, warning or note
   * @param kinds document kinds it looks at (identity, resource, trust, scp, rcp, permissionSet)
   * @param paths globs of the files it looks at; empty for every file
   * @param match what a statement must be (null for an organization-level rule)
   * @param organization the organization-level form (null for a statement rule); exactly one of
   *     {@code match} and {@code organization} is given
   * @param idSpan where the id is written (load errors point at it)
   */
  public record CustomRule(String id, String name, String level, String message, String summary, String description,
      Double securitySeverity, List<String> tags, String helpUri, List<String> kinds, List<String> paths, Match match,
      OrgMatch organization, Span span, Span idSpan, Span nameSpan) {
    public CustomRule {
      tags = List.copyOf(tags);
      kinds = List.copyOf(kinds);
      paths = List.copyOf(paths);
    }
  }

  /**
   * What a statement must be to match a declarative rule; every given part must hold (an absent
   * one always does).
   *
   * @param effect Allow or Deny
   * @param actions actions (wildcards allowed) the statement must grant, at least one; a
   *     statement's {@code Action} wildcards and {@code NotAction} are expanded
   * @param resources ARN patterns; the statement's resources must take in one of them
   * @param principals principal patterns; the statement's {@code Principal} must name one of them
   * @param presentConditionKeys condition keys of which the statement must test at least one
   * @param missingConditionKeys condition keys of which the statement must test at least one not
   * @param actionsSpans where each action is written, parallel to {@code actions}
   */
  public record Match(String effect, List<String> actions, List<String> resources, List<String> principals,
      List<String> presentConditionKeys, List<String> missingConditionKeys, List<Span> actionsSpans) {
    public Match {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
      principals = List.copyOf(principals);
      presentConditionKeys = List.copyOf(presentConditionKeys);
      missingConditionKeys = List.copyOf(missingConditionKeys);
      actionsSpans = List.copyOf(actionsSpans);
    }
  }

  /**
   * The organization-level form of a declarative rule: actions that no permission set may be
   * allowed in the accounts in scope once the SCPs (and RCPs) of each account are applied.
   *
   * @param actions actions, wildcards allowed; at least one
   * @param organizationalUnits OUs (name, path or id; {@code Root} for the whole organization)
   *     whose accounts, OUs below included, are in scope
   * @param accounts accounts (name or id) in scope
   * @param exceptPermissionSets permission sets (names, wildcards allowed) that may be allowed them
   * @param span where {@code organization:} is written
   */
  public record OrgMatch(List<Item> actions, List<Item> organizationalUnits, List<Item> accounts,
      List<Item> exceptPermissionSets, Span span) {
    public OrgMatch {
      actions = List.copyOf(actions);
      organizationalUnits = List.copyOf(organizationalUnits);
      accounts = List.copyOf(accounts);
      exceptPermissionSets = List.copyOf(exceptPermissionSets);
    }

    /** The texts of a list of items. */
    public static List<String> texts(List<Item> items) {
      return items.stream().map(Item::text).toList();
    }
  }

  /** A value written in the configuration, with where it is written (messages about it point there). */
  public record Item(String text, Span span) {}

  /** A rule's level ({@code off} disables) and options, with where it was configured. */
  public record RuleConfig(String level, RuleOptions options, Span span) {}

  /** What IAM405/IAM406 treat as temporary access. */
  public record Temporary(List<String> paths, List<String> permissionSets, String tag) {
    public static final Temporary DEFAULT = new Temporary(List.of(), List.of(), "iam-lint:temporary");

    public Temporary {
      paths = List.copyOf(paths);
      permissionSets = List.copyOf(permissionSets);
    }
  }

  /** The SCP guardrail baseline additions (IAM603). */
  public record ScpGuardrails(boolean replaceDefault, List<Guardrail> baseline) {
    public static final ScpGuardrails DEFAULT = new ScpGuardrails(false, List.of());

    public ScpGuardrails {
      baseline = List.copyOf(baseline);
    }
  }

  /** A named set of actions that must be denied for all principals. */
  public record Guardrail(String name, List<String> actions) {
    public Guardrail {
      actions = List.copyOf(actions);
    }
  }

  /**
   * The {@code organization:} section: root, OUs and accounts, with the customer SCP files
   * attached to each.
   */
  public record Organization(String managementAccount, Target root, List<Target> organizationalUnits,
      List<Target> accounts, Span span) {
    public Organization {
      organizationalUnits = List.copyOf(organizationalUnits);
      accounts = List.copyOf(accounts);
    }
  }

  /**
   * A root, OU or account of the {@code organization:} section.
   *
   * @param parent the parent OU's name or id (OUs), or the OU (accounts); null for the root
   */
  public record Target(String name, String id, String parent, boolean fullAwsAccess, List<FileRef> scps,
      List<FileRef> rcps, Span span) {
    public Target {
      scps = List.copyOf(scps);
      rcps = List.copyOf(rcps);
    }
  }

  /** A policy file named in the configuration (relative to the lint root), and where. */
  public record FileRef(String path, Span span) {}

  /** A suppression: findings of one rule in matching paths, with a mandatory reason. */
  public record Suppression(String rule, List<String> paths, String reason, LocalDate expires, Span span) {
    public Suppression {
      paths = List.copyOf(paths);
    }
  }
}
