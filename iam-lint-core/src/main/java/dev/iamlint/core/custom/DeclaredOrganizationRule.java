package dev.iamlint.core.custom;

import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.analysis.access.AccessEvaluator;
import dev.iamlint.core.analysis.access.AccessRequest;
import dev.iamlint.core.analysis.access.Decision;
import dev.iamlint.core.analysis.access.IdentityPolicies;
import dev.iamlint.core.analysis.access.OrgChain;
import dev.iamlint.core.analysis.access.OrgPolicies;
import dev.iamlint.core.analysis.access.Reason;
import dev.iamlint.core.analysis.access.StatementMatch;
import dev.iamlint.core.analysis.access.Verdict;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.Globs;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import dev.iamlint.core.workspace.AccessModel;
import dev.iamlint.core.workspace.Organization;
import dev.iamlint.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The organization-level form of a declarative rule ({@code customRules:} with
 * {@code organization:}): actions that no permission set may be allowed in the accounts of given
 * OUs or given accounts. For every permission set assigned to such an account, each Allow
 * statement of its policies (inline, customer managed, AWS managed from the catalogue) that
 * grants one of the actions (its wildcards and {@code NotAction} expanded) is evaluated the way
 * AWS evaluates a request of the permission set's role in that account ({@code core.analysis.access}):
 * the statement's conditions, the permission set's own denies, its permissions boundary, the SCP
 * chain from the root to the account, and the account's RCPs (which restrict access to the
 * account's own resources, for the services they cover).
 *
 * <p>A statement allowed for certain is a finding at the declared level, at the granting
 * {@code Action} value (the {@code NotAction} key; for an AWS managed policy, the permission
 * set's reference to it). A statement allowed only under conditions the repository does not
 * decide (a condition key, a resource pattern, a policy whose content is elsewhere) is a finding
 * of level note naming those keys: an error must be certain. The management account is in scope
 * when named (SCPs do not affect it, so nothing there denies).
 */
public final class DeclaredOrganizationRule implements WorkspaceRule, DeclaredRule {

  private static final String CERTAIN = "default";
  private static final String CONDITIONAL = "conditional";
  private static final int MAX_RELATED = 3;

  private final Config.CustomRule declaration;
  private final Config.OrgMatch scope;
  private final RuleDescriptor descriptor;
  private final Globs paths;
  private final String configPath;
  /** The declared actions, each expanded to catalogued names (a name the catalogue lacks stands for itself). */
  private final List<String> actions;
  private final List<String> warnings;

  /**
   * @param declaration the validated declaration (its {@code organization} is set)
   * @param configPath the configuration file's path relative to the root, for messages
   * @param catalog the run's catalogue, to expand the declared actions
   */
  public DeclaredOrganizationRule(Config.CustomRule declaration, String configPath, IamCatalog catalog) {
    this.declaration = declaration;
    this.scope = declaration.organization();
    this.configPath = configPath;
    this.paths = Globs.of(declaration.paths());
    List<String> warn = new ArrayList<>();
    Set<String> expanded = new LinkedHashSet<>();
    for (Config.Item item : scope.actions()) {
      String pattern = item.text();
      List<IamAction> found = catalog.expand(pattern);
      if (!found.isEmpty()) {
        for (IamAction a : found) expanded.add(a.fullName());
      } else if (Texts.hasWildcard(pattern)) {
        warn.add(at(item) + declaration.id() + ": no action in the IAM catalogue matches '" + pattern
            + "', so the rule never matches it");
      } else {
        // A new action the catalogue does not know yet is still granted by statements naming it
        // or a wildcard covering it; the warning catches typos.
        expanded.add(pattern);
        List<String> near = catalog.suggestActions(pattern);
        warn.add(at(item) + declaration.id() + ": '" + pattern + "' is not in the IAM catalogue"
            + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)"));
      }
    }
    this.actions = List.copyOf(expanded);
    this.warnings = List.copyOf(warn);
    this.descriptor = describe(declaration, configPath);
  }

  private String at(Config.Item item) {
    return configPath + ":" + item.span().startLine() + ":" + item.span().startColumn() + ": ";
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

  /**
   * OUs and accounts of the declaration that the repository's organization does not have (or the
   * organization missing altogether), each with file:line:col: the rule would silently check
   * nothing there.
   */
  public List<String> scopeWarnings(Workspace ws) {
    Organization org = ws.org().orElse(null);
    List<String> out = new ArrayList<>();
    if (org == null) {
      out.add(configPath + ":" + scope.span().startLine() + ":" + scope.span().startColumn() + ": " + declaration.id()
          + ": the repository describes no organization (Landing Zone Accelerator, Customizations for Control Tower, "
          + "CloudFormation, or the organization: section), so the rule checks nothing");
      return out;
    }
    for (Config.Item ou : scope.organizationalUnits()) {
      if (!org.isRoot(ou.text()) && org.ouByIdOrNameOrPath(ou.text()).isEmpty()) {
        out.add(at(ou) + declaration.id() + ": organizational unit '" + ou.text() + "' is not in the organization"
            + suggest(ou.text(), org.organizationalUnits().stream().map(Organization.Ou::name).toList()));
      }
    }
    for (Config.Item a : scope.accounts()) {
      if (org.accountByIdOrName(a.text()).isEmpty()) {
        out.add(at(a) + declaration.id() + ": account '" + a.text() + "' is not in the organization"
            + suggest(a.text(), org.accounts().stream().map(Organization::key).toList()));
      }
    }
    return out;
  }

  private static String suggest(String text, List<String> known) {
    String near = dev.iamlint.core.catalog.EditDistance.nearest(text, known, Math.max(1, Math.min(3, text.length() / 3)));
    return near == null ? "" : " (did you mean " + near + "?)";
  }

  private static RuleDescriptor describe(Config.CustomRule d, String configPath) {
    String summary = d.summary() != null ? d.summary() : plain(d.message());
    String description = d.description() != null ? d.description() : summary;
    Set<String> tags = new LinkedHashSet<>(d.tags());
    tags.add("custom");
    tags.add("organization");
    if (d.securitySeverity() != null) tags.add("security");
    String base = d.message().replace("{action}", "{0}").replace("{permissionSet}", "{1}").replace("{accounts}", "{2}");
    boolean placeholders = !base.equals(d.message());
    String certain = base + (placeholders ? "" : ": {1} allows {0} in {2}");
    String conditional = base + (placeholders ? "" : ": {1} may allow {0} in {2}")
        + ", depending on {3} (not decided in the repository)";
    return new RuleDescriptor(d.id(), d.name(), Level.parse(d.level()),
        d.securitySeverity() == null ? 0.0 : d.securitySeverity(), List.copyOf(tags), "", summary, description,
        Map.of(CERTAIN, certain, CONDITIONAL, conditional), Map.of(CONDITIONAL, Level.NOTE), docBody(d, configPath),
        configPath + ":" + d.span().startLine() + " (customRules)", d.helpUri(), List.of(), List.of());
  }

  private static String plain(String message) {
    return message.replace("{action}", "an action").replace("{permissionSet}", "a permission set")
        .replace("{accounts}", "an account");
  }

  /** The rule's page for {@code explain} and SARIF help. */
  private static String docBody(Config.CustomRule d, String configPath) {
    Config.OrgMatch o = d.organization();
    List<String> where = new ArrayList<>();
    if (!o.organizationalUnits().isEmpty()) {
      where.add("the accounts of the OUs " + code(Config.OrgMatch.texts(o.organizationalUnits())) + " (OUs below included)");
    }
    if (!o.accounts().isEmpty()) where.add("the accounts " + code(Config.OrgMatch.texts(o.accounts())));
    StringBuilder sb = new StringBuilder();
    sb.append("## What it does\n\nA rule of your organization, declared in `").append(configPath).append("` (line ")
        .append(d.span().startLine()).append("). No permission set may be allowed ")
        .append(code(Config.OrgMatch.texts(o.actions()))).append(" in ").append(String.join(" or ", where))
        .append(". It reports each statement of a permission set assigned there that grants one of these actions ")
        .append("(its wildcards and NotAction expanded) and that the SCPs reaching the account (and the account's RCPs, ")
        .append("the permission set's own denies and its permissions boundary) do not deny");
    if (!o.exceptPermissionSets().isEmpty()) {
      sb.append("; the permission sets ").append(code(Config.OrgMatch.texts(o.exceptPermissionSets()))).append(" may");
    }
    if (!d.paths().isEmpty()) sb.append("; only policies in ").append(code(d.paths())).append(" are reported");
    sb.append(".\n\nA grant allowed only when conditions hold that the repository does not decide (condition keys, ")
        .append("resources, policies whose content is elsewhere) is reported as a note naming them.\n\n## Message\n\n")
        .append(d.message()).append('\n');
    if (d.helpUri() != null) sb.append("\n## References\n\n- <").append(d.helpUri()).append(">\n");
    return sb.toString();
  }

  private static String code(List<String> values) {
    return String.join(", ", values.stream().map(v -> "`" + v + "`").toList());
  }

  /** What one granting statement (or AWS managed policy reference) is allowed, where, and what stays open. */
  private static final class Grant {
    final SourceFile file;
    /** The first granting element seen, and the first that grants for certain (null until one does). */
    Span span;
    String pointer;
    Span certainSpan;
    String certainPointer;
    final Set<String> permissionSets = new LinkedHashSet<>();
    final Set<String> certainActions = new LinkedHashSet<>();
    final Set<String> openActions = new LinkedHashSet<>();
    final Set<Organization.Account> certainIn = new LinkedHashSet<>();
    final Set<Organization.Account> openIn = new LinkedHashSet<>();
    final Set<String> keys = new LinkedHashSet<>();
    final Map<Organization.Account, Assignment.Target> targets = new LinkedHashMap<>();
    /** Open SCP steps, shown as related locations of a conditional finding. */
    final List<Reason> openSteps = new ArrayList<>();

    Grant(SourceFile file, Span span, String pointer) {
      this.file = file;
      this.span = span;
      this.pointer = pointer;
    }
  }

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    Organization org = ws.org().orElse(null);
    if (org == null || ws.permissionSets().isEmpty() || actions.isEmpty()) return;
    Set<String> inScope = accountsInScope(org);
    if (inScope.isEmpty()) return;
    AccessEvaluator evaluator = new AccessEvaluator(ctx.catalog());
    AccessModel model = new AccessModel(ws, evaluator.awsManaged());
    // The role's ARN shape leaves the account open, as for IAM604: a condition naming one
    // account's roles then stays open, which lowers a finding to a note, never invents one.
    String role = AccessRequest.permissionSetRole(null);
    Map<Object, Grant> byStatement = new IdentityHashMap<>();
    List<Grant> order = new ArrayList<>();
    for (PermissionSet ps : ws.permissionSets()) {
      if (ps.name() == null || excepted(ps.name().text())) continue;
      Map<Organization.Account, Assignment.Target> accounts = new LinkedHashMap<>(model.assignedAccounts(ps));
      accounts.keySet().removeIf(a -> !inScope.contains(Organization.key(a)));
      if (accounts.isEmpty()) continue;
      // Accounts with alike SCP and RCP chains get the same answers: evaluate one of each.
      Map<String, List<Organization.Account>> groups = new LinkedHashMap<>();
      for (Organization.Account a : accounts.keySet()) {
        groups.computeIfAbsent(model.scpChain(a).signature() + "\u0001" + model.rcpChain(a).signature(),
            k -> new ArrayList<>()).add(a);
      }
      IdentityPolicies identity = model.identity(ps);
      for (IdentityPolicies.Source src : identity.policies()) {
        if (src.document() == null) continue;
        boolean aws = src.kind() == IdentityPolicies.Kind.AWS_MANAGED;
        // Findings land at the grant: skip grants in no target of the run (a pre-commit run).
        if (!ctx.reportable(aws ? ps.file() : src.document().file())) continue;
        for (Statement s : src.document().statements()) {
          if (!s.isAllow()) continue;
          List<String> granted = granted(s);
          if (granted.isEmpty()) continue;
          List<String> resources = resources(s);
          for (List<Organization.Account> group : groups.values()) {
            Organization.Account first = group.get(0);
            OrgChain scps = model.scpChain(first);
            OrgChain rcps = model.rcpChain(first);
            for (String action : granted) {
              Outcome outcome = outcome(evaluator, identity, s, scps, rcps, action, resources, role);
              if (outcome.verdict() == Verdict.DENIED) continue;
              Object key = aws ? src : s;
              Grant g = byStatement.get(key);
              if (g == null) {
                Str at = aws ? null : grantingElement(s, action);
                g = aws ? new Grant(ps.file(), src.span(), null)
                    : new Grant(src.document().file(), at.span(), at.pointer());
                byStatement.put(key, g);
                order.add(g);
              }
              g.permissionSets.add(ps.name().text() + (aws ? " (AWS managed policy " + src.label() + ")" : ""));
              for (Organization.Account a : group) g.targets.putIfAbsent(a, accounts.get(a));
              if (outcome.verdict() == Verdict.ALLOWED) {
                if (g.certainSpan == null) {
                  Str at = aws ? null : grantingElement(s, action);
                  g.certainSpan = aws ? src.span() : at.span();
                  g.certainPointer = aws ? null : at.pointer();
                }
                g.certainActions.add(action);
                g.certainIn.addAll(group);
              } else {
                g.openActions.add(action);
                g.openIn.addAll(group);
                g.keys.addAll(outcome.keys());
                if (g.openSteps.isEmpty()) g.openSteps.addAll(outcome.openSteps());
              }
            }
          }
        }
      }
    }
    for (Grant g : order) {
      if (g.file == null || g.span == null) continue;
      if (!paths.isEmpty() && !paths.matches(g.file.relativePath())) continue;
      String who = (g.permissionSets.size() == 1 ? "permission set " : "permission sets ") + String.join(", ", g.permissionSets);
      if (!g.certainActions.isEmpty()) {
        ctx.report(g.file, g.certainSpan, g.certainPointer, CERTAIN, Texts.andMore(g.certainActions, 6), who,
            Texts.andMore(new LinkedHashSet<>(AccessModel.targetNames(org, g.targets, g.certainIn, true)), 4));
      } else {
        RuleContext.Report r = ctx.report(g.file, g.span, g.pointer, CONDITIONAL, Texts.andMore(g.openActions, 6), who,
            Texts.andMore(new LinkedHashSet<>(AccessModel.targetNames(org, g.targets, g.openIn, true)), 4),
            Texts.andMore(g.keys, 4));
        // The first open steps show where to look; explain-access gives them all.
        int shown = 0;
        for (Reason step : g.openSteps) {
          if (step.file() == null || step.span() == null || shown == MAX_RELATED) continue;
          r.related(step.file(), step.span(), step.text());
          shown++;
        }
      }
    }
  }

  private boolean excepted(String permissionSet) {
    for (Config.Item p : scope.exceptPermissionSets()) {
      if (Wildcard.matches(p.text(), permissionSet)) return true;
    }
    return false;
  }

  /** The accounts in scope, by {@link Organization#key}. */
  private Set<String> accountsInScope(Organization org) {
    Set<String> out = new LinkedHashSet<>();
    for (Config.Item ou : scope.organizationalUnits()) {
      if (org.isRoot(ou.text())) out.addAll(org.allAccounts());
      else org.ouByIdOrNameOrPath(ou.text()).ifPresent(o -> out.addAll(org.accountsBelow(o)));
    }
    for (Config.Item a : scope.accounts()) org.accountByIdOrName(a.text()).ifPresent(acc -> out.add(Organization.key(acc)));
    return out;
  }

  /** The declared actions the statement grants: named by an Action pattern, or not excluded by NotAction. */
  private List<String> granted(Statement s) {
    if (s.action() == null && s.notAction() == null) return List.of();
    List<String> out = new ArrayList<>();
    for (String a : actions) {
      if (StatementMatch.action(s, a) != null) out.add(a);
    }
    return out;
  }

  /** The Action value granting the action (the NotAction key). */
  private static Str grantingElement(Statement s, String action) {
    return StatementMatch.action(s, action);
  }

  /** What decides one action of one statement in one account group. */
  private record Outcome(Verdict verdict, Set<String> keys, List<Reason> openSteps) {}

  /**
   * The statement allows the action on one of its resources for certain (ALLOWED), under open
   * conditions (DEPENDS), or never (DENIED): its own conditions and resources, the identity's
   * denies, the boundary, the SCPs and the RCPs, all of which must let it through.
   */
  private static Outcome outcome(AccessEvaluator evaluator, IdentityPolicies identity, Statement s, OrgChain scps,
      OrgChain rcps, String action, List<String> resources, String role) {
    Verdict best = Verdict.DENIED;
    Set<String> keys = new LinkedHashSet<>();
    List<Reason> steps = new ArrayList<>();
    for (String resource : resources) {
      AccessRequest request = new AccessRequest(action, resource, Map.of(), false, role);
      StatementMatch.Applies own = StatementMatch.applies(s, request);
      if (own.value() == StatementMatch.Tri.NO) continue;
      Decision d = new Decision(own.value() == StatementMatch.Tri.YES ? Verdict.ALLOWED : Verdict.DEPENDS, List.of(),
          own.dependsOn());
      d = d.and(denies(identity, request));
      if (!identity.boundary().isEmpty()) d = d.and(AccessEvaluator.boundary(identity, request));
      Decision scp = evaluator.scpVerdict(scps, request);
      d = d.and(scp).and(OrgPolicies.rcps(rcps, request));
      if (d.verdict() == Verdict.ALLOWED) return new Outcome(Verdict.ALLOWED, Set.of(), List.of());
      if (d.verdict() == Verdict.DEPENDS) {
        best = Verdict.DEPENDS;
        keys.addAll(d.dependsOn());
        // The cached SCP verdict keeps only certain denials; the open steps come from the full evaluation.
        List<Reason> all = new ArrayList<>(d.reasons());
        if (scp.verdict() == Verdict.DEPENDS) all.addAll(OrgPolicies.scps(scps, request).reasons());
        for (Reason r : all) if (r.effect() == Verdict.DEPENDS && !steps.contains(r)) steps.add(r);
      }
    }
    return new Outcome(best, keys, steps);
  }

  /** The permission set's own Deny statements: an explicit deny wins over the grant. */
  private static Decision denies(IdentityPolicies identity, AccessRequest request) {
    Verdict v = Verdict.ALLOWED;
    Set<String> keys = new LinkedHashSet<>();
    for (IdentityPolicies.Source src : identity.policies()) {
      if (src.document() == null) continue; // content elsewhere: it may deny, but a grant we see is still a grant
      for (Statement s : src.document().statements()) {
        if (!s.isDeny()) continue;
        StatementMatch.Applies a = StatementMatch.applies(s, request);
        if (a.value() == StatementMatch.Tri.YES) return new Decision(Verdict.DENIED, List.of(), Set.of());
        if (a.value() == StatementMatch.Tri.MAYBE) {
          v = Verdict.DEPENDS;
          keys.addAll(a.dependsOn());
        }
      }
    }
    return new Decision(v, List.of(), keys);
  }

  /** The statement's resources to evaluate: null (any) for {@code "*"}, NotResource or templated values. */
  private static List<String> resources(Statement s) {
    if (s.resource() == null || s.resource().hasStar()) return Collections.singletonList(null);
    List<String> out = new ArrayList<>();
    for (Str r : s.resource().values()) {
      if (Texts.isTemplated(r.text()) || r.text().contains("${")) return Collections.singletonList(null);
      out.add(r.text());
    }
    return out.isEmpty() ? Collections.singletonList(null) : out;
  }

  @Override
  public String toString() {
    return declaration.id() + " " + declaration.name();
  }
}
