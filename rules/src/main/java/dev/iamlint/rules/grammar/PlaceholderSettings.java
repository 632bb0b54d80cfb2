package dev.iamlint.rules.grammar;

import dev.iamlint.core.analysis.Templates.Placeholders;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.rule.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * The placeholder shapes of a run: the built-in ones plus the {@code patterns} option of
 * {@code placeholder-values} (IAM012), configured by id or name in any case. Read here, not in
 * core's analysis package, which must not depend on the configuration; IAM008, IAM009 and IAM012
 * all ask this one place, so turning IAM012 off leaves the other two honouring the option.
 */
final class PlaceholderSettings {

  private PlaceholderSettings() {}

  static Placeholders of(RuleContext ctx) {
    Config config = ctx.config();
    if (config == null) return Placeholders.DEFAULT;
    for (Map.Entry<String, Config.RuleConfig> e : config.rules().entrySet()) {
      String key = e.getKey();
      if ((key.equalsIgnoreCase(Placeholders.RULE_ID) || key.equalsIgnoreCase(Placeholders.RULE_NAME))
          && e.getValue().options() != null) {
        List<String> patterns = e.getValue().options().strings(Placeholders.OPTION);
        if (!patterns.isEmpty()) return Placeholders.of(patterns);
      }
    }
    return Placeholders.DEFAULT;
  }
}
