package dev.iamlint.core.engine;

import dev.iamlint.core.LintException;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.ConfigLoader;
import dev.iamlint.core.config.FailLevel;
import dev.iamlint.core.format.Declarations;
import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.Formats;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.Level;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** Rules from {@link java.util.ServiceLoader} on the thread context class loader. */
  public Engine() {
    this(RuleSet.discoverRules(Thread.currentThread().getContextClassLoader()));
  }

  public Engine(List<Rule> rules) {
    this.ruleSet = new RuleSet(rules);
  }

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
    Config config = configPath == null ? Config.DEFAULT : ConfigLoader.load(configPath, root);
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

    RunFiles files = RunFiles.discover(root, request, config, configPath, notifications);
    Loader loader = new Loader(config.limits());
    int threads = request.threads() > 0 ? request.threads() : Runtime.getRuntime().availableProcessors();

    // Phase 1: the targets, and the context files that can contribute to the workspace (a quick
    // text test spares parsing the rest; files the configuration declares are always read).
    // Phase 2: every format scans every file read, in path order: manifests (LZA, CfCT, the
    // organization section) say what other files are, which content alone cannot (a bare SCP
    // looks like any policy), and contribute the organization and deployment model; declared
    // context files not read yet are read then. Phase 3: extract the model of every file read and
    // walk the targets' documents with the document rules, in parallel.
    Declarations configured = Formats.scan(config, root, List.of()).declarations();
    List<LoadedFile> read = new ArrayList<>(Parallel.map(files.all(),
        f -> files.isTarget(f) || configured.declared(f.relativePath()) != null
            ? loader.load(f) : ContextFiles.loadIfRelevant(f, loader), threads));
    read.removeIf(java.util.Objects::isNull);
    ScanContext scan = Formats.scan(config, root, read);
    Set<String> readPaths = new HashSet<>();
    for (LoadedFile f : read) readPaths.add(f.file().relativePath());
    Declarations named = scan.declarations();
    List<SourceFile> declaredLate = files.all().stream()
        .filter(f -> !readPaths.contains(f.relativePath()) && named.declared(f.relativePath()) != null).toList();
    if (!declaredLate.isEmpty()) {
      read.addAll(Parallel.map(declaredLate, loader::load, threads));
      read.sort(java.util.Comparator.comparing(f -> f.file().relativePath()));
      scan = Formats.scan(config, root, read);
    }
    Declarations declarations = scan.declarations();

    RuleRun.Shared shared = new RuleRun.Shared(config, settings, catalog, now);
    List<DocumentRule> docRules = active.stream().filter(DocumentRule.class::isInstance).map(DocumentRule.class::cast).toList();
    List<FileOutcome> outcomes = Parallel.map(read, f -> checkFile(ruleSet, f, loader, declarations, docRules, shared,
        files.isTarget(f.file())), threads);

    List<Finding> findings = new ArrayList<>();
    List<LoadedFile> loaded = new ArrayList<>();
    List<Document> documents = new ArrayList<>();
    int targetDocuments = 0;
    for (FileOutcome o : outcomes) {
      findings.addAll(o.findings());
      notifications.addAll(o.notifications());
      loaded.add(o.file());
      documents.addAll(o.documents());
      if (files.isTarget(o.file().file())) targetDocuments += o.documents().size();
    }
    Workspace workspace = new Workspace(loaded, documents, scan.deployment(), config); // [formats]
    for (Rule r : active) {
      if (r instanceof WorkspaceRule w) {
        RuleRun ctx = new RuleRun(ruleSet.descriptor(r), shared, null);
        try {
          w.check(workspace, ctx);
        } catch (RuntimeException | StackOverflowError e) {
          notifications.add(ruleFailed(ctx.rule(), null, e));
        }
        // Workspace rules see the whole repository; they report only what lies in a target.
        for (Finding f : ctx.findings()) {
          if (files.isTargetPath(f.location().path())) findings.add(f);
        }
      }
    }
    List<Finding> finished = new Suppressions(config, ruleSet).apply(findings, now, notifications);
    finished.sort(Finding.ORDER);
    List<RuleDescriptor> ran = active.stream().map(ruleSet::descriptor).toList();
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new LintResult(root, ran, finished, notifications, files.targetCount(), targetDocuments, failLevel, now,
        catalog.dataDate(), millis, request.category());
  }

  private record FileOutcome(LoadedFile file, List<Document> documents, List<Finding> findings, List<Notification> notifications) {}

  /** Extracts a file's model; for a target, also walks it with the document rules. */
  private static FileOutcome checkFile(RuleSet ruleSet, LoadedFile loaded, Loader loader, Declarations declarations, List<DocumentRule> rules,
      RuleRun.Shared shared, boolean target) {
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
    if (!target) return new FileOutcome(loaded, documents, List.of(), notes);
    if (loaded.failed() && !Ownership.ours(loaded, declared != null)) {
      // JSON with comments, a Helm template: not iam-lint's business, so no parse error.
      notes.add(new Notification(Level.NOTE, "skipped " + file.relativePath() + ": it does not parse as "
          + file.format().name() + " and nothing marks it as a policy or template (" + Ownership.HOW_TO_DECLARE + ")",
          file.relativePath()));
      return new FileOutcome(loaded, List.of(), List.of(), notes);
    }
    List<RuleRun> runs = new ArrayList<>(rules.size());
    for (DocumentRule r : rules) runs.add(new RuleRun(ruleSet.descriptor(r), shared, file));
    try {
      new Walker(rules, runs, f -> notes.add(ruleFailed(f.run().rule(), file, f.error()))).walk(loaded, documents);
    } catch (RuntimeException e) {
      notes.add(new Notification(Level.ERROR, "internal error checking " + file.relativePath() + ": " + e, file.relativePath()));
    }
    return new FileOutcome(loaded, documents, Precedence.apply(runs), notes);
  }

  static Notification ruleFailed(RuleDescriptor rule, SourceFile file, Throwable e) {
    String where = file == null ? "" : " on " + file.relativePath();
    return new Notification(Level.ERROR, "rule " + rule.id() + " " + rule.name() + " failed" + where + ": " + e,
        file == null ? null : file.relativePath());
  }

}
