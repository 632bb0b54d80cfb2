package dev.iamlint.core.custom;

import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.Globs;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Principal;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule declared in {@code customRules:} of {@code .iam-lint.yaml}: one finding per statement
 * that matches the declaration, at the element that makes it match. Immutable; the actions the
 * declaration names are expanded with the catalogue once, when the rule is made.
 */
public final class DeclarativeRule implements DocumentRule, DeclaredRule {

  /**
   * The kinds a rule looks at when it names none: an SCP's or RCP's Allow grants nothing, it sets
   * the maximum (AWS Organizations User Guide, "SCP evaluation",
   * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html).
   */
  static final List<String> DEFAULT_KINDS = List.of("identity", "resource", "trust");

  private final RuleDescriptor descriptor;
  private final Config.CustomRule declaration;
  private final Set<PolicyKind> kinds;
  private final boolean permissionSetsOnly;
  private final Globs paths;
  private final String effect;
  /** The declared actions, each expanded to catalogued names (a name the catalogue lacks stands for itself). */
  private final List<String> actions;
  /** The declaration names {@code "*"}: every action. */
  private final boolean anyAction;
  private final List<String> warnings;

  /**
   * @param declaration the validated declaration
   * @param configPath the configuration file's path relative to the root, for messages
   * @param catalog the run's catalogue, to expand the declared actions (null: no expansion)
   */
  public DeclarativeRule(Config.CustomRule declaration, String configPath, IamCatalog catalog) {
    this.declaration = declaration;
    Config.Match m = declaration.match();
    List<String> kindNames = declaration.kinds().isEmpty() ? DEFAULT_KINDS : declaration.kinds();
    Set<PolicyKind> k = new LinkedHashSet<>();
    boolean onlyPs = true;
    for (String name : kindNames) {
      switch (name) {
        case "identity" -> { k.add(PolicyKind.IDENTITY); onlyPs = false; }
        case "resource" -> { k.add(PolicyKind.RESOURCE); onlyPs = false; }
        case "trust" -> { k.add(PolicyKind.TRUST); onlyPs = false; }
        case "scp" -> { k.add(PolicyKind.SCP); onlyPs = false; }
        case "rcp" -> { k.add(PolicyKind.RCP); onlyPs = false; }
        case "permissionSet" -> k.add(PolicyKind.IDENTITY);
        default -> throw new IllegalArgumentException("unknown kind " + name);
      }
    }
    this.kinds = Set.copyOf(k);
    this.permissionSetsOnly = onlyPs;
    this.paths = Globs.of(declaration.paths());
    this.effect = m.effect() == null ? "Allow" : m.effect();
    List<String> warn = new ArrayList<>();
    Set<String> expanded = new LinkedHashSet<>();
    boolean all = false;
    for (int i = 0; i < m.actions().size(); i++) {
      String pattern = m.actions().get(i).trim();
      if (pattern.equals("*")) {
        // Every action: any statement with an Action or NotAction grants one; no need to expand.
        all = true;
        continue;
      }
      List<IamAction> found = catalog == null ? List.of() : catalog.expand(pattern);
      if (!found.isEmpty()) {
        for (IamAction a : found) expanded.add(a.fullName());
      } else if (pattern.contains("*") || pattern.contains("?")) {
        warn.add(where(configPath, m, i) + declaration.id() + ": no action in the IAM catalogue matches '" + pattern
            + "', so the rule never matches it");
      } else {
        // A new action the catalogue does not know yet still matches statements that name it or a
        // wildcard covering it, so it is kept; the warning catches typos.
        expanded.add(pattern);
        if (catalog != null) {
          List<String> near = catalog.suggestActions(pattern);
          warn.add(where(configPath, m, i) + declaration.id() + ": '" + pattern + "' is not in the IAM catalogue"
              + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)"));
        }
      }
    }
    this.actions = List.copyOf(expanded);
    this.anyAction = all;
    this.warnings = List.copyOf(warn);
    this.descriptor = describe(declaration, configPath);
  }

  private static String where(String configPath, Config.Match m, int i) {
    return i < m.actionsSpans().size() ? configPath + ":" + m.actionsSpans().get(i).startLine() + ":"
        + m.actionsSpans().get(i).startColumn() + ": " : configPath + ": ";
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public Config.CustomRule declaration() {
    return declaration;
  }

  @Override
  public RuleDescriptor descriptor() {
    return descriptor;
  }

  private static RuleDescriptor describe(Config.CustomRule d, String configPath) {
    String summary = d.summary() != null ? d.summary() : plain(d.message());
    String description = d.description() != null ? d.description() : summary;
    Set<String> tags = new LinkedHashSet<>(d.tags());
    tags.add("custom");
    if (d.securitySeverity() != null) tags.add("security");
    // {action} is the one placeholder of a declared message; the descriptor's templates number them.
    String template = d.message().replace("{action}", "{0}");
    return new RuleDescriptor(d.id(), d.name(), Level.parse(d.level()),
        d.securitySeverity() == null ? 0.0 : d.securitySeverity(), List.copyOf(tags), "", summary, description,
        Map.of("default", template), Map.of(), docBody(d, configPath), configPath + ":" + d.span().startLine()
        + " (customRules)", d.helpUri(), List.of(), List.of());
  }

  private static String plain(String message) {
    return message.replace("{action}", "an action");
  }

  /** The rule's page for {@code explain} and SARIF help, in the shape of the built-in rules' pages. */
  private static String docBody(Config.CustomRule d, String configPath) {
    Config.Match m = d.match();
    StringBuilder sb = new StringBuilder();
    sb.append("## What it does\n\nA rule of your organization, declared in `").append(configPath).append("` (line ")
        .append(d.span().startLine()).append("). It reports every ").append(m.effect() == null ? "Allow" : m.effect())
        .append(" statement");
    List<String> kinds = d.kinds().isEmpty() ? DEFAULT_KINDS : d.kinds();
    sb.append(" of a ").append(String.join(", ", kinds)).append(" policy");
    if (!d.paths().isEmpty()) sb.append(" in ").append(code(d.paths()));
    List<String> parts = new ArrayList<>();
    if (!m.actions().isEmpty()) parts.add("grants one of " + code(m.actions()) + " (its wildcards and NotAction expanded)");
    if (!m.resources().isEmpty()) parts.add("applies to a resource matching " + code(m.resources()));
    if (!m.principals().isEmpty()) parts.add("names a principal matching " + code(m.principals()));
    if (!m.presentConditionKeys().isEmpty()) parts.add("tests one of the condition keys " + code(m.presentConditionKeys()));
    if (!m.missingConditionKeys().isEmpty()) parts.add("does not test one of the condition keys " + code(m.missingConditionKeys()));
    if (!parts.isEmpty()) sb.append(" that ").append(String.join(", and ", parts));
    sb.append(".\n\n## Message\n\n").append(d.message()).append('\n');
    if (d.helpUri() != null) sb.append("\n## References\n\n- <").append(d.helpUri()).append(">\n");
    return sb.toString();
  }

  private static String code(List<String> values) {
    return String.join(", ", values.stream().map(v -> "`" + v + "`").toList());
  }

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (!kinds.contains(policy.kind())) return;
    if (permissionSetsOnly && !policy.uses().contains(PolicyUse.PERMISSION_SET_INLINE)) return;
    if (!paths.isEmpty() && !paths.matches(ctx.file().relativePath())) return;
    if (s.effect() == null || !effect.equals(s.effect().text())) return;
    Config.Match m = declaration.match();

    Str at = null;
    String action = null;
    if (!m.actions().isEmpty()) {
      if (anyAction) {
        at = anyGrant(s);
        if (at != null) action = at.text();
      }
      for (int i = 0; at == null && i < actions.size(); i++) {
        String a = actions.get(i);
        Str grant = Grants.grant(s, a);
        if (grant != null) {
          at = grant;
          action = a;
        }
      }
      if (at == null) return;
    }
    if (!m.resources().isEmpty()) {
      Str r = resource(s, m.resources());
      if (r == null) return;
      if (at == null) at = r;
    }
    if (!m.principals().isEmpty()) {
      Str p = principal(s, m.principals());
      if (p == null) return;
      // The principal is what such a rule is about (whom the policy lets in), more than the action.
      at = p;
    }
    if (!m.missingConditionKeys().isEmpty() && !missesOne(s, m.missingConditionKeys())) return;
    if (!m.presentConditionKeys().isEmpty()) {
      Str key = presentKey(s, m.presentConditionKeys());
      if (key == null) return;
      at = key;
    }
    if (at == null) at = s.effect();
    ctx.report(at, "default", action != null ? action : at.text());
  }

  /** The first written Action value, or the NotAction key unless it excludes everything; null when neither. */
  private static Str anyGrant(Statement s) {
    if (s.action() != null) {
      for (Str v : s.action().values()) {
        if (!v.text().isBlank() && !Templates.isTemplated(v.text())) return v;
      }
      return null;
    }
    if (s.notAction() != null && !s.notAction().hasStar()) return s.notAction().key();
    return null;
  }

  /**
   * The statement's element that takes in one of the patterns: a Resource value that covers a
   * pattern or is covered by it ({@code *} covers every ARN), or the NotResource key when no
   * NotResource value excludes the pattern. Templated values are unknown and match nothing.
   */
  private static Str resource(Statement s, List<String> patterns) {
    if (s.resource() != null) {
      for (Str v : s.resource().values()) {
        String t = v.text().trim();
        if (Templates.isTemplated(t)) continue;
        for (String p : patterns) {
          if (overlap(t, p, false)) return v;
        }
      }
      return null;
    }
    if (s.notResource() != null) return unlessExcluded(s.notResource(), patterns, false);
    return null;
  }

  /** The statement's Principal value that names one of the patterns, or the NotPrincipal key when it excludes none. */
  private static Str principal(Statement s, List<String> patterns) {
    Principal p = s.principal();
    if (p != null) {
      if (p.star() != null) return p.star();
      for (Map.Entry<String, ValueList> e : p.byType().entrySet()) {
        for (Str v : e.getValue().values()) {
          String t = account(v.text().trim());
          if (Templates.isTemplated(t)) continue;
          for (String pattern : patterns) {
            if (overlap(t, account(pattern.trim()), false)) return v;
          }
        }
      }
      return null;
    }
    Principal not = s.notPrincipal();
    if (not == null) return null;
    for (String pattern : patterns) {
      boolean excluded = false;
      for (ValueList list : not.byType().values()) {
        for (Str v : list.values()) {
          String t = account(v.text().trim());
          if (Templates.isTemplated(t) || Wildcard.matches(t, account(pattern.trim()))) excluded = true;
        }
      }
      if (!excluded) return not.key();
    }
    return null;
  }

  /**
   * An account id stands for its root principal ARN (IAM User Guide, "AWS JSON policy elements:
   * Principal", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html:
   * the account ARN and the shortened account id behave the same way).
   */
  private static String account(String text) {
    return text.matches("[0-9]{12}") ? "arn:aws:iam::" + text + ":root" : text;
  }

  private static Str unlessExcluded(ValueList not, List<String> patterns, boolean ignoreCase) {
    for (String p : patterns) {
      boolean excluded = false;
      for (Str v : not.values()) {
        String t = v.text().trim();
        if (Templates.isTemplated(t) || (ignoreCase ? Wildcard.matchesIgnoreCase(t, p) : Wildcard.matches(t, p))) {
          excluded = true;
          break;
        }
      }
      if (!excluded) return not.key();
    }
    return null;
  }

  /** Whether two IAM patterns can name the same thing, as far as one covering the other shows. */
  private static boolean overlap(String statementValue, String pattern, boolean ignoreCase) {
    return ignoreCase
        ? Wildcard.matchesIgnoreCase(statementValue, pattern) || Wildcard.matchesIgnoreCase(pattern, statementValue)
        : Wildcard.matches(statementValue, pattern) || Wildcard.matches(pattern, statementValue);
  }

  /** True when one of the keys is tested by no condition of the statement (keys compare case-insensitively). */
  private static boolean missesOne(Statement s, List<String> keys) {
    for (String k : keys) {
      boolean tested = false;
      for (Condition c : s.conditions()) {
        if (c.key() != null && Wildcard.matchesIgnoreCase(k.trim(), c.key().text().trim())) {
          tested = true;
          break;
        }
      }
      if (!tested) return true;
    }
    return false;
  }

  /** The first condition key of the statement that is one of the keys, or null. */
  private static Str presentKey(Statement s, List<String> keys) {
    for (Condition c : s.conditions()) {
      if (c.key() == null) continue;
      for (String k : keys) {
        if (Wildcard.matchesIgnoreCase(k.trim(), c.key().text().trim())) return c.key();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return declaration.id() + " " + declaration.name();
  }
}
