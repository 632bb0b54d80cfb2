package dev.iamlint.rules.catalogue;

import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Redundant content: an {@code Action}/{@code NotAction} value already covered by a wildcard
 * pattern of the same list, the same action twice in one list, and a statement identical to an
 * earlier one of the same policy (apart from its {@code Sid}).
 */
@RuleInfo(
    id = "IAM105",
    name = "redundant-grant",
    since = "0.1.0",
    level = Level.NOTE,
    securitySeverity = 0.5,
    tags = {"maintainability"},
    summary = "An action already covered by a wildcard or listed twice in the same statement; a statement that "
        + "repeats an earlier one.",
    description = "Redundant entries change nothing IAM decides, but they make a policy longer (the size limit "
        + "counts them) and harder to review: a reader who narrows s3:Get* to what the job needs can miss that "
        + "the same list still grants it through another pattern, and a duplicated statement must be edited twice.",
    messages = {
      @RuleInfo.Message(text = "{0} is already covered by {1} in the same statement"),
      @RuleInfo.Message(id = "duplicate", text = "{0} is listed twice in the same statement"),
      @RuleInfo.Message(id = "statement", text = "this statement repeats statement {0} of the same policy")
    })
public final class RedundantGrant implements DocumentRule {

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    List<Statement> statements = policy.statements();
    if (statements.size() < 2) return;
    // A cheap key first; the canonical text only for statements that share it with another.
    Map<String, Integer> cheap = new HashMap<>();
    String[] keys = new String[statements.size()];
    for (int i = 0; i < keys.length; i++) {
      Statement s = statements.get(i);
      if (s.object() == null) continue;
      keys[i] = cheapKey(s);
      cheap.merge(keys[i], 1, Integer::sum);
    }
    Map<String, Statement> seen = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      Statement s = statements.get(i);
      if (s.object() == null || s.object().entries().isEmpty() || cheap.get(keys[i]) < 2) continue;
      String key = canonical(s.object(), true);
      Statement first = seen.putIfAbsent(key, s);
      if (first != null) {
        String which = first.sid() != null ? "\"" + first.sid().text() + "\"" : "#" + (first.index() + 1);
        ctx.report(s.node(), "statement", which).related(ctx.file(), first.node().span(), "the earlier statement");
      }
    }
  }

  /**
   * The smallest action value, ignoring case, lower-cased: the same whatever the order of the list
   * (compared in place; only the one found is lower-cased).
   */
  private static String smallestAction(Statement s) {
    String min = null;
    if (s.actions() == null) return "";
    for (Str v : s.actions().values()) {
      String t = v.text();
      if (min == null || t.compareToIgnoreCase(min) < 0) min = t;
    }
    return min == null ? "" : min.toLowerCase(Locale.ROOT);
  }

  private static String cheapKey(Statement s) {
    return (s.effect() == null ? "" : s.effect().text()) + '|' + (s.object().entries().size() - (s.object().has("Sid") ? 1 : 0)) + '|'
        + (s.actions() == null ? -1 : s.actions().values().size()) + '|'
        + (s.resources() == null ? -1 : s.resources().values().size()) + '|'
        + smallestAction(s);
  }

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    check(s.action(), ctx);
    check(s.notAction(), ctx);
  }

  private static void check(ValueList list, RuleContext ctx) {
    if (list == null || list.values().size() < 2) return;
    List<Str> values = list.values();
    int n = values.size();
    String[] lower = new String[n];
    boolean[] usable = new boolean[n];
    // Wildcard patterns by service prefix, so that a list of thousands of actions (AWS's
    // ReadOnlyAccess) compares each value with its own service's patterns only; patterns with a
    // wildcard in the service part ("*", "*:Describe*") can cover any value.
    Map<String, List<Integer>> patternsByPrefix = new HashMap<>();
    List<Integer> anyPrefix = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String t = values.get(i).text().trim();
      lower[i] = t.toLowerCase(Locale.ROOT);
      usable[i] = !t.isEmpty() && !t.contains("${") && !t.contains("{{");
      if (!usable[i] || !Texts.hasWildcard(lower[i])) continue;
      String prefix = prefix(lower[i]);
      if (prefix == null || Texts.hasWildcard(prefix)) anyPrefix.add(i);
      else patternsByPrefix.computeIfAbsent(prefix, k -> new ArrayList<>()).add(i);
    }
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (!usable[i]) continue;
      if (firstIndex.putIfAbsent(lower[i], i) != null) {
        ctx.report(values.get(i), "duplicate", values.get(i).text());
        continue;
      }
      String prefix = prefix(lower[i]);
      int j = coveringPattern(lower, i, prefix == null ? null : patternsByPrefix.get(prefix));
      if (j < 0) j = coveringPattern(lower, i, anyPrefix);
      if (j >= 0) ctx.report(values.get(i), "default", values.get(i).text(), values.get(j).text());
    }
  }

  /** The index of a pattern among the candidates that covers value i, or -1. */
  private static int coveringPattern(String[] lower, int i, List<Integer> candidates) {
    if (candidates == null) return -1;
    for (int j : candidates) {
      if (j == i || lower[j].equals(lower[i])) continue;
      if (covers(lower[j], lower[i])) {
        // Two different patterns covering each other ("s3:*", "s3:**"): report the later only.
        if (j > i && covers(lower[i], lower[j])) continue;
        return j;
      }
    }
    return -1;
  }

  private static String prefix(String action) {
    int colon = action.indexOf(':');
    return colon < 0 ? null : action.substring(0, colon);
  }

  /**
   * Whether every action the value stands for is matched by the pattern. The value's own
   * wildcards are taken as text, which is sound except for a {@code ?} of the pattern taking a
   * {@code *} of the value ({@code s3:a?} does not cover {@code s3:a*}); that case is left out.
   */
  private static boolean covers(String pattern, String value) {
    if (pattern.indexOf('?') >= 0 && value.indexOf('*') >= 0) return false;
    return Wildcard.matches(pattern, value); // both lower-cased: Wildcard.matchesIgnoreCase without the copies
  }

  /**
   * A canonical text of a statement: keys sorted, {@code Sid} left out at the top, lists as sorted
   * sets (IAM treats them as sets; a one-item list is the item), action names lower-cased.
   */
  static String canonical(Node node, boolean top) {
    return canonical(node, top, false);
  }

  private static String canonical(Node node, boolean top, boolean lowerCase) {
    if (node instanceof ScalarNode sc) {
      String t = sc.text();
      return (sc.tag() != null ? "!" + sc.tag() : "") + (sc.isString() ? "s" : "v")
          + quote(lowerCase ? t.toLowerCase(Locale.ROOT) : t);
    }
    if (node instanceof ArrayNode a) {
      TreeSet<String> items = new TreeSet<>();
      for (Node item : a.items()) items.add(canonical(item, false, lowerCase));
      if (items.size() == 1) return items.first();
      return "[" + String.join(",", items) + "]";
    }
    ObjectNode o = (ObjectNode) node;
    List<String> entries = new ArrayList<>();
    for (ObjectNode.Entry e : o.entries()) {
      if (top && e.key().equals("Sid")) continue;
      boolean lc = lowerCase || (top && (e.key().equals("Action") || e.key().equals("NotAction")));
      entries.add(quote(e.key()) + ":" + canonical(e.value(), false, lc));
    }
    entries.sort(null);
    return (o.tag() != null ? "!" + o.tag() : "") + "{" + String.join(",", entries) + "}";
  }

  private static String quote(String t) {
    return '"' + t.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
