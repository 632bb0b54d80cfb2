package dev.iamlint.core.engine;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.rule.Rule;
import java.nio.file.Path;
import java.util.List;

/**
 * The rules a run adds to the engine's own: rules from jars named by {@code --plugin} / the
 * configuration's {@code plugins:} (paths relative to the repository root), and the
 * configuration's declarative {@code customRules:}.
 */
final class ExtraRules {

  private ExtraRules() {}

  static List<Rule> of(Config config, LintRequest request, Path root) {
    return List.of();
  }
}
