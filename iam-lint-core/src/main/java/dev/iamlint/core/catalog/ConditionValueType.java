package dev.iamlint.core.catalog;

import java.util.Locale;

/** The value type of a condition key, without the {@code ArrayOf} prefix of multivalued keys. */
public enum ConditionValueType {
  STRING,
  ARN,
  NUMERIC,
  DATE,
  BOOL,
  IP_ADDRESS,
  BINARY,
  /** A type name this version of iam-lint does not know (a newer catalogue file may add some). */
  UNKNOWN;

  /** Maps a catalogue type name ({@code String}, {@code ArrayOfARN}, {@code IPAddress}, …). */
  public static ConditionValueType of(String typeName) {
    String t = typeName.startsWith("ArrayOf") ? typeName.substring("ArrayOf".length()) : typeName;
    switch (t.toLowerCase(Locale.ROOT)) {
      case "string":
        return STRING;
      case "arn":
        return ARN;
      case "numeric":
      case "long":
        return NUMERIC;
      case "date":
        return DATE;
      case "bool":
      case "boolean":
        return BOOL;
      case "ipaddress":
        return IP_ADDRESS;
      case "binary":
        return BINARY;
      default:
        return UNKNOWN;
    }
  }
}
