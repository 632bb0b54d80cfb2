package dev.iamlint.cli;

import dev.iamlint.core.Version;
import dev.iamlint.core.config.ConfigLoader;
import dev.iamlint.core.config.FailLevel;
import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.Level;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Notification;
import dev.iamlint.core.engine.RepositoryRoot;
import dev.iamlint.core.report.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code iam-lint check}: lint files and directories, write reports, exit with the verdict. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Lints IAM policies, SCPs, permission sets, CMPs and CloudFormation templates.",
        "",
        "The repository root is --root, else the nearest directory upward holding .iam-lint.yaml, "
            + "else the top of the git work tree, else the current directory. Its .iam-lint.yaml is "
            + "the configuration and every reported path is relative to it, wherever the command runs.",
        "",
        "PATHs (default: the whole root) are the targets: findings are reported for them. The "
            + "whole repository under the root is always read as context, so a permission set's "
            + "CMPs, an assignment's permission sets and an SCP's attachments are found wherever "
            + "they are defined. Files named explicitly are linted even when no include glob "
            + "matches them."
    },
    footerHeading = "%nReports:%n",
    footer = {
        "  Each --format pairs with the --output FILE that follows it. A --format",
        "  without an --output goes to standard output (at most one may); an",
        "  --output without a --format writes a text report. Parent directories",
        "  of FILE are created. Example:",
        "    iam-lint check -f sarif -o build/iam-lint.sarif -f text",
        "  writes SARIF to build/iam-lint.sarif and text to standard output.",
        "",
        "Exit status:",
        "  0  nothing at or above the fail level",
        "  1  findings at or above the fail level",
        "  2  usage, configuration or I/O error, or a rule that failed (its id, the",
        "     file and the exception are printed; the stack trace with --verbose)%n"
    })
final class CheckCommand implements Callable<Integer> {

  /** Where the engine comes from: built here, or started by {@link Main} while picocli parses. */
  private final Supplier<Engine> engine;

  /** The caller's directory, environment and terminal: this process's, or a daemon client's. */
  private final Invocation invocation;

  CheckCommand() {
    this(Engine::new, Invocation.current());
  }

  CheckCommand(Supplier<Engine> engine, Invocation invocation) {
    this.engine = engine;
    this.invocation = invocation;
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Files or directories to report on (default: the whole repository root).")
  List<Path> paths = new ArrayList<>();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "Report format: text (default), json, sarif or github. Repeatable; see Reports.")
  List<ReportFormat> formats = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report of the preceding --format to FILE. Repeatable; see Reports.")
  List<Path> outputFiles = new ArrayList<>();

  @Option(names = "--root", paramLabel = "DIR",
      description = "The repository root (default: the nearest directory upward holding .iam-lint.yaml, "
          + "else the git work-tree top, else the current directory).")
  Path rootDir;

  @Option(names = "--sarif-category", paramLabel = "NAME",
      description = "The SARIF run's category (automationDetails.id), to tell several uploads apart "
          + "in GitHub code scanning (default: iam-lint).")
  String sarifCategory;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: .iam-lint.yaml in the repository root, if present).")
  Path configFile;

  @Option(names = "--fail-level", paramLabel = "LEVEL", converter = LevelConverter.class,
      description = "Exit 1 when a finding is at or above LEVEL: error, warning, note or none "
          + "(default: the configuration's failLevel, else error).")
  FailLevel failLevel;

  @Option(names = "--now", paramLabel = "TIME", converter = InstantConverter.class,
      description = "The clock for time-window rules, ISO-8601: 2025-06-30 or 2025-06-30T12:00:00Z "
          + "(default: the configuration's, else the real time).")
  Instant now;

  @Option(names = "--include", paramLabel = "GLOB",
      description = "Lint only files matching GLOB (repeatable; replaces the configuration's includes).")
  List<String> includes = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB",
      description = "Skip files matching GLOB (repeatable; added to the configuration's excludes).")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--catalog", paramLabel = "FILE",
      description = "A newer generated IAM catalogue file instead of the bundled one.")
  Path catalogFile;

  @Option(names = "--plugin", paramLabel = "JAR",
      description = "Load the rules of a rule jar (repeatable), in addition to the configuration's plugins: "
          + "(see docs/custom-rules.md).")
  List<Path> plugins = new ArrayList<>();

  @Option(names = "--rule", paramLabel = "ID=LEVEL", mapFallbackValue = "",
      description = "Override a rule's level by id or name: error, warning, note or off "
          + "(repeatable), e.g. --rule IAM203=error --rule wildcard-resource=off.")
  Map<String, String> ruleLevels = new LinkedHashMap<>();

  @Option(names = {"-q", "--quiet"},
      description = "Print nothing on standard output when there are no findings.")
  boolean quiet;

  @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set).")
  boolean noColor;

  @Option(names = {"-v", "--verbose"},
      description = "Also list notes in the text report, skipped files, what the parse cache did, and stack traces "
          + "for internal errors.")
  boolean verbose;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads (default 0: one per processor).")
  int threads;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where parsed trees of the repository's manifests, and the configuration's passed schema check, are kept between runs (default: "
          + "$IAMLINT_CACHE_DIR, else $XDG_CACHE_HOME/iam-lint, else ~/.cache/iam-lint).")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Parse every file, validate the configuration, and keep nothing between runs.")
  boolean noCache;

  private static final Set<String> RULE_LEVELS = Set.of("error", "warning", "note", "off");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<Output> outputs = outputs();
      LintRequest request = request();
      LintResult result = engine.get().run(request);
      boolean textOnStdout = false;
      for (Output o : outputs) {
        if (o.file() == null) {
          boolean human = o.format() == ReportFormat.TEXT || o.format() == ReportFormat.GITHUB;
          // --quiet silences the human formats on a clean run; JSON and SARIF are for machines.
          if (quiet && human && result.activeFindings().isEmpty()) continue;
          if (o.format() == ReportFormat.TEXT) textOnStdout = true;
          o.format().reporter(color(), verbose, Version.get()).write(result, out);
          out.flush();
        } else {
          write(o, result);
        }
      }
      if (!textOnStdout) printNotifications(result, err, verbose);
      if (verbose) printCacheUse(result.parseCache(), err);
      if (!result.executionSuccessful()) {
        printFailures(result, err, verbose);
        return ExitCode.ERROR.code();
      }
      return (result.failed() ? ExitCode.FINDINGS : ExitCode.OK).code();
    } catch (Exception | Error e) {
      out.flush();
      Errors.report(err, e, verbose);
      return ExitCode.ERROR.code();
    }
  }

  /**
   * The run without its effects: the same request and reports, written nowhere. The daemon runs
   * this between requests so that the code the next one needs is compiled before it comes.
   */
  void rehearse() throws IOException {
    List<Output> outputs = outputs();
    LintResult result = engine.get().run(request());
    for (Output o : outputs) o.format().reporter(false, verbose, Version.get()).write(result, Writer.nullWriter());
  }

  /** The reports to write, in command-line order of their {@code --format} / {@code --output}. */
  List<Output> outputs() {
    List<Output.Arg> args = new ArrayList<>();
    int f = 0;
    int o = 0;
    // matchedArgs() has one entry per occurrence, in order; the fields hold the values in order.
    for (ArgSpec arg : spec.commandLine().getParseResult().matchedArgs()) {
      if (!(arg instanceof OptionSpec opt)) continue;
      if (opt.longestName().equals("--format")) {
        args.add(new Output.FormatArg(formats.get(f++)));
      } else if (opt.longestName().equals("--output")) {
        args.add(new Output.FileArg(outputFiles.get(o++)));
      }
    }
    try {
      return Output.pair(args, invocation.cwd());
    } catch (IllegalArgumentException e) {
      throw new Errors.UsageException(e.getMessage());
    }
  }

  LintRequest request() {
    Path cwd = invocation.cwd();
    List<Path> lintPaths = new ArrayList<>();
    for (Path p : paths) lintPaths.add(invocation.resolve(p));
    Path root = RepositoryRoot.find(cwd, rootDir == null ? null : invocation.resolve(rootDir), lintPaths);
    Map<String, String> levels = new LinkedHashMap<>();
    ruleLevels.forEach((rule, level) -> {
      String l = level.trim().toLowerCase(Locale.ROOT);
      if (rule.isBlank() || !RULE_LEVELS.contains(l)) {
        throw new Errors.UsageException("--rule " + rule + "=" + level
            + ": expected ID=LEVEL with LEVEL one of error, warning, note, off");
      }
      levels.put(rule.trim(), l);
    });
    if (threads < 0) throw new Errors.UsageException("--threads must be 0 or more, not " + threads);
    return LintRequest.of(root)
        .withPaths(lintPaths)
        .withConfigFile(configFile == null ? null : invocation.resolve(configFile))
        .withIncludes(includes)
        .withExcludes(excludes)
        .withFailLevel(failLevel)
        .withNow(now)
        .withCatalogFile(catalogFile == null ? null : invocation.resolve(catalogFile))
        .withRuleLevels(levels)
        .withThreads(threads)
        .withCategory(sarifCategory)
        .withPlugins(plugins.stream().map(invocation::resolve).toList())
        .withCacheDir(noCache ? null : cacheDir != null ? invocation.resolve(cacheDir) : invocation.cacheDirectory());
  }

  /**
   * Why the run fails although its findings may not: the rules that threw (each with the file and
   * the exception; the stack trace with --verbose) or what could not be read. Always on standard
   * error, whichever reports were asked for.
   */
  private static void printFailures(LintResult result, PrintWriter err, boolean verbose) {
    List<Notification> failures = result.ruleFailures();
    if (verbose) {
      for (Notification n : failures) {
        err.println("iam-lint: " + n.message());
        err.print(n.failure().stackTrace());
      }
    }
    err.println("iam-lint: error: the run is incomplete: " + (failures.isEmpty() ? "see the errors above"
        : failures.size() + (failures.size() == 1 ? " rule failure" : " rule failures")
            + (verbose ? "" : " (run again with --verbose for the stack trace)")));
    err.flush();
  }

  /** Colour only for a terminal that can show it, never when asked not to (https://no-color.org). */
  private boolean color() {
    String noColorEnv = invocation.env().get("NO_COLOR");
    String term = invocation.env().get("TERM");
    return !noColor && invocation.terminal() && (noColorEnv == null || noColorEnv.isEmpty())
        && !"dumb".equals(term);
  }

  private void write(Output o, LintResult result) {
    Path file = invocation.resolve(o.file());
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        o.format().reporter(false, verbose, Version.get()).write(result, w);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + o.file(), e);
    }
  }

  /** With --verbose: whether the manifests came from the parse cache, to tell a slow hook why. */
  static void printCacheUse(LintResult.CacheUse use, PrintWriter err) {
    if (use.directory() == null) {
      err.println("iam-lint: parse cache: off");
    } else {
      err.println("iam-lint: parse cache " + use.directory() + ": " + use.read() + (use.read() == 1 ? " tree" : " trees")
          + " read from it, " + use.written() + (use.written() == 1 ? " file" : " files") + " parsed and kept");
    }
    err.flush();
  }

  /** Problems of the run itself (warnings and errors), when no text report on standard output shows them. */
  private static void printNotifications(LintResult result, PrintWriter err, boolean verbose) {
    for (Notification n : result.notifications()) {
      if (n.level() == Level.NOTE && !verbose) continue;
      err.println("iam-lint: " + n.level().id() + ": " + (n.path() == null ? "" : n.path() + ": ") + n.message());
    }
    err.flush();
  }

  static final class FormatConverter implements ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      try {
        return ReportFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class LevelConverter implements ITypeConverter<FailLevel> {
    @Override
    public FailLevel convert(String value) {
      try {
        return FailLevel.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A date (midnight UTC), a date-time with an offset, or a date-time without one (UTC). */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return ConfigLoader.parseInstant(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not an ISO-8601 date or date-time (e.g. 2025-06-30 or 2025-06-30T12:00:00Z)");
      }
    }
  }
}
