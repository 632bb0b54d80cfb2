package dev.iamlint.core.engine;

import dev.iamlint.core.config.FailLevel;
import dev.iamlint.core.LintException;
import dev.iamlint.core.rule.Level;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.ConfigLoader;
import dev.iamlint.core.format.Declarations;
import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.Formats;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleCatalogue;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleOptions;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import dev.iamlint.core.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs iam-lint: discover files, load them with positions, extract the access model, run
 * document rules on each file in parallel (one walk per document calling every rule's hooks),
 * then workspace rules, then apply levels and suppressions. The single entry point of the CLI
 * and the Maven goal.
 */
public final class Engine {

  private final List<Rule> rules;
  private final Map<String, RuleDescriptor> descriptors;
  private final Map<Rule, RuleDescriptor> byRule;

  /** Rules from {@link ServiceLoader} on the thread context class loader. */
  public Engine() {
    this(discoverRules(Thread.currentThread().getContextClassLoader()));
  }

  public Engine(List<Rule> rules) {
    // Descriptors are read once here (annotation and doc resource); hot paths use the map.
    Map<Rule, RuleDescriptor> byRule = new java.util.IdentityHashMap<>();
    Map<String, RuleDescriptor> d = new LinkedHashMap<>();
    for (Rule r : rules) {
      RuleDescriptor desc = r.descriptor();
      byRule.put(r, desc);
      if (d.putIfAbsent(desc.id(), desc) != null) {
        throw new LintException("two rules with id " + desc.id() + ": " + d.get(desc.id()).className() + " and " + desc.className());
      }
    }
    List<Rule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparing(r -> byRule.get(r).id()));
    this.rules = List.copyOf(sorted);
    this.descriptors = Map.copyOf(d);
    this.byRule = byRule;
  }

  /** Every rule a ServiceLoader finds on this class loader (built-in and user jars). */
  public static List<Rule> discoverRules(ClassLoader loader) {
    List<Rule> out = new ArrayList<>();
    ClassLoader cl = loader != null ? loader : Engine.class.getClassLoader();
    for (Rule r : ServiceLoader.load(Rule.class, cl)) out.add(r);
    return out;
  }

  /** The descriptors of every known rule, by id. */
  public List<RuleDescriptor> rules() {
    return rules.stream().map(byRule::get).toList();
  }

  /** Finds a rule by id or name (case-insensitive id), or null. */
  public RuleDescriptor rule(String idOrName) {
    for (RuleDescriptor d : rules()) {
      if (d.id().equalsIgnoreCase(idOrName) || d.name().equals(idOrName)) return d;
    }
    return null;
  }

  public LintResult run(LintRequest request) {
    long started = System.nanoTime();
    Path root = request.root().toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) throw new LintException("not a directory: " + request.root());
    Path configPath = ConfigLoader.locate(root, request.configFile());
    Config config = configPath == null ? Config.DEFAULT : ConfigLoader.load(configPath, root);
    Instant now = request.now() != null ? request.now() : config.now() != null ? config.now() : Instant.now();
    FailLevel failLevel = request.failLevel() != null ? request.failLevel() : config.failLevel() != null ? config.failLevel() : FailLevel.ERROR;

    List<Notification> notices = new ArrayList<>();
    Set<String> off = new java.util.HashSet<>();
    Map<String, Level> configured = configuredLevels(config, request, notices, off);
    List<Rule> active = rules.stream().filter(r -> !off.contains(byRule.get(r).id())).toList();
    List<RuleDescriptor> ran = active.stream().map(byRule::get).toList();
    Map<String, RuleOptions> options = new HashMap<>();
    config.rules().forEach((k, v) -> {
      RuleDescriptor d = rule(k);
      if (d != null) options.put(d.id(), v.options());
    });

    CatalogHolder catalog = new CatalogHolder(request.catalogFile());

    List<String> includes = !request.includes().isEmpty() ? request.includes()
        : !config.include().isEmpty() ? config.include() : Config.DEFAULT_INCLUDE;
    List<String> excludes = new ArrayList<>(config.exclude());
    excludes.addAll(request.excludes());
    FileDiscovery discovery = new FileDiscovery(root, Globs.of(includes), Globs.of(excludes));
    if (request.paths().isEmpty()) {
      discovery.addPath(root);
    } else {
      for (Path p : request.paths()) discovery.addPath(p);
    }
    List<SourceFile> files = discovery.files().stream()
        .filter(f -> configPath == null || !f.path().toAbsolutePath().normalize().equals(configPath.toAbsolutePath().normalize()))
        .sorted(Comparator.comparing(SourceFile::relativePath)).toList();

    List<Notification> notifications = new ArrayList<>(notices);
    notifications.addAll(discovery.notifications());
    Loader loader = new Loader(config.limits());
    int threads = request.threads() > 0 ? request.threads() : Runtime.getRuntime().availableProcessors();

    // Phase 1: read every file. Phase 2: manifests (LZA, CfCT, the organization section) say
    // what other files are, which content alone cannot (a bare SCP looks like any policy).
    // Phase 3: extract the access model and run the document rules, file by file, in parallel.
    List<LoadedFile> read = parallel(files, loader::load, threads);
    // [formats] scan phase: the configuration, then every loaded file in order, through every format.
    ScanContext scan = Formats.scan(config, root, read);
    Declarations declarations = scan.declarations();
    RunContext run = new RunContext(config, options, catalog, now, configured);
    List<DocumentRule> docRules = active.stream().filter(DocumentRule.class::isInstance).map(DocumentRule.class::cast).toList();
    List<FileOutcome> outcomes = parallel(read, f -> checkFile(f, loader, declarations, docRules, run), threads);
    List<Finding> findings = new ArrayList<>();
    List<LoadedFile> loaded = new ArrayList<>();
    List<Document> documents = new ArrayList<>();
    for (FileOutcome o : outcomes) {
      findings.addAll(o.findings);
      notifications.addAll(o.notifications);
      loaded.add(o.file);
      documents.addAll(o.documents);
    }
    Workspace workspace = new Workspace(loaded, documents, scan.deployment(), config); // [formats]
    for (Rule r : active) {
      if (r instanceof WorkspaceRule w) {
        Ctx ctx = new Ctx(byRule.get(r), run, null);
        try {
          w.check(workspace, ctx);
        } catch (RuntimeException e) {
          notifications.add(ruleFailed(ctx.rule(), null, e));
        }
        findings.addAll(ctx.findings());
      }
    }
    List<Finding> finished = applySuppressions(findings, config, now, notifications);
    finished.sort(Finding.ORDER);
    String catalogDate = catalog.dataDate();
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new LintResult(root, ran, finished, notifications, files.size(), documents.size(), failLevel, now, catalogDate, millis);
  }

  // ---------------------------------------------------------------------------------------------

  /** Levels set by the user (configuration, then request), by rule id; rules turned off go to {@code off}. */
  private Map<String, Level> configuredLevels(Config config, LintRequest request, List<Notification> pendingNotices, Set<String> off) {
    Map<String, Level> levels = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    config.rules().forEach((name, rc) -> {
      RuleDescriptor d = rule(name);
      if (d == null && RuleCatalogue.idOf(name) != null) {
        pendingNotices.add(new Notification(Level.NOTE, "rule " + name + " is in the catalogue but not implemented in this version; "
            + "its configuration is ignored", config.file().relativePath()));
      } else if (d == null) {
        unknown.add(config.file().relativePath() + ":" + rc.span().startLine() + ":" + rc.span().startColumn()
            + ": unknown rule '" + name + "'" + suggestRule(name));
      } else if (rc.level() != null) {
        setLevel(levels, off, d.id(), rc.level());
      }
    });
    for (Config.Suppression s : config.suppressions()) {
      if (rule(s.rule()) == null && RuleCatalogue.idOf(s.rule()) == null) {
        unknown.add(config.file().relativePath() + ":" + s.span().startLine() + ":" + s.span().startColumn()
            + ": suppression names unknown rule '" + s.rule() + "'" + suggestRule(s.rule()));
      }
    }
    request.ruleLevels().forEach((name, level) -> {
      RuleDescriptor d = rule(name);
      if (d == null && RuleCatalogue.idOf(name) != null) {
        pendingNotices.add(new Notification(Level.NOTE, "rule " + name + " is in the catalogue but not implemented in this version", null));
      } else if (d == null) {
        unknown.add("unknown rule '" + name + "'" + suggestRule(name));
      } else {
        try {
          setLevel(levels, off, d.id(), level);
        } catch (IllegalArgumentException e) {
          unknown.add("rule " + name + ": " + e.getMessage());
        }
      }
    });
    if (!unknown.isEmpty()) throw new LintException(String.join("\n", unknown));
    return levels;
  }

  /** "off" (or "none") disables a rule; a later setting replaces an earlier one. */
  private static void setLevel(Map<String, Level> levels, Set<String> off, String id, String text) {
    if (text.equalsIgnoreCase("off") || text.equalsIgnoreCase("none")) {
      off.add(id);
      levels.remove(id);
    } else {
      levels.put(id, Level.parse(text));
      off.remove(id);
    }
  }

  private String suggestRule(String name) {
    List<String> candidates = new ArrayList<>();
    for (RuleDescriptor d : descriptors.values()) {
      candidates.add(d.id());
      candidates.add(d.name());
    }
    String best = EditDistance.nearest(name, candidates, Math.max(2, name.length() / 3));
    return best != null ? " (did you mean '" + best + "'?)" : "";
  }

  /** Loads the catalogue on first use (a run whose rules never ask pays nothing), once. */
  private static final class CatalogHolder implements Supplier<IamCatalog> {
    private final Path file;
    private volatile IamCatalog catalog;

    CatalogHolder(Path file) {
      this.file = file;
      if (file != null) catalog = load(file); // a bad --catalog is a usage error up front
    }

    private static IamCatalog load(Path f) {
      try {
        return IamCatalog.load(f);
      } catch (java.io.IOException | RuntimeException e) {
        throw new LintException("cannot read the catalogue " + f + ": " + e.getMessage(), e);
      }
    }

    @Override
    public IamCatalog get() {
      IamCatalog c = catalog;
      if (c == null) {
        synchronized (this) {
          if (catalog == null) catalog = IamCatalog.bundled();
          c = catalog;
        }
      }
      return c;
    }

    /** The data date, or null when no rule needed the catalogue. */
    String dataDate() {
      IamCatalog c = catalog;
      return c == null ? null : String.valueOf(c.metadata().dataDate());
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Shared, read-only state of one run. */
  private record RunContext(Config config, Map<String, RuleOptions> options, Supplier<IamCatalog> catalog,
      Instant now, Map<String, Level> configured) {}

  private record FileOutcome(LoadedFile file, List<Document> documents, List<Finding> findings, List<Notification> notifications) {}

  /** Maps in parallel, keeping order; small inputs stay on the calling thread. */
  private static <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> f, int threads) {
    if (threads <= 1 || items.size() < 8) {
      List<R> out = new ArrayList<>(items.size());
      for (T t : items) out.add(f.apply(t));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
      Thread t = new Thread(r, "iam-lint-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T t : items) futures.add(pool.submit(() -> f.apply(t)));
      List<R> out = new ArrayList<>(items.size());
      for (Future<R> fu : futures) {
        try {
          out.add(fu.get());
        } catch (ExecutionException e) {
          // checkFile and Loader.load catch everything they expect; this is a bug, not bad input
          throw new LintException("internal error: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LintException("interrupted");
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private FileOutcome checkFile(LoadedFile loaded, Loader loader, Declarations declarations, List<DocumentRule> rules, RunContext run) {
    SourceFile file = loaded.file();
    List<Document> documents = List.of();
    List<Notification> notes = new ArrayList<>();
    if (!declarations.ignored(file.relativePath()) && !loaded.documents().isEmpty()) {
      ExtractContext ectx = new ExtractContext(file, declarations.declared(file.relativePath()), loader.limits());
      try {
        Formats.extractAll(loaded.documents(), ectx); // [formats] extract phase
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
    List<Ctx> contexts = new ArrayList<>(rules.size());
    for (DocumentRule r : rules) contexts.add(new Ctx(byRule.get(r), run, file));
    try {
      walk(loaded, documents, rules, contexts, notes);
    } catch (RuntimeException e) {
      notes.add(new Notification(Level.ERROR, "internal error checking " + file.relativePath() + ": " + e, file.relativePath()));
    }
    return new FileOutcome(loaded, documents, Precedence.apply(contexts), notes);
  }

  /** One walk over the file's documents, calling every rule's hooks at each element. */
  private static void walk(LoadedFile file, List<Document> documents, List<DocumentRule> rules, List<Ctx> ctxs,
      List<Notification> notes) {
    int n = rules.size();
    boolean[] failed = new boolean[n];
    for (int i = 0; i < n; i++) {
      int idx = i;
      guard(failed, idx, ctxs.get(i), notes, () -> rules.get(idx).onFile(file, ctxs.get(idx)));
    }
    for (Document d : documents) {
      if (d instanceof PolicyDocument p) {
        walkPolicy(p, rules, ctxs, failed, notes);
      } else if (d instanceof PermissionSet ps) {
        for (int i = 0; i < n; i++) {
          int idx = i;
          guard(failed, idx, ctxs.get(i), notes, () -> rules.get(idx).onPermissionSet(ps, ctxs.get(idx)));
        }
        if (ps.inlinePolicy() != null) walkPolicy(ps.inlinePolicy(), rules, ctxs, failed, notes);
      } else if (d instanceof Assignment a) {
        for (int i = 0; i < n; i++) {
          int idx = i;
          guard(failed, idx, ctxs.get(i), notes, () -> rules.get(idx).onAssignment(a, ctxs.get(idx)));
        }
      }
    }
  }

  private static void walkPolicy(PolicyDocument p, List<DocumentRule> rules, List<Ctx> ctxs, boolean[] failed, List<Notification> notes) {
    int n = rules.size();
    for (int i = 0; i < n; i++) {
      int idx = i;
      guard(failed, idx, ctxs.get(i), notes, () -> rules.get(idx).onPolicy(p, ctxs.get(idx)));
    }
    for (Statement s : p.statements()) {
      for (Ctx c : ctxs) c.scope = s;
      for (int i = 0; i < n; i++) {
        int idx = i;
        guard(failed, idx, ctxs.get(i), notes, () -> rules.get(idx).onStatement(p, s, ctxs.get(idx)));
      }
      for (Condition c : s.conditions()) {
        for (int i = 0; i < n; i++) {
          int idx = i;
          guard(failed, idx, ctxs.get(i), notes, () -> rules.get(idx).onCondition(p, s, c, ctxs.get(idx)));
        }
      }
      for (Ctx c : ctxs) c.scope = null;
    }
  }

  /** A rule that throws is reported once per file as a notification and skipped for the rest of it. */
  private static void guard(boolean[] failed, int idx, Ctx ctx, List<Notification> notes, Runnable call) {
    if (failed[idx]) return;
    try {
      call.run();
    } catch (RuntimeException | StackOverflowError e) {
      failed[idx] = true;
      notes.add(ruleFailed(ctx.rule(), ctx.file(), e));
    }
  }

  private static Notification ruleFailed(RuleDescriptor rule, SourceFile file, Throwable e) {
    String where = file == null ? "" : " on " + file.relativePath();
    return new Notification(Level.ERROR, "rule " + rule.id() + " " + rule.name() + " failed" + where + ": " + e,
        file == null ? null : file.relativePath());
  }

  // ---------------------------------------------------------------------------------------------

  private List<Finding> applySuppressions(List<Finding> findings, Config config, Instant now, List<Notification> notes) {
    List<Finding> out = new ArrayList<>(findings.size());
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<Config.Suppression> sups = config.suppressions();
    Map<Config.Suppression, Globs> globs = new HashMap<>();
    for (Config.Suppression s : sups) globs.put(s, Globs.of(s.paths()));
    boolean[] expiredNoted = new boolean[sups.size()];
    for (Finding f : findings) {
      Finding result = f;
      for (int i = 0; i < sups.size(); i++) {
        Config.Suppression s = sups.get(i);
        RuleDescriptor d = rule(s.rule());
        if (d == null || !d.id().equals(f.ruleId())) continue;
        if (!s.paths().isEmpty() && !globs.get(s).matches(f.location().path())) continue;
        if (s.expires() != null && today.isAfter(s.expires())) {
          if (!expiredNoted[i]) {
            expiredNoted[i] = true;
            notes.add(new Notification(Level.WARNING, "suppression of " + s.rule() + " at " + config.file().relativePath() + ":"
                + s.span().startLine() + " expired on " + s.expires() + "; its findings are reported again",
                config.file().relativePath()));
          }
          continue;
        }
        result = f.withSuppression(new Finding.Suppression(s.reason(), s.expires() == null ? null : s.expires().toString()));
        break;
      }
      out.add(result);
    }
    return out;
  }

  /** The per-rule, per-file context; collects findings. */
  final class Ctx implements RuleContext {
    private final RuleDescriptor rule;
    private final RunContext run;
    private final SourceFile file;
    final List<Pending> pending = new ArrayList<>();
    /** The statement whose hooks are running, so precedence can tell findings on the same statement. */
    Statement scope;

    Ctx(RuleDescriptor rule, RunContext run, SourceFile file) {
      this.rule = rule;
      this.run = run;
      this.file = file;
    }

    @Override
    public RuleDescriptor rule() {
      return rule;
    }

    @Override
    public RuleOptions options() {
      return run.options().getOrDefault(rule.id(), RuleOptions.EMPTY);
    }

    @Override
    public Config config() {
      return run.config();
    }

    @Override
    public IamCatalog catalog() {
      return run.catalog().get();
    }

    @Override
    public Instant now() {
      return run.now();
    }

    @Override
    public SourceFile file() {
      return file;
    }

    @Override
    public Report report(SourceFile in, Span span, String pointer, String messageId, Object... args) {
      if (in == null) throw new IllegalArgumentException("a workspace rule must name the file it reports in");
      String message = rule.message(messageId, args);
      Pending p = new Pending(in, span, pointer, messageId, message, scope);
      pending.add(p);
      return p;
    }

    List<Finding> findings() {
      List<Finding> out = new ArrayList<>(pending.size());
      for (Pending p : pending) out.add(finding(p));
      return out;
    }

    Finding finding(Pending p) {
      Level configured = run.configured().get(rule.id());
      Level level = configured != null ? configured : rule.levelOf(p.messageId);
      Location loc = new Location(p.file.relativePath(), p.span, p.pointer);
      return new Finding(rule.id(), rule.name(), level, p.messageId, p.message, loc, p.related,
          fingerprint(rule.id(), loc, p.messageId), null);
    }
  }

  static final class Pending implements RuleContext.Report {
    final SourceFile file;
    final Span span;
    final String pointer;
    final String messageId;
    final String message;
    final Statement scope;
    final List<Finding.RelatedLocation> related = new ArrayList<>();

    Pending(SourceFile file, Span span, String pointer, String messageId, String message, Statement scope) {
      this.file = file;
      this.span = span;
      this.pointer = pointer;
      this.messageId = messageId;
      this.message = message;
      this.scope = scope;
    }

    @Override
    public RuleContext.Report related(SourceFile in, Span s, String msg) {
      related.add(new Finding.RelatedLocation(new Location(in.relativePath(), s, null), msg));
      return this;
    }
  }

  /**
   * Stable across unrelated edits: rule, file, the JSON Pointer of the element and the message
   * id, not line numbers. Findings without a pointer (parse errors) fall back to the position.
   */
  static String fingerprint(String ruleId, Location loc, String messageId) {
    String anchor = loc.pointer() != null ? loc.pointer() : loc.span().startLine() + ":" + loc.span().startColumn();
    String key = ruleId + "\u0000" + loc.path() + "\u0000" + anchor + "\u0000" + messageId;
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
