package dev.iamlint.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A resource type of a service, e.g. S3's {@code object}: its service prefix, the name as AWS
 * writes it, ARN patterns such as {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}, and
 * the condition keys that apply to every action on it.
 *
 * <p>A value class rather than a record so that it can keep its ARN patterns prepared for
 * matching ({@link ArnMatcher.Pattern}, made on first use): every resource ARN of every policy is
 * compared with dozens of them, and splitting and tokenising a pattern for each comparison was
 * most of the matching time. Equality is by value, as a record's was.
 */
public final class ResourceType {

  private final String service;
  private final String name;
  private final List<String> arnPatterns;
  private final List<ConditionKey> conditionKeys;
  /** {@link #arnPatterns} prepared for matching; made on first use (a benign race: same result). */
  private volatile ArnMatcher.Pattern[] prepared;

  public ResourceType(String service, String name, List<String> arnPatterns, List<ConditionKey> conditionKeys) {
    this.service = Objects.requireNonNull(service, "service");
    this.name = Objects.requireNonNull(name, "name");
    this.arnPatterns = List.copyOf(arnPatterns);
    this.conditionKeys = List.copyOf(conditionKeys);
  }

  /** The service prefix. */
  public String service() {
    return service;
  }

  /** The resource type name as AWS writes it. */
  public String name() {
    return name;
  }

  /** ARN patterns such as {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}. */
  public List<String> arnPatterns() {
    return arnPatterns;
  }

  /** Condition keys that apply to every action on this resource type. */
  public List<ConditionKey> conditionKeys() {
    return conditionKeys;
  }

  private ArnMatcher.Pattern[] prepared() {
    ArnMatcher.Pattern[] p = prepared;
    if (p == null) {
      p = new ArnMatcher.Pattern[arnPatterns.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = ArnMatcher.Pattern.of(arnPatterns.get(i));
      }
      prepared = p;
    }
    return p;
  }

  /**
   * Whether a policy's resource ARN can name a resource of this type. The ARN may hold {@code *},
   * {@code ?} and policy variables ({@code ${aws:username}}); it matches when some concrete ARN
   * fits both it and one of the type's patterns. See {@link ArnMatcher} for the exact rules.
   */
  public boolean matches(String arn) {
    return matches(PolicyArn.of(arn));
  }

  /**
   * A policy ARN prepared once (split into its fields, each field tokenised when first needed),
   * for matching it against many resource types (a service has dozens) without splitting it again
   * for each. Not shared between threads: a rule makes one per value it checks.
   */
  public static final class PolicyArn {
    final ArnMatcher.Arn prepared;

    private PolicyArn(String arn) {
      this.prepared = new ArnMatcher.Arn(arn);
    }

    public static PolicyArn of(String arn) {
      return new PolicyArn(arn);
    }

    /** The ARN as written. */
    public String text() {
      return prepared.text;
    }
  }

  /** {@link #matches(String)} for an ARN split once. */
  public boolean matches(PolicyArn arn) {
    for (ArnMatcher.Pattern pattern : prepared()) {
      if (ArnMatcher.matches(pattern, arn.prepared)) {
        return true;
      }
    }
    return false;
  }

  /** The first of the type's ARN patterns that the ARN can match (see {@link #matches}), or null. */
  public String matchingPattern(String arn) {
    ArnMatcher.Arn a = new ArnMatcher.Arn(arn);
    for (ArnMatcher.Pattern pattern : prepared()) {
      if (ArnMatcher.matches(pattern, a)) {
        return pattern.text;
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof ResourceType r && service.equals(r.service) && name.equals(r.name)
        && arnPatterns.equals(r.arnPatterns) && conditionKeys.equals(r.conditionKeys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(service, name, arnPatterns, conditionKeys);
  }

  @Override
  public String toString() {
    return "ResourceType[service=" + service + ", name=" + name + ", arnPatterns=" + arnPatterns
        + ", conditionKeys=" + conditionKeys + "]";
  }
}
