package dev.iamlint.rules.wildcards;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The privilege-escalation methods IAM205 (privilege-escalation) looks for: a table of data, kept
 * apart from the rule's logic so that each reads on its own.
 */
final class EscalationMethods {

  private EscalationMethods() {}

  /** A known escalation method: every action is needed; the first is where the finding points. */
  record Method(String name, List<String> actions, String how, boolean rewrite) {
    Method(String name, List<String> actions, String how) {
      this(name, actions, how, false);
    }
  }

  /**
   * Rhino Security Labs (Spencer Gietzen), "AWS IAM Privilege Escalation - Methods and Mitigation"
   * (github RhinoSecurityLabs/AWS-IAM-Privilege-Escalation, 21 methods), as machine-readable in
   * salesforce/cloudsplaining {@code cloudsplaining/shared/constants.py}
   * {@code PRIVILEGE_ESCALATION_METHODS}. Rhino's "PassExistingRoleToNewLambdaThenTriggerWithNewDynamo"
   * (+ dynamodb:CreateTable, dynamodb:PutItem) is kept in cloudsplaining's weaker form with an
   * existing table: its actions are a subset, so the stronger form would only duplicate it.
   * Rhino's data pipeline method also uses datapipeline:PutPipelineDefinition, as here.
   */
  static final List<Method> METHODS = List.of(
      new Method("CreateNewPolicyVersion", List.of("iam:CreatePolicyVersion"),
          "the holder can write a new default version of any customer managed policy attached to it"),
      new Method("SetExistingDefaultPolicyVersion", List.of("iam:SetDefaultPolicyVersion"),
          "the holder can make an older, more permissive version of a policy the default"),
      new Method("CreateAccessKey", List.of("iam:CreateAccessKey"),
          "the holder can create access keys for other users and act as them"),
      new Method("CreateLoginProfile", List.of("iam:CreateLoginProfile"),
          "the holder can set a console password on other users and sign in as them"),
      new Method("UpdateLoginProfile", List.of("iam:UpdateLoginProfile"),
          "the holder can change other users' console passwords and sign in as them"),
      new Method("AttachUserPolicy", List.of("iam:AttachUserPolicy"),
          "the holder can attach any managed policy, AdministratorAccess included, to a user it controls"),
      new Method("AttachGroupPolicy", List.of("iam:AttachGroupPolicy"),
          "the holder can attach any managed policy to a group it belongs to"),
      new Method("AttachRolePolicy", List.of("iam:AttachRolePolicy", "sts:AssumeRole"),
          "the holder can attach any managed policy to a role and assume it"),
      new Method("PutUserPolicy", List.of("iam:PutUserPolicy"),
          "the holder can write any inline policy on a user it controls"),
      new Method("PutGroupPolicy", List.of("iam:PutGroupPolicy"),
          "the holder can write any inline policy on a group it belongs to"),
      new Method("PutRolePolicy", List.of("iam:PutRolePolicy", "sts:AssumeRole"),
          "the holder can write any inline policy on a role and assume it"),
      new Method("AddUserToGroup", List.of("iam:AddUserToGroup"),
          "the holder can add itself to a more privileged group"),
      new Method("UpdateRolePolicyToAssumeIt", List.of("iam:UpdateAssumeRolePolicy", "sts:AssumeRole"),
          "the holder can rewrite a privileged role's trust policy to trust itself and assume it"),
      new Method("CreateEC2WithExistingIP", List.of("iam:PassRole", "ec2:RunInstances"),
          "the holder can launch an instance with any role and use the role's credentials from it"),
      new Method("PassExistingRoleToNewLambdaThenInvoke",
          List.of("iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"),
          "the holder can create a function with any role and run its own code with the role's permissions"),
      new Method("PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo",
          List.of("iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"),
          "the holder can create a function with any role and have a DynamoDB stream run it"),
      new Method("PassExistingRoleToNewGlueDevEndpoint", List.of("iam:PassRole", "glue:CreateDevEndpoint"),
          "the holder can create a Glue development endpoint with any role and use the role from it"),
      new Method("UpdateExistingGlueDevEndpoint", List.of("glue:UpdateDevEndpoint"),
          "the holder can add its SSH key to an existing Glue development endpoint and use its role"),
      new Method("PassExistingRoleToCloudFormation", List.of("iam:PassRole", "cloudformation:CreateStack"),
          "the holder can create a stack that runs with any role and creates what the role may"),
      new Method("PassExistingRoleToNewDataPipeline",
          List.of("iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"),
          "the holder can create a data pipeline with any role and run commands with it"),
      new Method("EditExistingLambdaFunctionWithRole", List.of("lambda:UpdateFunctionCode"),
          "the holder can replace an existing function's code and run it with the function's role"),
      // Resource-policy rewrites: replacing or extending a resource's own policy lets the holder
      // grant itself (or any account) every action on that resource. The resources are those whose
      // policies IAM Access Analyzer reads for external access (IAM User Guide, "IAM Access Analyzer
      // resource types"), with the action that writes each policy (Service Authorization Reference,
      // all at the "Permissions management" access level).
      rewrite("RewriteS3BucketPolicy", "s3:PutBucketPolicy", "the bucket policy", "S3 bucket"),
      rewrite("RewriteS3AccessPointPolicy", "s3:PutAccessPointPolicy", "the access point policy", "S3 access point"),
      rewrite("RewriteS3DirectoryBucketPolicy", "s3express:PutBucketPolicy", "the bucket policy", "S3 directory bucket"),
      rewrite("RewriteKmsKeyPolicy", "kms:PutKeyPolicy", "the key policy", "KMS key"),
      rewrite("AddLambdaFunctionPermission", "lambda:AddPermission", "the function policy", "Lambda function"),
      rewrite("RewriteSqsQueuePolicy", "sqs:SetQueueAttributes", "the queue policy (its Policy attribute)", "SQS queue"),
      rewrite("AddSqsQueuePermission", "sqs:AddPermission", "the queue policy", "SQS queue"),
      rewrite("RewriteSnsTopicPolicy", "sns:SetTopicAttributes", "the topic policy (its Policy attribute)", "SNS topic"),
      rewrite("AddSnsTopicPermission", "sns:AddPermission", "the topic policy", "SNS topic"),
      rewrite("RewriteSecretPolicy", "secretsmanager:PutResourcePolicy", "the secret's resource policy", "secret"),
      rewrite("RewriteEcrRepositoryPolicy", "ecr:SetRepositoryPolicy", "the repository policy", "ECR repository"),
      rewrite("RewriteEfsFileSystemPolicy", "elasticfilesystem:PutFileSystemPolicy", "the file system policy", "EFS file system"),
      rewrite("RewriteDynamoDbResourcePolicy", "dynamodb:PutResourcePolicy", "the table or stream policy", "DynamoDB table or stream"),
      rewrite("RewriteRoleTrustPolicy", "iam:UpdateAssumeRolePolicy", "the role's trust policy", "IAM role"));

  /** A resource-policy rewrite: one action that writes the policy of the resources it reaches. */
  private static Method rewrite(String name, String action, String policy, String resource) {
    return new Method(name, List.of(action), "the holder can write " + policy + " of every " + resource
        + " it reaches and grant itself, or any account, every action on it (a resource-policy rewrite)", true);
  }

  /** The actions of the resource-policy rewrites (lower case). */
  static final Set<String> REWRITES = METHODS.stream().filter(Method::rewrite)
      .map(m -> m.actions().get(0).toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * The service principals each pass-role method hands the role to (the services that assume it):
   * what an {@code iam:PassedToService} condition is compared with (IAM User Guide, "Grant a user
   * permissions to pass a role to an AWS service"; "IAM and AWS STS condition context keys").
   */
  static final Map<String, List<String>> PASSED_TO = Map.of(
      "CreateEC2WithExistingIP", List.of("ec2.amazonaws.com"),
      "PassExistingRoleToNewLambdaThenInvoke", List.of("lambda.amazonaws.com"),
      "PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo", List.of("lambda.amazonaws.com"),
      "PassExistingRoleToNewGlueDevEndpoint", List.of("glue.amazonaws.com"),
      "PassExistingRoleToCloudFormation", List.of("cloudformation.amazonaws.com"),
      "PassExistingRoleToNewDataPipeline", List.of("datapipeline.amazonaws.com"));
}
