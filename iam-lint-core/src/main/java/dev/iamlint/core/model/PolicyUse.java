package dev.iamlint.core.model;

/**
 * How a policy is deployed, when the source says so. Decides size limits (IAM User Guide, "IAM
 * and AWS STS quotas") and which policies can be used with long-term user credentials.
 */
public enum PolicyUse {
  /** A managed policy (customer managed, or a bare policy file taken as one). */
  MANAGED,
  /** Inline on an IAM user. */
  USER_INLINE,
  /** Inline on an IAM group. */
  GROUP_INLINE,
  /** Inline on an IAM role. */
  ROLE_INLINE,
  /** The inline policy of an IAM Identity Center permission set. */
  PERMISSION_SET_INLINE,
  /** A role trust policy. */
  TRUST,
  /** A resource-based policy. */
  RESOURCE,
  /** A service control policy. */
  SCP,
  /** A resource control policy. */
  RCP
}
