package dev.iamlint.core.format.cloudformation;

import static dev.iamlint.core.format.ExtractTestSupport.assignments;
import static dev.iamlint.core.format.ExtractTestSupport.extract;
import static dev.iamlint.core.format.ExtractTestSupport.files;
import static dev.iamlint.core.format.ExtractTestSupport.permissionSets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudFormationFormatTest {

  @Test
  void policiesPermissionSetsAssignmentsAndScps(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "template.yaml", """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Cmp:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              ManagedPolicyName: AppPolicy
              Path: /app/
              PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: "*" }] }
          Ps:
            Type: AWS::SSO::PermissionSet
            Properties:
              Name: Ops
              CustomerManagedPolicyReferences: [{ Name: AppPolicy, Path: /app/ }]
              InlinePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
          Assign:
            Type: AWS::SSO::Assignment
            Properties:
              PermissionSetArn: !GetAtt Ps.PermissionSetArn
              TargetId: "111122223333"
              TargetType: AWS_ACCOUNT
          Guard:
            Type: AWS::Organizations::Policy
            Properties:
              Name: guard
              Type: SERVICE_CONTROL_POLICY
              Content: { Version: "2012-10-17", Statement: [{ Effect: Deny, Action: "organizations:LeaveOrganization", Resource: "*" }] }
        """);
    List<PolicyDocument> policies = ctx.documents().stream().filter(PolicyDocument.class::isInstance)
        .map(PolicyDocument.class::cast).toList();
    assertEquals(List.of(PolicyKind.IDENTITY, PolicyKind.SCP), policies.stream().map(PolicyDocument::kind).toList());
    assertTrue(policies.get(0).uses().contains(PolicyUse.MANAGED));
    assertEquals("/app/", policies.get(0).path().text());
    PermissionSet ps = permissionSets(ctx).get(0);
    assertEquals("AppPolicy", ps.customerManagedPolicies().get(0).name().text());
    assertTrue(ps.inlinePolicy().embedded(), "an inline policy in a JSON string");
    Assignment a = assignments(ctx).get(0);
    assertEquals("Ops", a.permissionSet().text(), "GetAtt of a permission set in the template");
    assertEquals(Assignment.Type.ACCOUNT, a.targets().get(0).type());
  }

  @Test
  void samExecutionRoles(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "template.yaml", """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
              Policies:
                - AWSLambdaBasicExecutionRole
                - DynamoDBCrudPolicy: { TableName: !Ref Table }
                - Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: "*" }]
                - !If [Cond, { Statement: [{ Effect: Allow, Action: s3:PutObject, Resource: "*" }] }, !Ref AWS::NoValue]
          Machine:
            Type: AWS::Serverless::StateMachine
            Properties:
              Policies: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: lambda:InvokeFunction, Resource: "*" }] }
          WithRole:
            Type: AWS::Serverless::Function
            Properties:
              Role: !GetAtt SomeRole.Arn
              Policies: [{ Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }]
        """);
    List<PolicyDocument> policies = ctx.documents().stream().filter(PolicyDocument.class::isInstance)
        .map(PolicyDocument.class::cast).toList();
    assertEquals(List.of(PolicyKind.TRUST, PolicyKind.IDENTITY, PolicyKind.IDENTITY, PolicyKind.IDENTITY),
        policies.stream().map(PolicyDocument::kind).toList(), "a function with a Role gets no policy of SAM's");
    assertEquals(List.of(Set.of(PolicyUse.TRUST), Set.of(PolicyUse.ROLE_INLINE), Set.of(PolicyUse.ROLE_INLINE),
        Set.of(PolicyUse.ROLE_INLINE)), policies.stream().map(PolicyDocument::uses).toList());
    assertEquals(List.of(7, 11, 12, 16), policies.stream().map(d -> d.span().startLine()).toList(),
        "an entry inside Fn::If is deployed when its condition holds");
  }

  @Test
  void samRolesThatSamMayCreate(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "template.yaml", """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
        Resources:
          Conditional:
            Type: AWS::Serverless::Function
            Properties:
              Role: !If [HasRole, !Ref RoleArn, !Ref AWS::NoValue]
              Policies: !If [Wide, [{ Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }], !Ref AWS::NoValue]
          NullRole:
            Type: AWS::Serverless::Function
            Properties:
              Role:
              Policies: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: "*" }] }
          Either:
            Type: AWS::Serverless::Function
            Properties:
              Role: !If [Prod, !Ref ProdRole, !Ref DevRole]
              Policies: [{ Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }]
        """);
    List<PolicyDocument> policies = ctx.documents().stream().filter(PolicyDocument.class::isInstance)
        .map(PolicyDocument.class::cast).toList();
    assertEquals(List.of(PolicyKind.TRUST, PolicyKind.IDENTITY, PolicyKind.TRUST, PolicyKind.IDENTITY),
        policies.stream().map(PolicyDocument::kind).toList(),
        "the global trust policy for each function SAM makes a role for; a Role in both branches makes none");
    assertEquals(List.of(4, 10, 4, 15), policies.stream().map(d -> d.span().startLine()).toList());
  }

  @Test
  void managedPoliciesUsedOnlyAsPermissionsBoundaries(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "template.yaml", """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Boundary:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
          AlsoAttached:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
          AttachedToItsRoles:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              Roles: [!Ref Developer]
              PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
          Developer:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }
              PermissionsBoundary: !Ref Boundary
          Builder:
            Type: AWS::IAM::User
            Properties:
              PermissionsBoundary: !GetAtt AlsoAttached.PolicyArn
              ManagedPolicyArns: [!Ref AlsoAttached]
          Tester:
            Type: AWS::IAM::User
            Properties:
              PermissionsBoundary: { "Fn::GetAtt": [AttachedToItsRoles, PolicyArn] }
        """);
    List<PolicyDocument> managed = ctx.documents().stream().filter(PolicyDocument.class::isInstance)
        .map(PolicyDocument.class::cast).filter(d -> d.uses().contains(PolicyUse.MANAGED)).toList();
    assertEquals(List.of(true, false, false), managed.stream().map(PolicyDocument::boundaryOnly).toList(),
        "a boundary grants nothing; a policy also attached does");
  }

  @Test
  void managedPoliciesNamedForPermissionsBoundaries(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "template.yaml", """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Bound:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              ManagedPolicyName: AppPermissionsBoundary
              PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
          DeveloperPermissionsBoundary:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
          NamedButAttached:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              ManagedPolicyName: OpsPermissionsBoundary
              Groups: [ops]
              PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
          Plain:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
        """);
    assertEquals(List.of(true, true, false, false), ctx.documents().stream().filter(PolicyDocument.class::isInstance)
        .map(PolicyDocument.class::cast).map(PolicyDocument::boundaryOnly).toList(),
        "named for a boundary and attached nowhere: a boundary, as a policy file so named is");
  }

  @Test
  void notATemplate(@TempDir Path dir) throws IOException {
    LoadedFile f = files(dir, "x.yaml", "Resources: 3\n").get(0);
    assertFalse(new CloudFormationFormat().extract(f.documents().get(0), new ExtractContext(f.file(), null, Limits.DEFAULT)));
  }
}
