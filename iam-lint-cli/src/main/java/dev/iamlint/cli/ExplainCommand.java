package dev.iamlint.cli;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.LintException;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleDocs;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Parameters(paramLabel = "RULE", description = "A rule id (IAM201) or name (full-admin-grant).")
  String rule;

  @Option(names = {"-v", "--verbose"}, description = "Stack traces for internal errors.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<RuleDescriptor> rules = new Engine().rules();
      RuleDescriptor r = find(rules, rule).orElseThrow(() -> new LintException(unknown(rules, rule)));
      String page = RuleDocs.render(r);
      out.print(page.endsWith("\n") ? page : page + "\n");
      out.flush();
      return ExitCode.OK.code();
    } catch (Exception | Error e) {
      Errors.report(spec.commandLine().getErr(), e, verbose);
      return ExitCode.ERROR.code();
    }
  }

  static Optional<RuleDescriptor> find(List<RuleDescriptor> rules, String key) {
    String k = key.trim();
    return rules.stream().filter(r -> r.id().equalsIgnoreCase(k) || r.name().equalsIgnoreCase(k)).findFirst();
  }

  /** "unknown rule 'X'; did you mean IAM201 (full-admin-grant)?" with up to three close matches. */
  static String unknown(List<RuleDescriptor> rules, String key) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    List<RuleDescriptor> close = rules.stream()
        .filter(r -> distance(k, r) <= Math.max(2, k.length() / 3))
        .sorted(Comparator.comparingInt((RuleDescriptor r) -> distance(k, r)).thenComparing(RuleDescriptor::id))
        .limit(3)
        .toList();
    String msg = "unknown rule '" + key + "'";
    if (close.isEmpty()) return msg + "; 'iam-lint rules' lists them all";
    return msg + "; did you mean "
        + String.join(" or ", close.stream().map(r -> r.id() + " (" + r.name() + ")").toList()) + "?";
  }

  private static int distance(String key, RuleDescriptor r) {
    return Math.min(levenshtein(key, r.id().toLowerCase(Locale.ROOT)),
        levenshtein(key, r.name().toLowerCase(Locale.ROOT)));
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
