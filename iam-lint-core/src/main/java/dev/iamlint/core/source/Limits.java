package dev.iamlint.core.source;

/**
 * Bounds that keep one hostile file from exhausting time or memory. A file over a bound is
 * reported (parse-error) and skipped; the run goes on.
 *
 * @param maxFileBytes largest file read, in bytes (policies are kilobytes; CloudFormation
 *     templates are at most 1 MB when deployed)
 * @param maxDepth deepest nesting of objects and arrays
 * @param maxStringLength longest string, in chars
 * @param maxNumberLength longest number literal, in chars
 * @param maxNodes most nodes one file may hold after YAML aliases are expanded (guards against
 *     "billion laughs")
 */
public record Limits(long maxFileBytes, int maxDepth, int maxStringLength, int maxNumberLength, long maxNodes) {

  public static final Limits DEFAULT = new Limits(10L * 1024 * 1024, 200, 1_000_000, 200, 2_000_000);

  public Limits {
    if (maxFileBytes <= 0 || maxDepth <= 0 || maxStringLength <= 0 || maxNumberLength <= 0 || maxNodes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
