package dev.iamlint.core.catalog;

import java.util.Collection;
import java.util.Locale;

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), with a cut-off;
 * the one edit distance of the project, for every "did you mean" (catalogue names, policy
 * elements, rule names).
 */
public final class EditDistance {
  private EditDistance() {}

  /**
   * The candidate nearest to {@code name} ignoring case, if within {@code max} edits (a
   * difference of case alone is distance 0), else null. Ties go to the first candidate.
   */
  public static String nearest(String name, Collection<String> candidates, int max) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = max + 1;
    for (String c : candidates) {
      int d = distance(lower, c.toLowerCase(Locale.ROOT), max);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }

  /** The distance between a and b, or {@code max + 1} as soon as it is certain to exceed max. */
  public static int distance(String a, String b, int max) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > max) {
      return max + 1;
    }
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      char ca = a.charAt(i - 1);
      for (int j = 1; j <= m; j++) {
        char cb = b.charAt(j - 1);
        int cost = ca == cb ? 0 : 1;
        int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[m], max + 1);
  }
}
