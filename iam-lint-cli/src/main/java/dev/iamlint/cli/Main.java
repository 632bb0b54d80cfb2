package dev.iamlint.cli;

import dev.iamlint.core.Version;
import dev.iamlint.core.catalog.CatalogMetadata;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.engine.Engine;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code iam-lint} command: {@code check}, {@code rules}, {@code explain}. */
@Command(
    name = "iam-lint",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    subcommands = {CheckCommand.class, RulesCommand.class, ExplainCommand.class, ExplainAccessCommand.class,
        CommandLine.HelpCommand.class},
    description = "Lints AWS access as code: IAM policies, permission sets, CMPs and SCPs. "
        + "No AWS credentials, no network.",
    footerHeading = "%nExit status:%n",
    footer = {
        "  0  nothing at or above the fail level",
        "  1  findings at or above the fail level",
        "  2  usage, configuration or I/O error, or a rule that failed%n"
    })
public final class Main implements Runnable {

  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: say how to use it. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: check, rules, explain or explain-access");
  }

  public static void main(String[] args) {
    Invocation here = Invocation.current();
    // With IAMLINT_DAEMON=1 a check is first offered to a running daemon (the answer comes back
    // as if run here); when none answers, the run happens here and starts one for the next.
    DaemonClient daemon = DaemonClient.forRun(here, args);
    if (daemon != null) {
      Integer code = daemon.run(args, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
      if (code != null) System.exit(code);
    }
    quietSlf4j();
    // UTF-8 whatever the locale: reports (JSON, SARIF) must be UTF-8, and rule docs are.
    PrintWriter out = new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    int code = commandLine(out, err, args, here).execute(args);
    out.flush();
    err.flush();
    if (daemon != null) daemon.start(args);
    System.exit(code);
  }

  /**
   * The command line with iam-lint's error handling: bad usage prints one {@code iam-lint: error:}
   * line and exits 2; an exception escaping a command exits 2 too (commands catch their own and
   * print a stack trace only with {@code --verbose}).
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, new String[0]);
  }

  /** {@link Main} without its subcommands; {@link #commandLine(PrintWriter, PrintWriter, String[])} adds the one a run names. */
  @Command(name = "iam-lint", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class)
  static final class OneCommand implements Runnable {
    @Override
    public void run() {
      // never called: the run names its subcommand
    }
  }

  /**
   * The subcommand a run may name, as {@code @Command(subcommands)} lists them; null for anything
   * else. A switch, not a static map: a map of class literals would load every command class (and
   * picocli) before a daemon client knows whether it needs any.
   */
  private static Class<?> command(String name) {
    return switch (name) {
      case "check" -> CheckCommand.class;
      case "rules" -> RulesCommand.class;
      case "explain" -> ExplainCommand.class;
      case "explain-access" -> ExplainAccessCommand.class;
      default -> null;
    };
  }

  /**
   * {@link #commandLine(PrintWriter, PrintWriter)} for these arguments: when the first names a
   * subcommand, the command line holds only that one. picocli builds each command's model by
   * reflection over its annotations, some tens of milliseconds per command in a fresh JVM, and a
   * pre-commit run pays it on every commit for commands it never runs. Anything else (no
   * arguments, {@code --help}, {@code help check}, a typo) gets {@link Main} with every
   * subcommand, so help and "did you mean" are as before.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
    return commandLine(out, err, args, Invocation.current());
  }

  /** {@link #commandLine(PrintWriter, PrintWriter, String[])} for a {@code check} run on behalf of this caller. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args, Invocation invocation) {
    return commandLine(out, err, args, invocation, null);
  }

  /**
   * {@link #commandLine(PrintWriter, PrintWriter, String[], Invocation)} with the engine a
   * {@code check} uses, or null to build one (the daemon keeps one for all its runs).
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args, Invocation invocation,
      Engine shared) {
    Class<?> only = args.length > 0 ? command(args[0]) : null;
    CommandLine cl;
    if (only == CheckCommand.class) {
      cl = new CommandLine(new OneCommand());
      cl.addSubcommand(new CheckCommand(shared != null ? () -> shared : startEngine(), invocation));
    } else if (only != null) {
      cl = new CommandLine(new OneCommand());
      cl.addSubcommand(only);
    } else {
      cl = new CommandLine(new Main());
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> ExitCode.ERROR.code());
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      Errors.report(commandLine.getErr(), e, false);
      return ExitCode.ERROR.code();
    });
    return cl;
  }

  /**
   * The engine (rule discovery: loading every rule class and reading its metadata) does not depend
   * on the arguments, so it is built on a second thread while picocli builds the command's model on
   * this one; both are start-up costs of every run.
   */
  private static Supplier<Engine> startEngine() {
    FutureTask<Engine> engine = new FutureTask<>(Engine::new);
    Thread t = new Thread(engine, "iam-lint-engine");
    t.setDaemon(true);
    t.start();
    return () -> built(engine);
  }

  /** The engine a second thread built; its failure is this thread's. */
  private static Engine built(FutureTask<Engine> engine) {
    try {
      return engine.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the rules were loaded", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The schema validator logs through SLF4J, and the CLI ships no SLF4J provider: without this,
   * every run would start with three "no providers" warnings on stderr.
   */
  private static void quietSlf4j() {
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("iam-lint: error: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.ERROR.code();
  }

  /** {@code iam-lint <version>} and the data date and sources of the bundled IAM catalogue. */
  public static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      List<String> lines = new ArrayList<>();
      lines.add("iam-lint " + Version.get());
      try {
        CatalogMetadata meta = IamCatalog.bundled().metadata();
        String sources = meta.sources().stream()
            .map(s -> s.name() + " " + s.version())
            .collect(Collectors.joining(", "));
        lines.add("IAM catalogue data " + meta.dataDate() + " (" + sources + ")");
      } catch (RuntimeException | Error e) {
        lines.add("IAM catalogue unavailable: " + e.getMessage());
      }
      return lines.toArray(String[]::new);
    }
  }
}
