package dev.iamlint.rules.grammar;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.List;

/**
 * A policy element that is present but empty: {@code Action: []}, {@code Resource: ""}, an empty
 * {@code Principal} object, an empty {@code Condition} block or operator, an empty condition value
 * list ({@code []}; an empty string is a value to compare with). Policy elements only: empty attachment lists of permission-set formats are normal.
 */
@RuleInfo(
    id = "IAM007",
    name = "empty-element",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 3.0,
    tags = {"grammar"},
    summary = "A policy element is present but empty (an empty list, an empty string or an empty object).",
    description = "An empty Action, Resource, Principal or condition value list matches nothing (or is rejected by AWS), "
        + "so the statement does not do what it seems to; an empty Condition block or operator restricts nothing, "
        + "so a statement that looks conditional applies unconditionally. Either the element was left unfinished or "
        + "a template variable expanded to nothing.",
    messages = {
      @RuleInfo.Message(id = "emptyList", text = "{0} is an empty list: it matches nothing; list at least one value or remove the statement"),
      @RuleInfo.Message(id = "emptyString", text = "{0} is an empty string: it matches nothing; give a value or remove the statement"),
      @RuleInfo.Message(id = "emptyPrincipal", text = "{0} is an empty object: it names no principal"),
      @RuleInfo.Message(id = "emptyCondition", text = "the Condition block is empty: it restricts nothing; add conditions or remove it"),
      @RuleInfo.Message(id = "emptyOperator", text = "condition operator {0} has no keys: it restricts nothing; add a condition key or remove it"),
      @RuleInfo.Message(id = "emptyValues", text = "condition {0} {1} has an empty value list: it matches nothing; give at least one value")
    })
public final class EmptyElement implements DocumentRule {

  private static final List<String> LISTS = List.of("Action", "NotAction", "Resource", "NotResource");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    ObjectNode o = s.object();
    if (o == null) return;
    for (ObjectNode.Entry e : o.entries()) {
      String k = e.key();
      Node v = e.value();
      if (LISTS.contains(k)) {
        emptyValue(k, v, ctx);
      } else if (k.equals("Principal") || k.equals("NotPrincipal")) {
        if (v instanceof ObjectNode p) {
          if (p.entries().isEmpty()) ctx.report(v, "emptyPrincipal", k);
          for (ObjectNode.Entry t : p.entries()) emptyValue(k + "." + t.key(), t.value(), ctx);
        } else {
          emptyValue(k, v, ctx);
        }
      } else if (k.equals("Condition") && v instanceof ObjectNode block) {
        if (block.entries().isEmpty()) ctx.report(v, "emptyCondition");
        for (ObjectNode.Entry op : block.entries()) {
          if (!(op.value() instanceof ObjectNode keys)) continue;
          if (keys.entries().isEmpty()) ctx.report(op.value(), "emptyOperator", op.key());
          for (ObjectNode.Entry key : keys.entries()) {
            Node val = key.value();
            // An empty string is a real value: StringNotEquals {"aws:ResourceTag/x": ""} (the tag
            // is set and not empty) is an idiom of AWS managed policies.
            if (val instanceof ArrayNode a && a.items().isEmpty()) {
              ctx.report(val, "emptyValues", op.key(), key.key());
            }
          }
        }
      }
    }
  }

  private static void emptyValue(String element, Node v, RuleContext ctx) {
    if (v instanceof ArrayNode a && a.items().isEmpty()) ctx.report(v, "emptyList", element);
    else if (v instanceof ScalarNode sc && sc.isString() && sc.text().isEmpty()) ctx.report(v, "emptyString", element);
  }
}
