package dev.iamlint.cli;

import dev.iamlint.core.LintException;
import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.RepositoryRoot;
import dev.iamlint.core.engine.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where {@code rules} and {@code explain} find rules besides the built-in ones: the repository's
 * configuration ({@code customRules:}, {@code plugins:}) and {@code --plugin} jars, as
 * {@code check} does, so that they know every rule a check would run.
 */
final class RuleSources {

  @Option(names = "--plugin", paramLabel = "JAR",
      description = "Also the rules of this rule jar (repeatable), as 'check --plugin'.")
  List<Path> plugins = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file whose customRules: and plugins: count (default: .iam-lint.yaml in the "
          + "repository root, if present).")
  Path configFile;

  @Option(names = "--root", paramLabel = "DIR",
      description = "The repository root (default: as for 'check', from the current directory).")
  Path rootDir;

  /**
   * The built-in rules plus the configuration's and the plugins'. A configuration that does not
   * load, found without being asked for, is a warning: the built-in rules are listed all the same.
   */
  RuleSet ruleSet(PrintWriter err) {
    Invocation here = Invocation.current();
    Path root = RepositoryRoot.find(here.cwd(), rootDir == null ? null : here.resolve(rootDir), List.of());
    LintRequest request = LintRequest.of(root)
        .withConfigFile(configFile == null ? null : here.resolve(configFile))
        .withPlugins(plugins.stream().map(here::resolve).toList());
    RuleSet builtIn = new Engine().ruleSet();
    try {
      return builtIn.forRequest(request);
    } catch (LintException e) {
      if (configFile != null || !plugins.isEmpty()) throw e;
      err.println("iam-lint: warning: " + Errors.message(e) + " (only the built-in rules are listed)");
      err.flush();
      return builtIn;
    }
  }
}
