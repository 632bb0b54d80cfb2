package dev.iamlint.rules.grammar;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.Span;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Version} missing, legacy or unknown. Without {@code 2012-10-17}, policy variables such
 * as {@code ${aws:username}} are literal text (IAM User Guide, "IAM JSON policy elements:
 * Version").
 */
@RuleInfo(
    id = "IAM003",
    name = "invalid-version",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 4.0,
    tags = {"grammar"},
    summary = "The policy's Version is missing, the legacy 2008-10-17, or not a version AWS knows.",
    description = "AWS evaluates policy variables such as ${aws:username} only in policies with Version 2012-10-17; "
        + "with no Version or 2008-10-17 they are compared as literal text, so a statement meant for each user's own "
        + "resources matches nothing (or the wrong thing). Any other value is rejected by AWS.",
    messages = {
      @RuleInfo.Message(id = "missing", text = "no Version: AWS uses 2008-10-17, which lacks newer features; add \"Version\": \"2012-10-17\""),
      @RuleInfo.Message(id = "missingWithVariables", level = Level.ERROR,
          text = "no Version, so the policy variables {0} are literal text, not substituted; add \"Version\": \"2012-10-17\""),
      @RuleInfo.Message(id = "legacy", text = "Version 2008-10-17 is the legacy policy language; use 2012-10-17"),
      @RuleInfo.Message(id = "legacyWithVariables", level = Level.ERROR,
          text = "Version 2008-10-17 makes the policy variables {0} literal text, not substituted; use 2012-10-17"),
      @RuleInfo.Message(id = "unknown", level = Level.ERROR, text = "Version {0} is not a policy language version; use \"2012-10-17\"")
    })
public final class InvalidVersion implements DocumentRule {

  /**
   * A policy variable: {@code ${aws:username}}, {@code ${saml:sub}}, {@code ${aws:PrincipalTag/team}}.
   * CloudFormation's own {@code ${AWS::AccountId}} and {@code ${Param}} are not policy variables,
   * nor the stand-in for a function inside a joined value ({@code ${Fn::FindInMap}}): both have
   * a double colon.
   */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(?![A-Za-z0-9.-]+::)[A-Za-z0-9.-]+:[^}]+\\}");

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    ObjectNode root = policy.object();
    if (root == null) return;
    ObjectNode.Entry v = root.entry("Version");
    Set<String> variables = variables(policy);
    String vars = String.join(", ", variables);
    if (v == null) {
      if (policy.kind() == PolicyKind.RCP) return; // required for RCPs: IAM601 reports it as an error
      Span start = Span.at(root.span().startLine(), root.span().startColumn());
      ctx.report(policy.file(), start, root.pointer(), variables.isEmpty() ? "missing" : "missingWithVariables", vars);
      return;
    }
    if (v.value() instanceof ScalarNode s && s.isString() && s.text().equals("2012-10-17")) return;
    if (v.value() instanceof ScalarNode s && s.isString() && s.text().equals("2008-10-17")) {
      ctx.report(s, variables.isEmpty() ? "legacy" : "legacyWithVariables", vars);
      return;
    }
    String shown = v.value() instanceof ScalarNode s ? (s.isString() ? "\"" + s.text() + "\"" : s.text()) : "(" + v.value().typeName() + ")";
    ctx.report(v.value(), "unknown", shown);
  }

  /** Policy variables used in Resource, NotResource and Condition values, in order. */
  static Set<String> variables(PolicyDocument policy) {
    Set<String> out = new LinkedHashSet<>();
    for (Statement s : policy.statements()) {
      collect(s.resource(), out);
      collect(s.notResource(), out);
      for (Condition c : s.conditions()) collect(c.values(), out);
    }
    return out;
  }

  private static void collect(ValueList list, Set<String> out) {
    if (list == null) return;
    for (Str v : list.values()) {
      Matcher m = VARIABLE.matcher(v.text());
      while (m.find()) out.add(m.group());
    }
  }
}
