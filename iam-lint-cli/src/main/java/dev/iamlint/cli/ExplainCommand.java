package dev.iamlint.cli;

import dev.iamlint.core.LintException;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.rule.RuleCatalogue;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleDocs;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code iam-lint explain ID}: a rule's documentation page (markdown). */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Prints the documentation of a rule (markdown): what it detects, why it matters, "
        + "a non-compliant and a compliant example.")
final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RULE", description = "A rule id (IAM201) or name (full-admin-grant), in any case.")
  String rule;

  @Mixin RuleSources sources = new RuleSources();

  @Option(names = {"-v", "--verbose"}, description = "Stack traces for internal errors.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<RuleDescriptor> rules = sources.ruleSet(spec.commandLine().getErr()).descriptors();
      Optional<RuleDescriptor> found = find(rules, rule);
      if (found.isEmpty()) {
        // A catalogued rule this version lacks is not a typo: say so, and succeed.
        Map.Entry<String, String> catalogued = catalogued(rule)
            .orElseThrow(() -> new LintException(unknown(rules, rule)));
        out.println(catalogued.getKey() + " " + catalogued.getValue()
            + " is in the rule catalogue but not implemented in this version");
        out.flush();
        return ExitCode.OK.code();
      }
      String page = RuleDocs.render(found.get());
      out.print(page.endsWith("\n") ? page : page + "\n");
      out.flush();
      return ExitCode.OK.code();
    } catch (Exception | Error e) {
      Errors.report(spec.commandLine().getErr(), e, verbose);
      return ExitCode.ERROR.code();
    }
  }

  /** The rule with this id or name, ignoring case. */
  static Optional<RuleDescriptor> find(List<RuleDescriptor> rules, String key) {
    String k = key.trim();
    return rules.stream().filter(r -> r.id().equalsIgnoreCase(k) || r.name().equalsIgnoreCase(k)).findFirst();
  }

  /** The catalogue entry (id, name) with this id or name, ignoring case. */
  static Optional<Map.Entry<String, String>> catalogued(String key) {
    String k = key.trim();
    return new TreeMap<>(RuleCatalogue.IDS).entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(k) || e.getValue().equalsIgnoreCase(k))
        .findFirst();
  }

  /**
   * "unknown rule 'X'; did you mean IAM201 (full-admin-grant)?" with up to three close matches
   * among the implemented and the catalogued rules.
   */
  static String unknown(List<RuleDescriptor> rules, String key) {
    String k = key.trim();
    int max = Math.max(2, k.length() / 3);
    Map<String, String> candidates = new TreeMap<>(RuleCatalogue.IDS);
    for (RuleDescriptor r : rules) candidates.put(r.id(), r.name());
    List<Map.Entry<String, String>> close = candidates.entrySet().stream()
        .filter(e -> distance(k, e, max) <= max)
        .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> distance(k, e, max))
            .thenComparing(Map.Entry::getKey))
        .limit(3)
        .toList();
    String msg = "unknown rule '" + key + "'";
    if (close.isEmpty()) return msg + "; 'iam-lint rules' lists them all";
    return msg + "; did you mean "
        + String.join(" or ", close.stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList()) + "?";
  }

  /** The edit distance to the rule's id or name, whichever is nearer, ignoring case. */
  private static int distance(String key, Map.Entry<String, String> rule, int max) {
    return Math.min(distanceIgnoringCase(key, rule.getKey(), max), distanceIgnoringCase(key, rule.getValue(), max));
  }

  private static int distanceIgnoringCase(String a, String b, int max) {
    return EditDistance.distance(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT), max);
  }
}
