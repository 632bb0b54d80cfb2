package dev.iamlint.rules.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.testing.RuleFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * IAM101 and IAM102 name the IAM prefix or action when a policy writes the API's name instead
 * (the fixture markers state positions, not messages).
 */
class ApiNamesTest {

  private static final List<Rule> RULES = Engine.discoverRules(ApiNamesTest.class.getClassLoader());

  private static Map<Integer, String> messages(String fixture, String ruleId) throws Exception {
    Path p = Path.of(ApiNamesTest.class.getResource(fixture).toURI());
    LintResult r = RuleFixtures.run(p, RULES);
    Map<Integer, String> byLine = new TreeMap<>();
    for (Finding f : r.findings()) {
      if (f.ruleId().equals(ruleId)) byLine.put(f.location().span().startLine(), f.messageId() + ": " + f.message());
    }
    return byLine;
  }

  @Test
  void apiOperationsNameTheActionThatAuthorizesThem() throws Exception {
    assertEquals(Map.of(
        16, "apiOperation: sqs:DeleteMessageBatch is an API operation, not an IAM action: sqs:DeleteMessage authorizes it, so write sqs:DeleteMessage",
        17, "apiOperation: sqs:ChangeMessageVisibilityBatch is an API operation, not an IAM action: sqs:ChangeMessageVisibility authorizes it, so write sqs:ChangeMessageVisibility",
        21, "apiOperation: s3:HeadBucket is an API operation, not an IAM action: s3:ListBucket authorizes it, so write s3:ListBucket",
        22, "apiOperation: s3:ListObjectsV2 is an API operation, not an IAM action: s3:ListBucket authorizes it, so write s3:ListBucket",
        23, "apiOperation: s3:PutBucketEncryption is an API operation, not an IAM action: s3:PutEncryptionConfiguration authorizes it, so write s3:PutEncryptionConfiguration",
        26, "apiOperation: s3:ListBuckets is an API operation, not an IAM action: s3:ListAllMyBuckets authorizes it, so write s3:ListAllMyBuckets",
        30, "apiOperation: bedrock:Converse is an API operation, not an IAM action: bedrock:InvokeModel authorizes it, so write bedrock:InvokeModel",
        31, "apiOperation: bedrock:ConverseStream is an API operation, not an IAM action: bedrock:InvokeModelWithResponseStream authorizes it, so write bedrock:InvokeModelWithResponseStream"),
        messages("/unknown-action/bad-api-operations.yaml", "IAM102"));
  }

  @Test
  void apiNamesUsedAsPrefixesNameTheIamPrefix() throws Exception {
    assertEquals(Map.of(
        13, "apiNamespace: unknown service \"cloudcontrol\" in action cloudcontrol:GetResource (and 1 more action of it in this statement): \"cloudcontrol\" names the API, and IAM names its actions with the prefix \"cloudformation\"",
        15, "apiNamespace: unknown service \"stepfunctions\" in action stepfunctions:StartExecution: \"stepfunctions\" names the API, and IAM names its actions with the prefix \"states\"",
        16, "apiNamespace: unknown service \"bedrock-runtime\" in action bedrock-runtime:InvokeModel: \"bedrock-runtime\" names the API, and IAM names its actions with the prefix \"bedrock\""),
        messages("/unknown-service/bad-api-namespace.yaml", "IAM101"));
  }
}
