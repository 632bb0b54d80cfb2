package dev.iamlint.cli;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.rule.RuleDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iam-lint rules}: one aligned line per rule. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Lists every rule: id, name, default level and tags. "
        + "'iam-lint explain ID' prints a rule's documentation.")
final class RulesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-v", "--verbose"}, description = "Stack traces for internal errors.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<RuleDescriptor> rules = new ArrayList<>(new Engine().rules());
      rules.sort(Comparator.comparing(RuleDescriptor::id));
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "NAME", "LEVEL", "TAGS"});
      for (RuleDescriptor r : rules) {
        rows.add(new String[] {r.id(), r.name(), r.level().id(), String.join(", ", r.tags())});
      }
      out.print(table(rows));
      out.flush();
      return ExitCode.OK.code();
    } catch (Exception | Error e) {
      Errors.report(spec.commandLine().getErr(), e, verbose);
      return ExitCode.ERROR.code();
    }
  }

  /** Left-aligned columns separated by two spaces; the last column is not padded. */
  static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], row[c].length());
    }
    StringBuilder sb = new StringBuilder();
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        sb.append(row[c]);
        if (c < columns - 1) sb.append(" ".repeat(width[c] - row[c].length() + 2));
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }
}
