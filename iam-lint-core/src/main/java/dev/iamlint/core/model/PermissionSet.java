package dev.iamlint.core.model;

import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.util.List;
import java.util.Map;

/**
 * An IAM Identity Center permission set, from any supported format (CloudFormation
 * {@code AWS::SSO::PermissionSet}, the Identity Center pipeline sample, ...).
 *
 * @param node the permission set as written
 * @param name the {@code Name}, or null when absent or not a literal string
 * @param sessionDuration the session duration as written (ISO-8601 text, or LZA minutes), or null
 * @param managedPolicies AWS managed policies, as ARNs or names as written
 * @param customerManagedPolicies references to customer managed policies by name and path
 * @param inlinePolicy the inline policy, or null
 * @param boundary the permissions boundary, or null
 * @param tags tag keys and values
 * @param format the source format, e.g. {@code cloudformation}, {@code identity-center-pipeline}
 */
public record PermissionSet(
    SourceFile file,
    Node node,
    Str name,
    Node sessionDuration,
    List<Str> managedPolicies,
    List<CmpRef> customerManagedPolicies,
    PolicyDocument inlinePolicy,
    Boundary boundary,
    Map<String, String> tags,
    String format) implements Document {

  public PermissionSet {
    managedPolicies = List.copyOf(managedPolicies);
    customerManagedPolicies = List.copyOf(customerManagedPolicies);
    tags = Map.copyOf(tags);
  }

  /**
   * A reference to a customer managed policy. Identity Center needs a policy with exactly this
   * name and path in every account the permission set is provisioned to.
   *
   * @param path the path as written, or null for the default {@code /}
   * @param preexisting true when the format says the policy is created outside what it deploys and
   *     must already exist in the accounts (Landing Zone Accelerator's {@code customerManaged}, as
   *     opposed to its {@code acceleratorManaged}, which its {@code policySets} create)
   */
  public record CmpRef(Str name, Str path, Span span, boolean preexisting) {
    public CmpRef(Str name, Str path, Span span) {
      this(name, path, span, false);
    }

    public String pathOrDefault() {
      return path == null ? "/" : path.text();
    }
  }

  /** A permissions boundary: an AWS managed policy ARN or a customer managed policy. */
  public record Boundary(Str managedPolicy, CmpRef customerManaged, Span span) {}

  @Override
  public Span span() {
    return node.span();
  }

  @Override
  public String pointer() {
    return node.pointer();
  }

  @Override
  public String displayName() {
    return name != null ? name.text() : file.relativePath() + "#" + node.pointer();
  }
}
