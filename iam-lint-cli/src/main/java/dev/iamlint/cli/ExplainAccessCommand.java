package dev.iamlint.cli;

import dev.iamlint.core.analysis.access.AccessEvaluator;
import dev.iamlint.core.analysis.access.AccessRequest;
import dev.iamlint.core.analysis.access.Decision;
import dev.iamlint.core.analysis.access.Reason;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.RepositoryRoot;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.workspace.AccessModel;
import dev.iamlint.core.workspace.Organization;
import dev.iamlint.core.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code iam-lint explain-access}: can this permission set do this action in this account, and
 * why. Reads the repository as {@code check} does (no rules run), resolves the permission set's
 * policies and the account's SCP and RCP chains, and prints the answer with every step that
 * decides it, each with its file and line.
 */
@Command(
    name = "explain-access",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
        "Answers ALLOWED, DENIED or DEPENDS (naming the condition keys) for a permission set, an account and an "
            + "action, with the chain that decides: the permission set's policies (inline, customer managed, AWS "
            + "managed), its permissions boundary, the SCPs from the root down, the RCPs. Without "
            + "--permission-set, answers for every permission set assigned to the account.",
        "Offline: conditions the repository cannot decide stay open unless --context gives their value."},
    footerHeading = "%nExit status:%n",
    footer = {"  0  an answer was given", "  2  usage error (unknown permission set, account or action), "
        + "configuration or I/O error%n"})
final class ExplainAccessCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--permission-set", paramLabel = "NAME", description = "The permission set (exact name).")
  String permissionSet;

  @Option(names = "--account", required = true, paramLabel = "ID|NAME", description = "The account, by id or name.")
  String account;

  @Option(names = "--action", required = true, paramLabel = "svc:Action", description = "One action, no wildcard.")
  String action;

  @Option(names = "--resource", paramLabel = "ARN", description = "The resource (default: any resource).")
  String resource;

  @Option(names = "--context", paramLabel = "KEY=VALUE",
      description = "A condition key's value for this request (repeatable), e.g. aws:RequestedRegion=eu-west-1.")
  Map<String, String> context = new LinkedHashMap<>();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
  String format;

  @Option(names = "--root", paramLabel = "DIR", description = "The repository root (default: as for check).")
  Path rootDir;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file.")
  Path configFile;

  @Option(names = "--catalog", paramLabel = "FILE", description = "Use this IAM catalogue instead of the bundled one.")
  Path catalogFile;

  @Option(names = "--no-cache", description = "Parse every file, and keep nothing between runs (see check --cache-dir).")
  boolean noCache;

  @Option(names = {"-v", "--verbose"}, description = "Stack traces for internal errors.")
  boolean verbose;

  @Parameters(paramLabel = "PATH", arity = "0..1", description = "A directory of the repository (default: the current one).")
  Path path;

  /** Receives the run's workspace and catalogue; never reports. */
  @RuleInfo(id = "EXPLAIN", name = "explain-access-workspace", level = Level.NOTE, securitySeverity = 0,
      tags = {"internal"}, since = "0.1.0", summary = "internal", description = "internal",
      messages = {@RuleInfo.Message(text = "internal")})
  static final class Capture implements WorkspaceRule {
    final List<Workspace> workspaces = new ArrayList<>();
    IamCatalog catalog;

    @Override
    public void check(Workspace ws, RuleContext ctx) {
      workspaces.add(ws);
      catalog = ctx.catalog();
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      String fmt = format.trim().toLowerCase(Locale.ROOT);
      if (!fmt.equals("text") && !fmt.equals("json")) throw new Errors.UsageException("--format must be text or json, not " + format);
      Capture capture = new Capture();
      List<Rule> rules = new ArrayList<>(Engine.discoverRules(Thread.currentThread().getContextClassLoader()));
      Map<String, String> off = new LinkedHashMap<>();
      Engine all = new Engine(rules);
      for (RuleDescriptor d : all.rules()) off.put(d.id(), "off"); // read the repository, lint nothing
      rules.add(capture);
      Invocation here = Invocation.current();
      Path at = path == null ? here.cwd() : here.resolve(path);
      Path root = RepositoryRoot.find(here.cwd(), rootDir == null ? null : here.resolve(rootDir), List.of(at));
      new Engine(rules).run(LintRequest.of(root)
          .withConfigFile(configFile == null ? null : here.resolve(configFile))
          .withCatalogFile(catalogFile == null ? null : here.resolve(catalogFile))
          .withRuleLevels(off)
          .withCacheDir(noCache ? null : here.cacheDirectory()));
      Workspace ws = deployment(capture.workspaces, root, at);
      Organization org = ws.org().orElseThrow(() -> new Errors.UsageException("no organization source under " + root
          + (ws.root().isEmpty() ? "" : ws.root())
          + " (Landing Zone Accelerator, CloudFormation, org-formation, or the organization: section of .iam-lint.yaml)"));
      Organization.Account acc = org.accountByIdOrName(account.trim()).orElseThrow(() -> new Errors.UsageException(
          unknown("account", account, org.accounts().stream().flatMap(a -> java.util.stream.Stream.of(a.name(), a.id()))
              .filter(java.util.Objects::nonNull).toList())));
      String act = action.trim();
      if (act.contains("*") || act.contains("?")) throw new Errors.UsageException("--action takes one action, not a pattern: " + act);
      String canonical = capture.catalog.action(act).map(a -> a.fullName()).orElseThrow(() -> new Errors.UsageException(
          "unknown action '" + act + "'" + suggest(capture.catalog.suggestActions(act))));
      AccessRequest request = new AccessRequest(canonical, resource, context, false);
      // The permission set acts through its role in the account; its ARN's shape decides
      // aws:PrincipalArn conditions that cannot match any such role (exemptions of named roles).
      if (!request.context().containsKey("aws:principalarn")) {
        request = request.withPrincipalArn(AccessRequest.permissionSetRole(acc.id()));
      }
      AccessEvaluator evaluator = new AccessEvaluator(capture.catalog);
      AccessModel model = new AccessModel(ws, evaluator.awsManaged());

      List<Answer> answers = new ArrayList<>();
      if (permissionSet != null) {
        List<PermissionSet> found = ws.permissionSetsNamed(permissionSet.trim());
        if (found.isEmpty()) {
          throw new Errors.UsageException(unknown("permission set", permissionSet, ws.permissionSets().stream()
              .filter(p -> p.name() != null).map(p -> p.name().text()).distinct().toList()));
        }
        PermissionSet ps = found.get(0);
        boolean assigned = model.assignedAccounts(ps).containsKey(acc);
        answers.add(new Answer(ps.name().text(), assigned, explain(evaluator, model, ps, acc, request)));
      } else {
        for (PermissionSet ps : ws.permissionSets()) {
          if (ps.name() == null || !model.assignedAccounts(ps).containsKey(acc)) continue;
          if (answers.stream().anyMatch(a -> a.permissionSet().equals(ps.name().text()))) continue;
          answers.add(new Answer(ps.name().text(), true, explain(evaluator, model, ps, acc, request)));
        }
        answers.sort(Comparator.comparing(Answer::permissionSet));
      }
      if (fmt.equals("json")) json(out, acc, request, answers);
      else text(out, acc, request, answers, permissionSet == null);
      out.flush();
      return ExitCode.OK.code();
    } catch (Exception | Error e) {
      out.flush();
      Errors.report(spec.commandLine().getErr(), e, verbose);
      return ExitCode.ERROR.code();
    }
  }

  /**
   * The deployment to answer for: the only one, else the one whose folder holds PATH (a repository
   * of several landing zones; see {@link Workspace#root()}), else the only one whose organization
   * has the account; when several have it, PATH must say which.
   */
  private Workspace deployment(List<Workspace> workspaces, Path root, Path at) {
    if (workspaces.size() == 1) return workspaces.get(0);
    String rel = root.relativize(at.normalize()).toString().replace('\\', '/');
    String dir = rel.isEmpty() ? "" : rel + "/";
    Workspace best = null;
    for (Workspace w : workspaces) {
      String r = w.root();
      if (!r.isEmpty() && dir.startsWith(r) && (best == null || r.length() > best.root().length())) best = w;
    }
    if (best != null) return best;
    // PATH above the deployments' folders (a landing zone's repository, its configuration in
    // config/): those under it are the candidates.
    List<Workspace> under = workspaces.stream().filter(w -> w.root().startsWith(dir)).toList();
    if (under.size() == 1) return under.get(0);
    List<Workspace> having = (under.isEmpty() ? workspaces : under).stream()
        .filter(w -> w.org().flatMap(o -> o.accountByIdOrName(account.trim())).isPresent()).toList();
    if (having.size() == 1) return having.get(0);
    if (having.isEmpty()) return workspaces.get(0); // the account is unknown: said with the repository's own names
    List<String> roots = having.stream().map(w -> w.root().isEmpty() ? "." : w.root()).toList();
    throw new Errors.UsageException("account " + account.trim() + " is in " + having.size()
        + " deployments of this repository (" + String.join(", ", roots) + "); name the folder of one as PATH");
  }

  private record Answer(String permissionSet, boolean assigned, Decision decision) {}

  private static Decision explain(AccessEvaluator evaluator, AccessModel model, PermissionSet ps, Organization.Account acc,
      AccessRequest request) {
    return evaluator.explain(model.identity(ps), model.scpChain(acc), model.rcpChain(resourceAccount(model, acc, request)),
        request);
  }

  /**
   * The account whose RCPs apply: the resource's, when its ARN names an account of the
   * organization (RCPs restrict access to the resources of the accounts they are attached to),
   * else the principal's own.
   */
  private static Organization.Account resourceAccount(AccessModel model, Organization.Account acc, AccessRequest request) {
    if (request.resource() == null) return acc;
    String[] parts = request.resource().split(":", 6);
    if (parts.length < 6 || !parts[4].matches("\\d{12}")) return acc;
    return model.workspace().org().flatMap(o -> o.accountByIdOrName(parts[4])).orElse(acc);
  }

  private static String verdict(Decision d) {
    return switch (d.verdict()) {
      case ALLOWED -> "ALLOWED";
      case DENIED -> "DENIED";
      case DEPENDS -> "DEPENDS on " + String.join(", ", d.dependsOn());
    };
  }

  private void text(PrintWriter out, Organization.Account acc, AccessRequest request, List<Answer> answers, boolean whoCan) {
    String target = request.action() + (request.resource() != null ? " on " + request.resource() : "") + " in account "
        + describe(acc);
    if (request.principalArn() != null) {
      out.println("Principal: the permission set's role, " + request.principalArn()
          + " (aws:PrincipalArn conditions that no such role matches are decided)");
    }
    if (whoCan) {
      out.println("Who can " + target + ":");
      if (answers.isEmpty()) out.println("  no permission set is assigned to this account");
    }
    for (Answer a : answers) {
      out.println((whoCan ? "\n" : "") + verdict(a.decision()) + ": permission set " + a.permissionSet() + ", " + target
          + (a.assigned() ? "" : " (the permission set is not assigned to this account; answered as if it were)"));
      Reason.Layer last = null;
      for (Reason r : ordered(a.decision().reasons())) {
        if (r.layer() != last) {
          out.println("  " + heading(r.layer()));
          last = r.layer();
        }
        String where = r.where();
        out.println("    " + mark(r) + " " + r.text() + (where.isEmpty() ? "" : "  [" + where + "]"));
      }
    }
  }

  private static List<Reason> ordered(List<Reason> reasons) {
    List<Reason> l = new ArrayList<>(reasons);
    l.sort(Comparator.comparing(Reason::layer));
    return l;
  }

  private static String heading(Reason.Layer layer) {
    return switch (layer) {
      case IDENTITY -> "permission set policies";
      case BOUNDARY -> "permissions boundary";
      case SCP -> "service control policies (root first)";
      case RCP -> "resource control policies";
      case EXEMPT -> "exemptions";
    };
  }

  private static String mark(Reason r) {
    return switch (r.effect()) {
      case ALLOWED -> "allow ";
      case DENIED -> "DENY  ";
      case DEPENDS -> "maybe ";
    };
  }

  private static String describe(Organization.Account a) {
    if (a.id() != null && a.name() != null && !a.id().equals(a.name())) return a.name() + " (" + a.id() + ")";
    return a.name() != null ? a.name() : a.id();
  }

  private void json(PrintWriter out, Organization.Account acc, AccessRequest request, List<Answer> answers) throws Exception {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> accountObj = new LinkedHashMap<>();
    accountObj.put("name", acc.name());
    accountObj.put("id", acc.id());
    root.put("account", accountObj);
    root.put("action", request.action());
    root.put("resource", request.resource());
    root.put("context", request.context());
    root.put("principalArn", request.principalArn());
    List<Object> list = new ArrayList<>();
    for (Answer a : answers) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("permissionSet", a.permissionSet());
      o.put("assigned", a.assigned());
      o.put("verdict", a.decision().verdict().name());
      o.put("dependsOn", new ArrayList<>(new LinkedHashSet<>(a.decision().dependsOn())));
      List<Object> reasons = new ArrayList<>();
      for (Reason r : ordered(a.decision().reasons())) {
        Map<String, Object> ro = new LinkedHashMap<>();
        ro.put("layer", r.layer().name().toLowerCase(Locale.ROOT));
        ro.put("effect", r.effect().name());
        ro.put("text", r.text());
        if (r.file() != null) {
          ro.put("path", r.file().relativePath());
          if (r.span() != null) {
            ro.put("line", r.span().startLine());
            ro.put("column", r.span().startColumn());
          }
        }
        if (!r.dependsOn().isEmpty()) ro.put("dependsOn", new ArrayList<>(r.dependsOn()));
        reasons.add(ro);
      }
      o.put("reasons", reasons);
      list.add(o);
    }
    root.put("answers", list);
    out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  /** "unknown account 'X'; did you mean Y or Z?" */
  static String unknown(String what, String given, List<String> candidates) {
    String k = given.trim();
    int max = Math.max(2, k.length() / 3);
    List<String> close = candidates.stream().distinct()
        .filter(c -> EditDistance.distance(k.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT), max) <= max)
        .sorted(Comparator.comparingInt((String c) -> EditDistance.distance(k.toLowerCase(Locale.ROOT),
            c.toLowerCase(Locale.ROOT), max)).thenComparing(c -> c))
        .limit(3).toList();
    String msg = "unknown " + what + " '" + given + "'";
    return close.isEmpty() ? msg : msg + "; did you mean " + String.join(" or ", close) + "?";
  }

  private static String suggest(List<String> s) {
    return s.isEmpty() ? "" : "; did you mean " + String.join(" or ", s.stream().limit(3).toList()) + "?";
  }
}
