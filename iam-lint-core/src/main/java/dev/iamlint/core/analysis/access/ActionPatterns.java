package dev.iamlint.core.analysis.access;

import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.model.Wildcard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@code Action} or {@code NotAction} list prepared for matching many actions: which values are
 * templated, and the values indexed by their literal service, so an action is compared only with
 * the values of its own service and those whose service part has a wildcard. An SCP's region
 * guardrail lists a hundred or more {@code NotAction} values, and an organization's evaluation
 * asks it thousands of actions; answers are those of {@link StatementMatch#action}, value for
 * value (a value templated or with a wildcard service is compared as it always was).
 */
final class ActionPatterns {

  private static final int[] NONE = new int[0];

  private final boolean anyTemplated;
  /** Positions of the values to compare with an action of each literal service (lower case), ascending. */
  private final Map<String, int[]> byService;
  /** Positions of the values whose service part is not a literal (or that have none), ascending. */
  private final int[] wild;
  private final List<Str> values;

  private ActionPatterns(List<Str> values) {
    this.values = values;
    boolean templated = false;
    Map<String, List<Integer>> services = new HashMap<>();
    List<Integer> wildAt = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i).text();
      if (Texts.isTemplated(v)) {
        templated = true;
        continue; // never matches as an Action value; decides a NotAction list on its own
      }
      String service = literalService(v);
      if (service == null) wildAt.add(i);
      else services.computeIfAbsent(service, k -> new ArrayList<>()).add(i);
    }
    this.anyTemplated = templated;
    Map<String, int[]> index = new HashMap<>();
    services.forEach((k, v) -> index.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    this.byService = index;
    this.wild = wildAt.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Whether a value of the list is templated. */
  boolean anyTemplated() {
    return anyTemplated;
  }

  /**
   * The first value (in list order) that is not templated and matches the action, or null;
   * {@code service} is the action's {@link #literalService}.
   */
  Str firstMatch(String action, String service) {
    if (service == null) {
      // no service to index by: every untemplated value, in order
      for (Str v : values) {
        if (!Texts.isTemplated(v.text()) && Wildcard.matchesIgnoreCase(v.text(), action)) return v;
      }
      return null;
    }
    int[] own = byService.getOrDefault(service, NONE);
    int a = 0;
    int w = 0;
    while (a < own.length || w < wild.length) {
      int i = w >= wild.length || (a < own.length && own[a] < wild[w]) ? own[a++] : wild[w++];
      Str v = values.get(i);
      if (Wildcard.matchesIgnoreCase(v.text(), action)) return v;
    }
    return null;
  }

  /**
   * The service part of an action or pattern in lower case, when it is plain ASCII without
   * wildcards (so that a case-insensitive match of the whole needs it equal); null otherwise.
   */
  static String literalService(String s) {
    int colon = s.indexOf(':');
    if (colon <= 0) return null;
    for (int i = 0; i < colon; i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c > 127) return null;
    }
    return s.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /**
   * The prepared lists of an evaluator's statements, by the identity of their value lists (a
   * policy's statements are the same objects for every action asked). Synchronized: an evaluator's
   * caches may be used from several threads.
   */
  static final class Memo {
    private final Map<ValueList, ActionPatterns> prepared = new IdentityHashMap<>();
    /** The last action asked and its service: one evaluation asks every statement about one action. */
    private String lastAction;
    private String lastService;

    synchronized ActionPatterns of(ValueList list) {
      return prepared.computeIfAbsent(list, l -> new ActionPatterns(l.values()));
    }

    /** {@link ActionPatterns#firstMatch} of the list for the action. */
    synchronized Str firstMatch(ValueList list, String action) {
      if (action != lastAction) {
        lastService = literalService(action);
        lastAction = action;
      }
      return of(list).firstMatch(action, lastService);
    }
  }
}
