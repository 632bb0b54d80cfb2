package dev.iamlint.core.model;

/** What a policy document is, which decides its grammar and which rules apply. */
public enum PolicyKind {
  /** Attached to an IAM identity: managed, inline, or a permission set's inline policy. */
  IDENTITY,
  /** A role's trust policy ({@code AssumeRolePolicyDocument}). */
  TRUST,
  /** Attached to a resource (S3 bucket, KMS key, SQS queue, ...). */
  RESOURCE,
  /** AWS Organizations service control policy. */
  SCP,
  /** AWS Organizations resource control policy. */
  RCP;

  public boolean isOrganizationPolicy() {
    return this == SCP || this == RCP;
  }
}
