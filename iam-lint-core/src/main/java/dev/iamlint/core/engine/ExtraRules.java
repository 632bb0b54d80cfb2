package dev.iamlint.core.engine;

import dev.iamlint.core.LintException;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.custom.DeclarativeRule;
import dev.iamlint.core.custom.DeclaredOrganizationRule;
import dev.iamlint.core.custom.RuleJars;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleCatalogue;
import dev.iamlint.core.rule.RuleIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules a run adds to the engine's own: rules from jars named by {@code --plugin} / the
 * configuration's {@code plugins:} (paths relative to the configuration file's folder, which is
 * the repository root when the file is found there), and the configuration's declarative
 * {@code customRules:}.
 */
final class ExtraRules {

  private ExtraRules() {}

  static List<Rule> of(Config config, LintRequest request, Path root) {
    List<Rule> out = new ArrayList<>(jarRules(config, request, root));
    out.addAll(declared(config, request));
    return out;
  }

  static List<Rule> jarRules(Config config, LintRequest request, Path root) {
    List<RuleJars.Jar> jars = new ArrayList<>();
    for (Path p : request.plugins()) {
      Path abs = root.resolve(p).toAbsolutePath().normalize();
      jars.add(new RuleJars.Jar(abs, "--plugin " + p));
    }
    if (config.file() != null) {
      Path base = config.file().path().toAbsolutePath().getParent();
      for (Config.FileRef ref : config.plugins()) {
        jars.add(new RuleJars.Jar(base.resolve(ref.path()).normalize(),
            config.file().relativePath() + ":" + ref.span().startLine() + ":" + ref.span().startColumn() + ": plugins"));
      }
    }
    // The rules' API (Rule, RuleInfo, the model) must be iam-lint's own classes, so the jars'
    // loader delegates to the loader that has them.
    return RuleJars.load(jars, Rule.class.getClassLoader(), Set.of());
  }

  static List<Rule> declared(Config config, LintRequest request) {
    if (config.customRules().isEmpty()) return List.of();
    String cfg = config.file() == null ? ".iam-lint.yaml" : config.file().relativePath();
    IamCatalog catalog = null;
    if (config.customRules().stream().anyMatch(r -> r.organization() != null
        || (r.match() != null && !r.match().actions().isEmpty()))) {
      catalog = catalog(request.catalogFile());
    }
    List<Rule> out = new ArrayList<>();
    for (Config.CustomRule r : config.customRules()) {
      if (RuleIds.isReserved(r.id())) {
        throw new LintException(cfg + ":" + r.idSpan().startLine() + ":" + r.idSpan().startColumn() + ": customRules: id '"
            + r.id() + "' uses the prefix " + RuleIds.RESERVED_PREFIX + ", which is reserved for iam-lint's own rules; "
            + "use your organization's prefix (e.g. ACME001)");
      }
      String builtIn = RuleCatalogue.idOf(r.name());
      if (builtIn != null) {
        throw new LintException(cfg + ":" + r.nameSpan().startLine() + ":" + r.nameSpan().startColumn()
            + ": customRules: name '" + r.name() + "' is the name of the built-in rule " + builtIn + "; choose another");
      }
      out.add(r.organization() != null ? new DeclaredOrganizationRule(r, cfg, catalog) : new DeclarativeRule(r, cfg, catalog));
    }
    return out;
  }

  /** The run's catalogue; the engine reads the same file again later (the bundled one is shared). */
  private static IamCatalog catalog(Path file) {
    if (file == null) return IamCatalog.bundled();
    try {
      return IamCatalog.load(file);
    } catch (IOException | RuntimeException e) {
      // The engine reports a bad --catalog with its own message; expand with the bundled one meanwhile.
      return IamCatalog.bundled();
    }
  }
}
