package dev.iamlint.rules.time;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.Globs;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.rule.RuleContext;

/**
 * What the configuration declares temporary access ({@code temporary:} in {@code .iam-lint.yaml}),
 * for IAM405 and IAM406. Not a rule, and used by no other family. It reads the configuration's
 * globs the way the engine does, with {@link Globs}: one matcher for every glob a user writes.
 */
final class Temporary {

  private Temporary() {}

  /** The current file is declared temporary by {@code temporary.paths}. */
  static boolean byPath(RuleContext ctx) {
    Config.Temporary t = ctx.config().temporary();
    if (ctx.file() == null || t == null || t.paths().isEmpty()) return false;
    return Globs.of(t.paths()).matches(ctx.file().relativePath());
  }

  /**
   * Why a permission set is declared temporary ({@code temporary.permissionSets} matches its name,
   * or it carries the {@code temporary.tag} tag key), or null when it is not.
   */
  static String reason(PermissionSet ps, RuleContext ctx) {
    Config.Temporary t = ctx.config().temporary();
    if (t == null) return null;
    if (ps.name() != null && !t.permissionSets().isEmpty() && Globs.of(t.permissionSets()).matches(ps.name().text())) {
      return "its name matches temporary.permissionSets";
    }
    if (t.tag() != null && !t.tag().isEmpty()) {
      for (String k : ps.tags().keySet()) {
        if (k.equalsIgnoreCase(t.tag())) return "it carries the tag " + t.tag();
      }
    }
    return null;
  }
}
