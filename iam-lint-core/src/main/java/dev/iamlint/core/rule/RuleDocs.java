package dev.iamlint.core.rule;

import dev.iamlint.core.Level;
import java.util.List;
import java.util.Locale;

/**
 * The doc page of a rule: a header generated from its metadata, then the hand-written body (in
 * ruff's shape: What it does, Why is this bad?, Example, Use instead, Options, References). The
 * same text is {@code iam-lint explain}, the committed {@code docs/rules/<ID>-<name>.md} and the
 * SARIF help markdown.
 */
public final class RuleDocs {

  private RuleDocs() {}

  /** The full page. */
  public static String render(RuleDescriptor d) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("# ").append(d.id()).append(' ').append(d.name()).append("\n\n");
    sb.append("<!-- Generated header: edit the rule's @RuleInfo, not this table. -->\n");
    sb.append("| | |\n|---|---|\n");
    sb.append("| Id | `").append(d.id()).append("` |\n");
    sb.append("| Name | `").append(d.name()).append("` |\n");
    sb.append("| Default level | ").append(d.level().id()).append(levelVariants(d)).append(" |\n");
    sb.append("| Security severity | ").append(String.format(Locale.ROOT, "%.1f", d.securitySeverity())).append(" |\n");
    sb.append("| Tags | ").append(String.join(", ", d.tags())).append(" |\n");
    sb.append("| Since | ").append(d.since()).append(" |\n\n");
    sb.append(d.summary()).append("\n\n");
    sb.append(d.description()).append("\n\n");
    String body = d.docBody().strip();
    if (!body.isEmpty()) sb.append(body).append('\n');
    return sb.toString();
  }

  private static String levelVariants(RuleDescriptor d) {
    List<String> other = d.messageLevels().values().stream().filter(l -> l != d.level()).map(Level::id).distinct().sorted().toList();
    return other.isEmpty() ? "" : " (" + String.join(", ", other) + " for some cases)";
  }

  /** The index page: one table of every rule. */
  public static String index(List<RuleDescriptor> rules) {
    StringBuilder sb = new StringBuilder();
    sb.append("# iam-lint rules\n\n<!-- Generated from the rules' metadata. -->\n\n");
    sb.append("| Id | Name | Level | Summary |\n|---|---|---|---|\n");
    for (RuleDescriptor d : rules) {
      sb.append("| [").append(d.id()).append("](").append(d.docStem()).append(".md) | `").append(d.name()).append("` | ")
          .append(d.level().id()).append(" | ").append(d.summary().replace("|", "\\|")).append(" |\n");
    }
    return sb.toString();
  }
}
