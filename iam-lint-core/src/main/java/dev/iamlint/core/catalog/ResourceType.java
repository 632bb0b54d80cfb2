package dev.iamlint.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A resource type of a service, e.g. S3's {@code object}.
 *
 * @param service the service prefix
 * @param name the resource type name as AWS writes it
 * @param arnPatterns ARN patterns such as {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}
 * @param conditionKeys condition keys that apply to every action on this resource type
 */
public record ResourceType(String service, String name, List<String> arnPatterns, List<ConditionKey> conditionKeys) {

  public ResourceType {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(name, "name");
    arnPatterns = List.copyOf(arnPatterns);
    conditionKeys = List.copyOf(conditionKeys);
  }

  /**
   * Whether a policy's resource ARN can name a resource of this type. The ARN may hold {@code *},
   * {@code ?} and policy variables ({@code ${aws:username}}); it matches when some concrete ARN
   * fits both it and one of the type's patterns. See {@link ArnMatcher} for the exact rules.
   */
  public boolean matches(String arn) {
    for (String pattern : arnPatterns) {
      if (ArnMatcher.matches(pattern, arn)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A policy ARN split once into its fields, for matching it against many resource types (a
   * service has dozens) without splitting it again for each.
   */
  public record PolicyArn(String text, String[] fields) {
    public static PolicyArn of(String arn) {
      return new PolicyArn(arn, ArnMatcher.fields(arn));
    }
  }

  /** {@link #matches(String)} for an ARN split once. */
  public boolean matches(PolicyArn arn) {
    for (String pattern : arnPatterns) {
      if (ArnMatcher.matches(pattern, arn.text(), arn.fields())) return true;
    }
    return false;
  }

  /** The first of the type's ARN patterns that the ARN can match (see {@link #matches}), or null. */
  public String matchingPattern(String arn) {
    for (String pattern : arnPatterns) {
      if (ArnMatcher.matches(pattern, arn)) {
        return pattern;
      }
    }
    return null;
  }
}
