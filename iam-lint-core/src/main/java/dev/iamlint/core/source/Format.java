package dev.iamlint.core.source;

import java.util.Locale;

/** The syntaxes iam-lint reads. */
public enum Format {
  JSON, YAML;

  /**
   * The format a file name implies: {@code .json} is JSON, {@code .yaml}/{@code .yml} YAML; a
   * {@code .template} (CloudFormation) is JSON when its first non-blank character is '{', else
   * YAML. Returns null for other extensions.
   */
  public static Format of(String fileName, CharSequence head) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".json")) return JSON;
    if (n.endsWith(".yaml") || n.endsWith(".yml")) return YAML;
    if (n.endsWith(".template")) {
      for (int i = 0; head != null && i < head.length(); i++) {
        char c = head.charAt(i);
        if (c == '\uFEFF' || Character.isWhitespace(c)) continue;
        return c == '{' ? JSON : YAML;
      }
      return YAML;
    }
    return null;
  }
}
