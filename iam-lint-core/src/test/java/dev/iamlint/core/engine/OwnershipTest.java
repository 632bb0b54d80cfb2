package dev.iamlint.core.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which files that parse only leniently, or not at all, are iam-lint's business. */
class OwnershipTest {

  private static LoadedFile parse(String relativePath, String text) {
    Format format = relativePath.endsWith(".json") ? Format.JSON : Format.YAML;
    return new Loader(Limits.DEFAULT).parse(new SourceFile(Path.of(relativePath), relativePath, format), text);
  }

  @Test
  void helmTemplateReadWithItsPlaceholdersAsStringsIsNotOurs() {
    LoadedFile helm = parse("charts/web/templates/deployment.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: {{ .Values.image }}
        """);
    assertTrue(helm.lenient() && !helm.failed(), helm.problems().toString());
    assertFalse(Ownership.ours(helm, false));
    assertTrue(Ownership.ours(helm, true), "declared under kinds: it is linted");
  }

  @Test
  void aTemplateFileThatIsNotCloudFormationIsNotOurs() {
    // Terraform names files .template too; this HCL holds the policy date without being a template.
    LoadedFile hcl = parse("modules/log-role/create-role.template", """
        resource "aws_iam_role" "example" {
          name = "ExampleRole"

          # the trusted principal
          assume_role_policy = jsonencode({
            Version = "2012-10-17"
          })
        }
        """);
    assertTrue(hcl.failed(), hcl.problems().toString());
    assertFalse(Ownership.ours(hcl, false));
    assertTrue(Ownership.ours(parse("policies/create-role.template", "a: [b\nVersion: 2012-10-17\n"), false),
        "in a folder that holds policies by convention");
    LoadedFile broken = parse("stack.template", """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties: [
        """);
    assertTrue(broken.failed(), broken.problems().toString());
    assertTrue(Ownership.ours(broken, false), "a CloudFormation template that does not parse is reported");
  }

  @Test
  void policiesTemplatesAndLzaConfigurationWithPlaceholdersAreOurs() {
    LoadedFile policy = parse("admin.yaml", """
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: s3:DeleteBucket
            Resource: {{ LogBucketArn }}
        """);
    assertTrue(policy.lenient(), policy.problems().toString());
    assertTrue(Ownership.ours(policy, false));
    LoadedFile template = parse("deployment/initiation.template", """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          B:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Sub %TEMPLATE_BUCKET_NAME%
        """);
    assertTrue(template.lenient(), template.problems().toString());
    assertTrue(Ownership.ours(template, false));
    // LZA's customizations-config.yaml holds no policy word nor workspace key: its name says it is LZA's.
    LoadedFile customizations = parse("config/customizations-config.yaml", """
        customizations:
          cloudFormationStacks:
            - name: Forwarder
              template: customizations/forwarder.json
              regions:
                - {{ AcceleratorHomeRegion }}
        """);
    assertTrue(customizations.lenient(), customizations.problems().toString());
    assertTrue(Ownership.ours(customizations, false));
    assertFalse(Ownership.ours(parse("config/customizations.yaml", "customizations:\n  regions: [{{ Region }}]\n"), false));
  }
}
