package dev.iamlint.core.analysis.access;

/** Questions about two wildcard patterns ({@code *} any run, {@code ?} one character) at once. */
final class Globs {

  private Globs() {}

  /**
   * Whether some string matches both patterns (case-sensitive, as ARN matching is). In {@code b},
   * an ARN shape, {@code *} stands for a run without {@code :}: no component of an IAM role's ARN
   * (partition, account, path and name) holds one.
   */
  static boolean intersect(String a, String b) {
    return intersect(a, b, true);
  }

  /** As {@link #intersect(String, String)}; with {@code arnShape} false, {@code *} in {@code b} matches {@code :} too. */
  static boolean intersect(String a, String b, boolean arnShape) {
    Boolean[][] memo = new Boolean[a.length() + 1][b.length() + 1];
    return intersect(a, 0, b, 0, memo, arnShape);
  }

  private static boolean intersect(String a, int i, String b, int j, Boolean[][] memo, boolean arnShape) {
    if (memo[i][j] != null) return memo[i][j];
    boolean r;
    if (i == a.length() && j == b.length()) {
      r = true;
    } else if (i < a.length() && a.charAt(i) == '*') {
      r = intersect(a, i + 1, b, j, memo, arnShape) || (j < b.length() && intersect(a, i, b, j + 1, memo, arnShape));
    } else if (j < b.length() && b.charAt(j) == '*') {
      r = intersect(a, i, b, j + 1, memo, arnShape) || (i < a.length() && (!arnShape || a.charAt(i) != ':') && intersect(a, i + 1, b, j, memo, arnShape));
    } else if (i < a.length() && j < b.length()
        && (a.charAt(i) == '?' || b.charAt(j) == '?' || a.charAt(i) == b.charAt(j))) {
      r = intersect(a, i + 1, b, j + 1, memo, arnShape);
    } else {
      r = false;
    }
    memo[i][j] = r;
    return r;
  }
}
