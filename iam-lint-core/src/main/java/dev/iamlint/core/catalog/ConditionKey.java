package dev.iamlint.core.catalog;

import java.util.Objects;

/**
 * A condition key as the catalogue defines it.
 *
 * @param name the key as AWS documents it; keys with a variable part keep it, e.g.
 *     {@code aws:RequestTag/${TagKey}} or {@code s3:ExistingObjectTag/<key>}
 * @param type the type name from the data: {@code String}, {@code ARN}, {@code Numeric},
 *     {@code Date}, {@code Bool}, {@code IPAddress}, {@code ArrayOfString}, …
 * @param global true for AWS global condition context keys (all {@code aws:} keys and the few
 *     service keys AWS lists as global session keys, such as {@code ec2:SourceInstanceArn})
 */
public record ConditionKey(String name, String type, boolean global) {

  public ConditionKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** The value type, without the multivalued {@code ArrayOf} prefix. */
  public ConditionValueType valueType() {
    return ConditionValueType.of(type);
  }

  /** True for {@code ArrayOf…} keys: only these may be used with {@code ForAllValues}/{@code ForAnyValue}. */
  public boolean multivalued() {
    return type.startsWith("ArrayOf");
  }

  /** True when the name has a variable part ({@code ${TagKey}}, {@code <key>}) that a policy fills in. */
  public boolean hasVariable() {
    return name.contains("${") || name.indexOf('<') >= 0;
  }

  /** The part before the first colon: {@code aws}, {@code s3}, {@code saml}, an OIDC provider host. */
  public String prefix() {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
