package dev.iamlint.core.engine;

import dev.iamlint.core.LintException;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.ConfigLoader;
import dev.iamlint.core.config.FailLevel;
import dev.iamlint.core.custom.DeclaredOrganizationRule;
import dev.iamlint.core.format.Declarations;
import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.Formats;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.TreeCache;
import dev.iamlint.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs iam-lint over one repository root: discover every file under the root (the context),
 * pick the targets (the PATH arguments; all files when none), read the targets and the context
 * files that can contribute to the workspace, let manifests say what bare files are, extract the
 * access model, run the document rules on the targets (one walk per document) and the workspace
 * rules on the whole repository, keep the findings located in targets, apply precedence, levels
 * and suppressions. The single entry point of the CLI and the Maven goal.
 */
public final class Engine {

  private final RuleSet ruleSet;
  private final boolean retainAll;

  /** Rules from {@link java.util.ServiceLoader} on the thread context class loader. */
  public Engine() {
    this(RuleSet.discoverRules(Thread.currentThread().getContextClassLoader()));
  }

  public Engine(List<Rule> rules) {
    this(new RuleSet(rules), false);
  }

  private Engine(RuleSet ruleSet, boolean retainAll) {
    this.ruleSet = ruleSet;
    this.retainAll = retainAll;
  }

  /**
   * The same engine holding every file's documents until the end of the run and letting the
   * formats scan every target, as iam-lint did before streaming: the reference the streamed run is
   * tested against (identical findings), not a mode for users.
   */
  public Engine retainingAll() {
    return new Engine(ruleSet, true);
  }

  /** How much source text of parsed targets phase 1 may keep for phase 2 (see {@code scanOne}). */
  private static final long TARGET_TREES_BUDGET_CHARS = 4L * 1024 * 1024;

  /** Every rule a ServiceLoader finds on this class loader (built-in and user jars). */
  public static List<Rule> discoverRules(ClassLoader loader) {
    return RuleSet.discoverRules(loader);
  }

  /** The rules of this engine: lookup by id or name, metadata. */
  public RuleSet ruleSet() {
    return ruleSet;
  }

  /** The descriptors of every known rule, by id. */
  public List<RuleDescriptor> rules() {
    return ruleSet.descriptors();
  }

  /** Finds a rule by id or name (case-insensitive), or null. */
  public RuleDescriptor rule(String idOrName) {
    return ruleSet.find(idOrName).orElse(null);
  }

  public LintResult run(LintRequest request) {
    long started = System.nanoTime();
    Path root = request.root().toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) throw new LintException("not a directory: " + request.root());
    Path configPath = ConfigLoader.locate(root, request.configFile());
    // The configuration's own parse uses the default limits, and so does its cache.
    TreeCache configCache = configPath == null ? TreeCache.NONE : TreeCache.open(request.cacheDir(), Limits.DEFAULT);
    Config config = configPath == null ? Config.DEFAULT : ConfigLoader.load(configPath, root, configCache);
    Instant now = request.now() != null ? request.now() : config.now() != null ? config.now() : Instant.now();
    FailLevel failLevel = request.failLevel() != null ? request.failLevel()
        : config.failLevel() != null ? config.failLevel() : FailLevel.ERROR;
    // Rules of this run: the engine's, rule jars named by the request or the configuration, and the
    // configuration's declarative rules.
    RuleSet ruleSet = this.ruleSet.with(ExtraRules.of(config, request, root));
    RuleSettings settings = RuleSettings.resolve(ruleSet, config, request.ruleLevels());
    List<Rule> active = ruleSet.rules().stream().filter(r -> !settings.off().contains(ruleSet.descriptor(r).id())).toList();
    CatalogHolder catalog = new CatalogHolder(request.catalogFile());
    List<Notification> notifications = new ArrayList<>(settings.notices());

    Loader loader = new Loader(config.limits());
    // Identity, not equals: a record's equals is bootstrapped on first use (~10 ms of a one-file
    // run), and a configuration without limits has this very instance; one that spells out the
    // defaults opens the same directory a second time.
    TreeCache cache = configPath != null && config.limits() == Limits.DEFAULT ? configCache
        : TreeCache.open(request.cacheDir(), config.limits());
    if (cache != configCache) configCache.close();
    int threads = request.threads() > 0 ? request.threads() : Runtime.getRuntime().availableProcessors();
    // What the configuration alone declares, as a view of its own: workers read it while the
    // scan context's declarations grow on this thread.
    Declarations configured = Formats.configure(config, root).declarations();
    // Phase 1's load of a file (see below).
    Function<SourceFile, LoadedFile> phaseOneLoad = f -> configured.declared(f.relativePath()) != null
        ? loader.load(f, cache) : ContextFiles.loadIfRelevant(f, loader, cache);
    // Phase 1 starts while the walk still looks for files (see EarlyLoads): the context loads, and
    // the targets' scans for a signal (a declared target is always loaded, as phaseOneLoad does).
    List<Path> targetRoots = request.paths().isEmpty() ? List.of(root)
        : request.paths().stream().map(p -> root.resolve(p).toAbsolutePath().normalize()).toList();
    EarlyLoads early = retainAll || threads <= 1 ? null
        : new EarlyLoads(phaseOneLoad,
            f -> configured.declared(f.relativePath()) != null || ContextFiles.mayBeRelevant(f, loader), targetRoots, threads);
    RunFiles files;
    try {
      files = RunFiles.discover(root, request, config, configPath, notifications, early == null ? f -> { } : early::found);
    } catch (RuntimeException | Error e) {
      if (early != null) early.close();
      throw e;
    }

    // Phase 1: the files that say what other files are or describe the deployment (those holding a
    // format's signal, found by one pass over their bytes, and those the configuration declares)
    // are parsed and every format scans them, in path order, as they come: manifests (LZA, CfCT,
    // the organization section) say what bare files are, which content alone cannot (a bare SCP
    // looks like any policy), and contribute the organization and deployment model. Files a
    // manifest declares are read and scanned after. A context file's tree is kept for phase 2. These
    // files are parsed by every run of the repository, whatever its targets, so their trees go
    // through the request's cache: a run over one staged file reads the manifests' trees instead of
    // parsing them again.
    ScanContext scan = Formats.configure(config, root);
    // Several landing zones in one repository are several deployments: each gets its own
    // organization and deployment model here and its own workspace below (DeploymentRoots).
    DeploymentRoots deploymentRoots = DeploymentRoots.of(files.all());
    if (deploymentRoots.several()) {
      // Said (with --verbose) because it changes what a finding is judged against.
      notifications.add(new Notification(Level.NOTE, "each of " + String.join(", ", deploymentRoots.folders())
          + " is a deployment of its own (a landing zone or organization), judged against its own organization; "
          + "files under none of them are judged together", null));
    }
    Map<String, ScanContext> scans = new TreeMap<>();
    scans.put("", scan);
    Function<SourceFile, ScanContext> scanFor = f -> deploymentRoots.several()
        ? scans.computeIfAbsent(deploymentRoots.of(f.relativePath()), k -> Formats.anotherDeployment(scan)) : scan;
    Map<String, LoadedFile> preloaded = new java.util.concurrent.ConcurrentHashMap<>();
    Set<String> scanned = new HashSet<>();
    // Targets parsed here (those holding a signal) keep their trees for phase 2 too, up to a
    // budget of source text: a whole-repository run would otherwise parse its manifests and
    // configuration files twice. Past the budget a target's tree is dropped once scanned and phase 2
    // reads it again, so a repository made mostly of such files never holds all its trees at once.
    // (The sink runs on this thread only.)
    long[] targetTextBudget = {TARGET_TREES_BUDGET_CHARS};
    java.util.function.Consumer<LoadedFile> scanOne = l -> {
      if (l == null) return;
      Formats.scan(l, scanFor.apply(l.file()));
      scanned.add(l.file().relativePath());
      int chars = l.text() == null ? 0 : l.text().length();
      if (retainAll || !files.isTarget(l.file())) {
        preloaded.put(l.file().relativePath(), l);
      } else if (chars <= targetTextBudget[0]) {
        targetTextBudget[0] -= chars;
        preloaded.put(l.file().relativePath(), l);
      }
    };
    if (early != null) {
      try (early) {
        early.forEachOrdered(files.all(), scanOne);
      }
    } else {
      Parallel.forEachOrdered(files.all(), f -> retainAll && files.isTarget(f) ? loader.load(f, cache) : phaseOneLoad.apply(f),
          scanOne, threads);
    }
    Declarations named = scan.declarations();
    List<SourceFile> declaredLate = files.all().stream()
        .filter(f -> !scanned.contains(f.relativePath()) && named.declared(f.relativePath()) != null).toList();
    Parallel.forEachOrdered(declaredLate, f -> loader.load(f, cache), scanOne, threads);
    Declarations declarations = scan.declarations();
    cache.close();

    // Phase 2, one task per file (parallel): read it unless phase 1 kept it, extract its access
    // model, walk a target's documents with the document rules, and keep only its findings and the
    // documents workspace rules read (permission sets, assignments, named managed policies, SCPs
    // and RCPs). Its text and tree are dropped when the task ends, so memory grows with findings
    // and the workspace, not with the repository.
    List<SourceFile> toCheck = files.all().stream()
        .filter(f -> files.isTarget(f) || preloaded.containsKey(f.relativePath())).toList();
    RuleRun.Shared shared = new RuleRun.Shared(config, settings, catalog, now, files::isTargetPath);
    Walker.Plan docRules = Walker.Plan.of(
        active.stream().filter(DocumentRule.class::isInstance).map(DocumentRule.class::cast).toList());
    List<FileOutcome> outcomes = Parallel.map(toCheck, f -> {
      LoadedFile l = preloaded.remove(f.relativePath());
      if (l == null) l = loader.load(f);
      return checkFile(ruleSet, l, loader, declarations, docRules, shared, files.isTarget(f), retainAll);
    }, threads);

    List<Finding> findings = new ArrayList<>();
    List<Document> documents = new ArrayList<>();
    int targetDocuments = 0;
    for (FileOutcome o : outcomes) {
      findings.addAll(o.findings());
      notifications.addAll(o.notifications());
      documents.addAll(o.documents());
      targetDocuments += o.targetDocuments();
    }
    List<Workspace> workspaces = workspaces(documents, deploymentRoots, scans, config);
    for (Rule r : active) {
      // A declared organization rule whose OUs or accounts are in no deployment's organization
      // checks nothing there.
      if (r instanceof DeclaredOrganizationRule o) {
        Set<String> everywhere = null;
        for (Workspace w : workspaces) {
          Set<String> here = new LinkedHashSet<>(o.scopeWarnings(w));
          if (everywhere == null) everywhere = here;
          else everywhere.retainAll(here);
        }
        for (String w : everywhere) notifications.add(new Notification(Level.WARNING, w, null));
      }
    }
    Set<Finding> fromWorkspaces = new LinkedHashSet<>();
    for (Rule r : active) {
      if (r instanceof WorkspaceRule w) {
        for (Workspace workspace : workspaces) {
          RuleRun ctx = new RuleRun(ruleSet.descriptor(r), shared, null);
          try {
            w.check(workspace, ctx);
          } catch (RuntimeException | StackOverflowError e) {
            notifications.add(ruleFailed(ctx.rule(), null, e));
          }
          // Workspace rules see the whole repository; they report only what lies in a target. A
          // finding on a file every deployment reads (the configuration) counts once.
          for (Finding f : ctx.findings()) {
            if (files.isTargetPath(f.location().path())) fromWorkspaces.add(f);
          }
        }
      }
    }
    findings.addAll(fromWorkspaces);
    List<Finding> finished = new Suppressions(config, ruleSet).apply(findings, now, notifications);
    finished.sort(Finding.ORDER);
    List<RuleDescriptor> ran = active.stream().map(ruleSet::descriptor).toList();
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new LintResult(root, ran, finished, notifications, files.targetCount(), targetDocuments, failLevel, now,
        catalog.dataDate(), millis, request.category(), new LintResult.CacheUse(cache.directory(), cache.hits(), cache.writes()));
  }

  /**
   * One workspace per deployment, each with the documents of its files and the model its scan
   * context gathered (most runs: one, the repository's own), in deployment order.
   */
  private static List<Workspace> workspaces(List<Document> documents, DeploymentRoots roots,
      Map<String, ScanContext> scans, Config config) {
    Map<String, List<Document>> byDeployment = new TreeMap<>();
    for (String d : scans.keySet()) byDeployment.put(d, new ArrayList<>());
    for (Document d : documents) {
      byDeployment.computeIfAbsent(roots.of(d.file().relativePath()), k -> new ArrayList<>()).add(d);
    }
    ScanContext first = scans.get("");
    List<Workspace> out = new ArrayList<>();
    byDeployment.forEach((d, docs) -> out.add(new Workspace(docs,
        scans.computeIfAbsent(d, k -> Formats.anotherDeployment(first)).deployment(), config, d)));
    return out;
  }

  /**
   * What a file's check leaves behind: the documents the workspace keeps (all of them in
   * {@link #retainingAll()} mode), how many documents a target had, its findings and notices.
   */
  private record FileOutcome(List<Document> documents, int targetDocuments, List<Finding> findings,
      List<Notification> notifications) {}

  /** Extracts a file's model; for a target, also walks it with the document rules. */
  private static FileOutcome checkFile(RuleSet ruleSet, LoadedFile loaded, Loader loader, Declarations declarations, Walker.Plan plan,
      RuleRun.Shared shared, boolean target, boolean retainAll) {
    SourceFile file = loaded.file();
    List<Document> documents = List.of();
    List<Notification> notes = new ArrayList<>();
    ExtractContext.Declared declared = declarations.declared(file.relativePath());
    if (!declarations.ignored(file.relativePath()) && !loaded.documents().isEmpty()) {
      ExtractContext ectx = new ExtractContext(file, declared, loader.limits());
      try {
        Formats.extractAll(loaded.documents(), ectx);
      } catch (RuntimeException e) {
        notes.add(new Notification(Level.ERROR, "internal error reading the access model of " + file.relativePath()
            + ": " + e, file.relativePath()));
      }
      documents = ectx.documents();
      if (!ectx.problems().isEmpty()) {
        List<LoadProblem> all = new ArrayList<>(loaded.problems());
        all.addAll(ectx.problems());
        loaded = new LoadedFile(file, loaded.text(), loaded.documents(), all);
      }
    }
    List<Document> kept = retainAll ? documents : documents.stream().filter(Workspace::reads).toList();
    if (!target) return new FileOutcome(kept, 0, List.of(), notes);
    if ((loaded.failed() || loaded.lenient()) && !Ownership.ours(loaded, declared != null)) {
      // JSON with comments, a Helm template (even one that parses once its placeholders are read
      // as strings): not iam-lint's business, so no parse error and no note.
      boolean empty = loaded.text() != null && loaded.text().text().isBlank();
      notes.add(new Notification(Level.NOTE, "skipped " + file.relativePath() + ": it "
          + (empty ? "is empty" : "does not parse as " + file.format().name())
          + " and nothing marks it as a policy or template (" + Ownership.HOW_TO_DECLARE + ")",
          file.relativePath()));
      return new FileOutcome(List.of(), 0, List.of(), notes);
    }
    if (documents.isEmpty() && !Ownership.ours(loaded, declared != null)) {
      // Parses, holds nothing iam-lint knows and nothing marks it as ours (a Kubernetes manifest, a
      // package.json): no rule has anything to say about it, a duplicate key included.
      return new FileOutcome(List.of(), 0, List.of(), notes);
    }
    List<RuleRun> runs = new ArrayList<>(plan.rules().size());
    for (DocumentRule r : plan.rules()) runs.add(new RuleRun(ruleSet.descriptor(r), shared, file));
    try {
      new Walker(plan, runs, f -> notes.add(ruleFailed(f.run().rule(), file, f.error()))).walk(loaded, documents);
    } catch (RuntimeException e) {
      notes.add(new Notification(Level.ERROR, "internal error checking " + file.relativePath() + ": " + e, file.relativePath()));
    }
    return new FileOutcome(kept, documents.size(), Precedence.apply(runs), notes);
  }

  static Notification ruleFailed(RuleDescriptor rule, SourceFile file, Throwable e) {
    String where = file == null ? "" : " on " + file.relativePath();
    Notification.RuleFailure failure = Notification.RuleFailure.of(rule.id(), e);
    return new Notification(Level.ERROR, "rule " + rule.id() + " " + rule.name() + " failed" + where + ": "
        + failure.exception(), file == null ? null : file.relativePath(), failure);
  }

}
