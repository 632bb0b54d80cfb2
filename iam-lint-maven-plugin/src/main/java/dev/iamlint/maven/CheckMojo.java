package dev.iamlint.maven;

import dev.iamlint.core.Version;
import dev.iamlint.core.config.ConfigLoader;
import dev.iamlint.core.config.FailLevel;
import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.Level;
import dev.iamlint.core.LintException;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.source.TreeCache;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Notification;
import dev.iamlint.core.engine.RepositoryRoot;
import dev.iamlint.core.report.ReportFormat;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Lints the project's AWS access-as-code (IAM policies, permission sets, SCPs, CloudFormation)
 * and fails the build when a finding is at or above the fail level.
 *
 * <p>A thin adapter over the engine, like the CLI: it builds a {@link LintRequest} from its
 * parameters (each mirrors a CLI option of the same meaning), runs the {@link Engine}, writes
 * the reports and decides the build result from the in-memory {@link LintResult}, never from a
 * written report.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public class CheckMojo extends AbstractMojo {

  /** The module's directory: its files are the targets unless {@link #sourceDirectories} says otherwise. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File basedir;

  /** Where the build was started; the repository root is looked up from here. */
  @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
  private File executionRootDirectory;

  @Parameter(defaultValue = "${project}", readonly = true)
  private MavenProject project;

  /**
   * The repository root (CLI: --root): every reported path is relative to it, its
   * {@code .iam-lint.yaml} is the configuration, and every file under it is context for the
   * relational rules. Default: the nearest directory upward from the module that holds
   * {@code .iam-lint.yaml}, else the top of the git work tree, else where the build started. So
   * every module of a multi-module build shares the repository's root and configuration.
   */
  @Parameter(property = "iamlint.rootDirectory")
  private File rootDirectory;

  /**
   * Files and directories to report on (CLI: the path arguments). Relative entries resolve
   * against the module's directory. Default: the module's directory, without the directories of
   * its own modules — each module reports its own files, so a parent that declares the plugin
   * does not report them twice. Build directories are skipped.
   */
  @Parameter
  private List<File> sourceDirectories;

  /**
   * The SARIF run's category ({@code automationDetails.id}), which GitHub code scanning uses to
   * keep the runs of several modules apart. Default: the module's artifactId.
   */
  @Parameter(property = "iamlint.sarifCategory", defaultValue = "${project.artifactId}")
  private String sarifCategory;

  /** Include globs, relative to the project directory; replace the configuration's (CLI: --include). */
  @Parameter(property = "iamlint.includes")
  private List<String> includes;

  /** Exclude globs, added to the configuration's (CLI: --exclude). */
  @Parameter(property = "iamlint.excludes")
  private List<String> excludes;

  /** The configuration file; default {@code .iam-lint.yaml} in the project directory if it exists (CLI: --config). */
  @Parameter(property = "iamlint.configFile")
  private File configFile;

  /** Report formats written to {@link #outputDirectory}: {@code sarif}, {@code text}, {@code json}, {@code github} (CLI: --format). */
  @Parameter(property = "iamlint.formats", defaultValue = "sarif,text")
  private List<String> formats;

  /**
   * Where the reports go, one file per format: {@code iam-lint.sarif}, {@code iam-lint.txt},
   * {@code iam-lint.json}, {@code iam-lint-github.txt} (CLI: --output).
   */
  @Parameter(property = "iamlint.outputDirectory", defaultValue = "${project.build.directory}/iam-lint")
  private File outputDirectory;

  /**
   * The lowest level that fails the build: {@code error}, {@code warning}, {@code note} or
   * {@code none}. Unset: the configuration file's {@code failLevel}, else {@code error} (CLI: --fail-level).
   */
  @Parameter(property = "iamlint.failLevel")
  private String failLevel;

  /** Whether findings at or above the fail level fail the build; false only logs them. */
  @Parameter(property = "iamlint.failOnViolation", defaultValue = "true")
  private boolean failOnViolation;

  /** Skips the goal. */
  @Parameter(property = "iamlint.skip", defaultValue = "false")
  private boolean skip;

  /**
   * The clock for time-window rules, ISO-8601: {@code 2026-03-01T00:00:00Z} or {@code 2026-03-01}
   * (midnight UTC). Unset: the configuration's, else the real time (CLI: --now).
   */
  @Parameter(property = "iamlint.now")
  private String now;

  /** A newer generated IAM catalogue instead of the bundled one (CLI: --catalog). */
  @Parameter(property = "iamlint.catalogFile")
  private File catalogFile;

  /**
   * Per-rule levels by rule id or name, applied after the configuration's: {@code error},
   * {@code warning}, {@code note} or {@code off} (CLI: --rule ID=LEVEL). Example:
   * {@code <ruleLevels><IAM201>warning</IAM201></ruleLevels>}.
   */
  @Parameter
  private Map<String, String> ruleLevels;

  /**
   * Rule jars to load, relative to the module's directory (CLI: --plugin), in addition to the
   * configuration's {@code plugins:}. A rule jar can also be added to this plugin's
   * {@code <dependencies>}.
   */
  @Parameter
  private List<File> plugins;

  /** Worker threads; 0 means one per available processor (CLI: --threads). */
  @Parameter(property = "iamlint.threads", defaultValue = "0")
  private int threads;

  /**
   * Where parsed trees of the repository's manifests are kept between runs and modules (CLI:
   * --cache-dir): every module reads the whole repository as context, and the cache spares each
   * the parse of large LZA and Control Tower files another already did (and the configuration's
   * schema validation, recorded for its exact bytes). Default:
   * {@code $IAMLINT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/iam-lint}, else {@code ~/.cache/iam-lint}.
   */
  @Parameter(property = "iamlint.cacheDirectory")
  private File cacheDirectory;

  /** Parses every file and keeps nothing between runs (CLI: --no-cache). */
  @Parameter(property = "iamlint.noCache", defaultValue = "false")
  private boolean noCache;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Log log = getLog();
    if (skip) {
      log.info("iam-lint is skipped.");
      return;
    }
    LintRequest request = request();
    List<ReportFormat> reportFormats = reportFormats();

    LintResult result;
    try {
      result = runEngine(request);
    } catch (LintException e) {
      throw new MojoExecutionException("iam-lint: " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      // Maven's own heap: the goal runs inside Maven's JVM.
      throw new MojoExecutionException("iam-lint: out of memory: this run needs more than Maven's heap of "
          + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; give Maven more, e.g. MAVEN_OPTS=-Xmx2g"
          + " or -Xmx2g in .mvn/jvm.config");
    }

    List<Path> written = writeReports(result, reportFormats);
    logResult(result);

    // A rule that threw (or a file that could not be read) leaves the verdict incomplete: a build
    // error whatever the findings, as the CLI's exit code 2.
    if (!result.executionSuccessful()) {
      for (Notification n : result.ruleFailures()) {
        if (log.isDebugEnabled()) log.debug("iam-lint: " + n.message() + "\n" + n.failure().stackTrace());
      }
      List<Notification> failures = result.ruleFailures();
      String what = failures.isEmpty()
          ? result.notifications().stream().filter(n -> n.level() == Level.ERROR).map(Notification::message).findFirst().orElse("")
          : String.join("; ", failures.stream().map(Notification::message).toList());
      throw new MojoExecutionException("iam-lint: the run is incomplete: " + what
          + (failures.isEmpty() ? "" : " (run with -X for the stack trace)"));
    }

    if (result.failed()) {
      String message = failureMessage(result, written);
      if (failOnViolation) throw new MojoFailureException(message);
      log.warn(message + " (failOnViolation is false)");
    }
  }

  /** Runs with this plugin's class realm as context loader, so that rule jars added to the plugin's dependencies are discovered. */
  private LintResult runEngine(LintRequest request) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(getClass().getClassLoader());
    try {
      return new Engine().run(request);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  LintRequest request() throws MojoExecutionException {
    Path module = basedir.toPath().toAbsolutePath().normalize();
    Path root = root(module);
    List<Path> paths = new ArrayList<>();
    if (sourceDirectories != null) {
      for (File f : sourceDirectories) {
        if (f != null) paths.add(module.resolve(f.toPath()).normalize());
      }
    }
    List<Path> childModules = new ArrayList<>();
    if (paths.isEmpty()) {
      paths.add(module);
      if (project != null) {
        for (String m : project.getModules()) childModules.add(module.resolve(m).normalize());
      }
    }
    LintRequest request =
        LintRequest.of(root)
            .withPaths(paths)
            .withExcludedTargets(childModules)
            .withCategory(sarifCategory)
            .withIncludes(globs(includes))
            .withExcludes(globs(excludes))
            .withThreads(threads)
            .withCacheDir(noCache ? null : cacheDirectory != null ? module.resolve(cacheDirectory.toPath()).normalize()
                : TreeCache.userDirectory());
    if (plugins != null && !plugins.isEmpty()) {
      List<Path> jars = new ArrayList<>();
      for (File f : plugins) {
        if (f != null) jars.add(module.resolve(f.toPath()).normalize());
      }
      request = request.withPlugins(jars);
    }
    if (configFile != null) request = request.withConfigFile(module.resolve(configFile.toPath()));
    if (catalogFile != null) request = request.withCatalogFile(module.resolve(catalogFile.toPath()));
    if (failLevel != null && !failLevel.isBlank()) {
      try {
        request = request.withFailLevel(FailLevel.parse(failLevel));
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException("iam-lint: failLevel: " + e.getMessage(), e);
      }
    }
    if (now != null && !now.isBlank()) request = request.withNow(parseInstant(now.trim()));
    if (ruleLevels != null && !ruleLevels.isEmpty()) {
      Map<String, String> levels = new LinkedHashMap<>();
      ruleLevels.forEach((rule, level) -> {
        if (rule != null && level != null) levels.put(rule.trim(), level.trim());
      });
      request = request.withRuleLevels(levels);
    }
    return request;
  }

  /** The repository root, looked up from the module (see {@link RepositoryRoot}). */
  private Path root(Path module) throws MojoExecutionException {
    try {
      Path start = executionRootDirectory != null ? executionRootDirectory.toPath() : module;
      return RepositoryRoot.find(start, rootDirectory == null ? null : module.resolve(rootDirectory.toPath()), List.of(module));
    } catch (LintException e) {
      throw new MojoExecutionException("iam-lint: rootDirectory: " + e.getMessage(), e);
    }
  }

  private List<ReportFormat> reportFormats() throws MojoExecutionException {
    Set<ReportFormat> out = new LinkedHashSet<>();
    for (String f : splitCommas(formats)) {
      try {
        out.add(ReportFormat.parse(f));
      } catch (IllegalArgumentException e) {
        throw new MojoExecutionException("iam-lint: formats: " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  private List<Path> writeReports(LintResult result, List<ReportFormat> reportFormats)
      throws MojoExecutionException {
    List<Path> written = new ArrayList<>();
    if (reportFormats.isEmpty()) return written;
    Path dir = outputDirectory.toPath();
    String version = Version.get();
    try {
      Files.createDirectories(dir);
      for (ReportFormat format : reportFormats) {
        Path file = dir.resolve(format.defaultFileName());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          format.reporter(false, true, version).write(result, out);
        }
        written.add(file);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("iam-lint: cannot write report to " + dir + ": " + e.getMessage(), e);
    }
    return written;
  }

  /** One line per unsuppressed finding at its own log level, then the notifications and a summary. */
  private void logResult(LintResult result) {
    Log log = getLog();
    for (Finding f : result.findings()) {
      if (f.suppressed()) continue;
      String line =
          f.location() + ": " + f.level().id() + " " + f.ruleId() + " " + f.ruleName() + ": " + f.message();
      switch (f.level()) {
        case ERROR -> log.error(line);
        case WARNING -> log.warn(line);
        default -> log.info(line);
      }
    }
    for (Notification n : result.notifications()) {
      String line = "iam-lint: " + (n.path() != null ? n.path() + ": " : "") + n.message();
      switch (n.level()) {
        case ERROR -> log.error(line);
        case WARNING -> log.warn(line);
        default -> log.info(line);
      }
    }
    log.info(summary(result));
  }

  static String summary(LintResult result) {
    return String.format(
        "iam-lint: %d file%s, %d document%s checked: %d error%s, %d warning%s, %d note%s, %d suppressed (%d ms)",
        result.filesScanned(), plural(result.filesScanned()),
        result.documentsChecked(), plural(result.documentsChecked()),
        result.count(Level.ERROR), plural(result.count(Level.ERROR)),
        result.count(Level.WARNING), plural(result.count(Level.WARNING)),
        result.count(Level.NOTE), plural(result.count(Level.NOTE)),
        result.suppressedCount(), result.durationMillis());
  }

  private static String failureMessage(LintResult result, List<Path> written) {
    long n = result.activeFindings().stream().filter(f -> result.failLevel().fails(f.level())).count();
    StringBuilder sb = new StringBuilder("iam-lint: ")
        .append(n).append(n == 1 ? " finding" : " findings")
        .append(" at or above the fail level '").append(result.failLevel().id()).append("'");
    if (!written.isEmpty()) sb.append("; report: ").append(written.get(0));
    return sb.toString();
  }

  private static String plural(long n) {
    return n == 1 ? "" : "s";
  }

  /** Globs as given (never split on commas: {@code {a,b}/**} is one glob). */
  private static List<String> globs(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values == null) return out;
    for (String v : values) {
      if (v != null && !v.isBlank()) out.add(v.trim());
    }
    return out;
  }

  /** Format names; an element such as "sarif,json" (from a property on any Maven version) is split. */
  private static List<String> splitCommas(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values == null) return out;
    for (String v : values) {
      if (v == null) continue;
      for (String part : v.split(",")) {
        if (!part.isBlank()) out.add(part.trim());
      }
    }
    return out;
  }

  static Instant parseInstant(String text) throws MojoExecutionException {
    try {
      return ConfigLoader.parseInstant(text);
    } catch (DateTimeParseException e) {
      throw new MojoExecutionException(
          "iam-lint: now: '" + text + "' is not an ISO-8601 instant or date (e.g. 2026-03-01T00:00:00Z)", e);
    }
  }
}
