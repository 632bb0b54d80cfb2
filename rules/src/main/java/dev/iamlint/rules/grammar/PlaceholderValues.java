package dev.iamlint.rules.grammar;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.analysis.Templates.Placeholders;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Principal;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A policy that still holds placeholders for a person to fill in ({@code <my-corporate-cidr>},
 * {@code ACCOUNT_ID}, {@code xxACCTNUMBERxx}, {@code [MAX_SESSION_DURATION]}; the shapes are
 * {@link Templates.Placeholders}'), also in a condition key's name ({@code <OIDC_provider_name>:sub}):
 * one finding per document, at its first placeholder, naming them all. The format rules (IAM008,
 * IAM009) leave values with a placeholder alone, and IAM103 keys with one, so a template repository
 * gets one finding per file instead of one error per value.
 */
@RuleInfo(
    id = Placeholders.RULE_ID,
    name = Placeholders.RULE_NAME,
    since = "0.2.0",
    level = Level.WARNING,
    securitySeverity = 2.0,
    tags = {"grammar", "correctness"},
    options = @RuleInfo.Option(name = Placeholders.OPTION, type = RuleInfo.OptionType.STRING_LIST, defaultValue = "[]",
        description = "regular expressions of further placeholder shapes (Java syntax, found anywhere in a value), "
            + "e.g. \"@@[A-Z_]+@@\"; they are added to the built-in shapes and honoured by every rule that skips placeholders"),
    summary = "A policy holds placeholder values (<...>, ACCOUNT_ID, xx...xx, [...]) that someone must fill in "
        + "before it can be deployed; their values are not checked.",
    description = "Example and template policies leave parts for the reader to fill in. As written, such a policy "
        + "does not work: AWS rejects the placeholder or it matches nothing. iam-lint reports that once per document "
        + "and does not check the placeholders' values one by one.",
    messages = {
      @RuleInfo.Message(text = "this policy holds placeholders: {0}; their values are not checked, and the policy "
          + "does not work until they are filled in")
    })
public final class PlaceholderValues implements DocumentRule {

  private static final int MAX_NAMES = 5;

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    Placeholders shapes = PlaceholderSettings.of(ctx);
    Str first = null;
    Set<String> found = new LinkedHashSet<>();
    for (Statement s : policy.statements()) {
      for (Str v : actions(s)) first = collect(v, shapes.findInAction(v.text()), first, found);
      for (Str v : values(s)) first = collect(v, shapes.find(v.text()), first, found);
      // Each condition's key, then its values: the order they are written in.
      for (Condition c : s.conditions()) {
        if (c.key() != null) first = collect(c.key(), shapes.findInKey(c.key().text()), first, found);
        if (c.values() == null) continue;
        for (Str v : c.values().values()) first = collect(v, shapes.find(v.text()), first, found);
      }
    }
    if (first == null) return;
    List<String> names = new ArrayList<>();
    for (String f : found) names.add("\"" + f + "\"");
    String shown = Texts.andMore(names, MAX_NAMES);
    ctx.report(first, "default", shown);
  }

  /** Adds the placeholders found at {@code at}; the first element holding one, as far as known. */
  private static Str collect(Str at, List<String> here, Str first, Set<String> found) {
    if (here.isEmpty()) return first;
    found.addAll(here);
    return first == null ? at : first;
  }

  private static List<Str> actions(Statement s) {
    List<Str> out = new ArrayList<>();
    add(out, s.action());
    add(out, s.notAction());
    return out;
  }

  /** The values a person fills in besides conditions: resources, principals. */
  private static List<Str> values(Statement s) {
    List<Str> out = new ArrayList<>();
    add(out, s.resource());
    add(out, s.notResource());
    add(out, s.principal());
    add(out, s.notPrincipal());
    return out;
  }

  private static void add(List<Str> out, ValueList list) {
    if (list != null) out.addAll(list.values());
  }

  private static void add(List<Str> out, Principal p) {
    if (p == null) return;
    for (ValueList l : p.byType().values()) add(out, l);
  }
}
