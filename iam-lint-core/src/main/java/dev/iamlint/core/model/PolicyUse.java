package dev.iamlint.core.model;

/**
 * How a policy is deployed, when the source says so. Decides size limits (IAM User Guide, "IAM
 * and AWS STS quotas") and which policies can be used with long-term user credentials.
 */
public enum PolicyUse {
  /** A managed policy (customer managed, or a bare policy file taken as one). */
  MANAGED,
  /**
   * A managed policy that its source also attaches to IAM users or groups (CloudFormation
   * {@code AWS::IAM::ManagedPolicy} with {@code Users}/{@code Groups}): a managed policy's size
   * limit, usable with long-term user credentials (the MFA rules' scope). Always with MANAGED.
   */
  MANAGED_ON_USERS,
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
  /**
   * The resource policy of a resource that can be reached only from inside a VPC, with RESOURCE:
   * the access policy of an OpenSearch Service domain launched in a VPC ({@code VPCOptions}). Who
   * can connect is decided by the network and the domain's security groups, not by the policy
   * (OpenSearch Service Developer Guide, "Launching your Amazon OpenSearch Service domains within a
   * VPC": "You can't directly access your domains from outside the VPC").
   */
  VPC_ONLY,
  /**
   * The access policy of an OpenSearch Service (or Elasticsearch) domain with fine-grained access
   * control, with RESOURCE: {@code AdvancedSecurityOptions.Enabled} true, written out, and
   * {@code AnonymousAuthEnabled} not true. Every request that the policy lets reach the domain
   * must still authenticate as a fine-grained access control user (OpenSearch Service Developer
   * Guide, "Fine-grained access control in Amazon OpenSearch Service": "if you enable fine-grained
   * access control, we recommend using a domain access policy that doesn't require signed requests").
   */
  FINE_GRAINED_ACCESS_CONTROL,
  /**
   * A VPC endpoint policy, with RESOURCE. It controls which principals can use the endpoint to
   * reach a service and grants nothing: "An endpoint policy does not override or replace
   * identity-based policies or resource-based policies" (AWS PrivateLink Guide, "Control access to
   * VPC endpoints using endpoint policies"); AWS's default one is Principal, Action and Resource
   * {@code "*"}. Its grammar is checked, the rules about what a policy grants do not apply.
   */
  VPC_ENDPOINT,
  /** A service control policy. */
  SCP,
  /** A resource control policy. */
  RCP,
  /**
   * A managed policy its source uses as a permissions boundary (LZA {@code boundaryPolicy}), with
   * MANAGED. A boundary sets the most a principal may do and grants nothing (IAM User Guide,
   * "Permissions boundaries for IAM entities"), so it is no grant unless the source also attaches it.
   */
  BOUNDARY
}
