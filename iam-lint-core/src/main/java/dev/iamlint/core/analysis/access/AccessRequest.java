package dev.iamlint.core.analysis.access;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request to evaluate: one action, optionally one resource, and the condition keys the caller
 * decides ({@code --context key=value}); every other key is unknown and left open.
 *
 * @param action {@code svc:Action}
 * @param resource the resource ARN, or null for "any resource"
 * @param context condition key (lower case, keys are case-insensitive) to value
 * @param serviceLinkedRole whether the principal is a service-linked role (SCPs do not apply)
 * @param principalArn what is known of the principal's ARN, as a pattern ({@code *}, {@code ?}), or
 *     null; decides {@code aws:PrincipalArn} conditions whose values cannot match any ARN of that
 *     shape (see {@link #permissionSetRole})
 */
public record AccessRequest(String action, String resource, Map<String, String> context, boolean serviceLinkedRole,
    String principalArn) {

  public AccessRequest(String action, String resource, Map<String, String> context, boolean serviceLinkedRole) {
    this(action, resource, context, serviceLinkedRole, null);
  }

  /**
   * The ARN shape of the role a permission set becomes in an account: an IAM role (ARN
   * {@code arn:<partition>:iam::<account>:role/<path><name>}, IAM User Guide,
   * reference_identifiers) named {@code AWSReservedSSO_*} (AWS-FACTS C, A3).
   */
  public static String permissionSetRole(String accountId) {
    return "arn:*:iam::" + (accountId != null && accountId.matches("\\d{12}") ? accountId : "*") + ":role/*AWSReservedSSO_*";
  }

  /** The same request for a principal whose ARN has this shape. */
  public AccessRequest withPrincipalArn(String pattern) {
    return new AccessRequest(action, resource, context, serviceLinkedRole, pattern);
  }

  public AccessRequest {
    Map<String, String> lower = new LinkedHashMap<>();
    context.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    context = Map.copyOf(lower);
  }

  /** A request for an action on any resource with no known condition keys. */
  public static AccessRequest of(String action) {
    return new AccessRequest(action, null, Map.of(), false, null);
  }
}
