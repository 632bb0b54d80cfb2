package dev.iamlint.core.engine;

import dev.iamlint.core.LintException;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.ConfigLoader;
import dev.iamlint.core.config.FailLevel;
import dev.iamlint.core.extract.ExtractContext;
import dev.iamlint.core.extract.Extractors;
import dev.iamlint.core.extract.FileReference;
import dev.iamlint.core.extract.Manifests;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
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
    Declarations declarations = new Declarations(config, root);
    Loader loader = new Loader(config.limits());
    int threads = request.threads() > 0 ? request.threads() : Runtime.getRuntime().availableProcessors();

    // Phase 1: the targets, and the context files that can contribute to the workspace (a quick
    // text test spares parsing the rest). Phase 2: manifests (LZA, CfCT, the organization
    // section) say what other files are, which content alone cannot (a bare SCP looks like any
    // policy); declared context files not read yet are read then. Phase 3: extract the model of
    // every file read and walk the targets' documents with the document rules, in parallel.
    List<LoadedFile> read = new ArrayList<>(Parallel.map(files.all(), f -> files.isTarget(f) || declarations.declared(f.relativePath()) != null
        ? loader.load(f) : ContextFiles.loadIfRelevant(f, loader), threads));
    read.removeIf(java.util.Objects::isNull);
    List<FileReference> references = new ArrayList<>(declarations.references());
    for (LoadedFile f : read) {
      Manifests.scan(f, root, (rel, d) -> {
        declarations.declare(rel, d.declared());
        references.add(d.reference());
      });
    }
    Set<String> readPaths = new HashSet<>();
    for (LoadedFile f : read) readPaths.add(f.file().relativePath());
    List<SourceFile> declaredLate = files.all().stream()
        .filter(f -> !readPaths.contains(f.relativePath()) && declarations.declared(f.relativePath()) != null).toList();
    read.addAll(Parallel.map(declaredLate, loader::load, threads));

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
    Workspace workspace = new Workspace(loaded, documents, references, config);
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
        Extractors.extractAll(loaded.documents(), ectx);
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

  // ---------------------------------------------------------------------------------------------

  /** What the configuration declares about files: kinds globs and SCP files of the organization. */
  static final class Declarations {
    private final Map<PolicyKind, Globs> kinds = new LinkedHashMap<>();
    private final Map<String, Set<PolicyUse>> uses = new LinkedHashMap<>();
    private final Map<String, ExtractContext.Declared> byPath = new HashMap<>();
    private final Map<String, ExtractContext.Declared> byManifest = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<FileReference> references = new ArrayList<>();
    private final Globs ignore;

    Declarations(Config config, Path root) {
      Map<String, List<String>> k = config.kinds();
      put(k, "scp", PolicyKind.SCP, PolicyUse.SCP);
      put(k, "rcp", PolicyKind.RCP, PolicyUse.RCP);
      put(k, "trustPolicy", PolicyKind.TRUST, PolicyUse.TRUST);
      put(k, "resourcePolicy", PolicyKind.RESOURCE, PolicyUse.RESOURCE);
      this.ignore = Globs.of(k.getOrDefault("ignore", List.of()));
      identity(k, "userPolicy", PolicyUse.USER_INLINE);
      identity(k, "groupPolicy", PolicyUse.GROUP_INLINE);
      identity(k, "rolePolicy", PolicyUse.ROLE_INLINE);
      identity(k, "permissionSetPolicy", PolicyUse.PERMISSION_SET_INLINE);
      identity(k, "managedPolicy", PolicyUse.MANAGED);
      Config.Organization org = config.organization();
      if (org != null) {
        List<Config.Target> targets = new ArrayList<>();
        if (org.root() != null) targets.add(org.root());
        targets.addAll(org.organizationalUnits());
        targets.addAll(org.accounts());
        for (Config.Target t : targets) {
          for (Config.FileRef f : t.scps()) attach(config, root, f, PolicyKind.SCP, PolicyUse.SCP);
          for (Config.FileRef f : t.rcps()) attach(config, root, f, PolicyKind.RCP, PolicyUse.RCP);
        }
      }
    }

    private final Map<PolicyUse, Globs> identity = new LinkedHashMap<>();

    /** An SCP/RCP file named in the organization section (paths relative to the lint root). */
    private void attach(Config config, Path root, Config.FileRef file, PolicyKind kind, PolicyUse use) {
      String rel = normalize(file.path());
      byPath.put(rel, new ExtractContext.Declared(kind, Set.of(use)));
      references.add(new FileReference(config.file(), new dev.iamlint.core.model.Str(file.path(), file.span(), null), rel,
          Files.isRegularFile(root.resolve(rel))));
    }

    /** A declaration from a manifest (LZA, CfCT); configuration takes precedence. */
    void declare(String rel, ExtractContext.Declared d) {
      byManifest.putIfAbsent(rel, d);
    }

    List<FileReference> references() {
      return references;
    }

    private void identity(Map<String, List<String>> k, String key, PolicyUse use) {
      List<String> g = k.get(key);
      if (g != null && !g.isEmpty()) identity.put(use, Globs.of(g));
    }

    private void put(Map<String, List<String>> k, String key, PolicyKind kind, PolicyUse use) {
      List<String> g = k.get(key);
      if (g != null && !g.isEmpty()) {
        kinds.put(kind, Globs.of(g));
        uses.put(kind.name(), Set.of(use));
      }
    }

    private static String normalize(String p) {
      String s = p.replace('\\', '/');
      while (s.startsWith("./")) s = s.substring(2);
      return s;
    }

    boolean ignored(String rel) {
      return ignore.matches(rel);
    }

    ExtractContext.Declared declared(String rel) {
      ExtractContext.Declared d = byPath.get(rel);
      if (d != null) return d;
      for (Map.Entry<PolicyKind, Globs> e : kinds.entrySet()) {
        if (e.getValue().matches(rel)) return new ExtractContext.Declared(e.getKey(), uses.get(e.getKey().name()));
      }
      for (Map.Entry<PolicyUse, Globs> e : identity.entrySet()) {
        if (e.getValue().matches(rel)) return new ExtractContext.Declared(PolicyKind.IDENTITY, Set.of(e.getKey()));
      }
      return byManifest.get(rel);
    }
  }
}
