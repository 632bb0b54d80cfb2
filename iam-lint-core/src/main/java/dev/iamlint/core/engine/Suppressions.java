package dev.iamlint.core.engine;

import dev.iamlint.core.config.Globs;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.Level;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration's suppressions: a finding of the named rule under one of the paths (relative
 * to the repository root) is kept but marked suppressed with its reason; after {@code expires} it
 * is reported again, with one warning per expired suppression.
 */
final class Suppressions {

  private record Entry(Config.Suppression suppression, String ruleId, Globs paths) {}

  private final List<Entry> entries = new ArrayList<>();
  private final String configPath;

  Suppressions(Config config, RuleSet rules) {
    this.configPath = config.file() == null ? null : config.file().relativePath();
    for (Config.Suppression s : config.suppressions()) {
      // A suppression of a catalogued rule this version lacks matches nothing, which is right.
      String id = rules.find(s.rule()).map(d -> d.id()).orElse(null);
      if (id != null) entries.add(new Entry(s, id, Globs.of(s.paths())));
    }
  }

  List<Finding> apply(List<Finding> findings, Instant now, List<Notification> notes) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    boolean[] expiredNoted = new boolean[entries.size()];
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Finding result = f;
      for (int i = 0; i < entries.size(); i++) {
        Entry e = entries.get(i);
        Config.Suppression s = e.suppression();
        if (!e.ruleId().equals(f.ruleId())) continue;
        if (!s.paths().isEmpty() && !e.paths().matches(f.location().path())) continue;
        if (s.expires() != null && today.isAfter(s.expires())) {
          if (!expiredNoted[i]) {
            expiredNoted[i] = true;
            notes.add(new Notification(Level.WARNING, "suppression of " + s.rule() + " at " + configPath + ":"
                + s.span().startLine() + " expired on " + s.expires() + "; its findings are reported again", configPath));
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
}
