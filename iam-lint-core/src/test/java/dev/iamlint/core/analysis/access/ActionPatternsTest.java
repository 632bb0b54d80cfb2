package dev.iamlint.core.analysis.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prepared action lists answer exactly as StatementMatch's plain loops, value for value. */
class ActionPatternsTest {

  private static final List<String> LISTS = List.of(
      "[\"iam:*\", \"organizations:*\", \"sts:*\", \"s3:Get*\", \"ec2:Describe*\", \"support:*\"]",
      "[\"EC2:RunInstances\", \"ec2:run*\", \"*:Get*\", \"s3:*Object\", \"*\"]",
      "[\"ec?:Start*\", \"e*:Stop*\", \"kms:Decrypt\", \"kms:*\"]",
      "[\"${Prefix}:*\", \"iam:PassRole\"]",
      "[\"s3:GetObject\", \"{{ action }}\", \"sqs:*\"]",
      "[\"no-colon\", \"s3\", \":GetObject\", \"s3:\"]",
      "[\"\u00e9c2:Run*\", \"ec2:R\u00fcn*\"]",
      "\"cloudwatch:*\"");

  private static final List<String> ACTIONS = List.of("iam:PassRole", "IAM:passrole", "ec2:RunInstances", "EC2:runinstances",
      "ec2:StartInstances", "ecs:StopTask", "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "kms:Decrypt",
      "kms:Encrypt", "sqs:SendMessage", "cloudwatch:PutMetricData", "support:DescribeCases", "sts:AssumeRole",
      "no-colon", "s3", ":GetObject", "s3:", "\u00e9c2:RunInstances", "ec2:R\u00fcnX", "organizations:LeaveOrganization");

  @Test
  void everyListAndActionAnswersAsThePlainLoops() {
    for (String list : LISTS) {
      for (String element : List.of("Action", "NotAction")) {
        PolicyDocument doc = OrgPoliciesTest.doc(PolicyKind.SCP,
            "{\"Effect\": \"Deny\", \"" + element + "\": " + list + ", \"Resource\": \"*\"}");
        Statement s = doc.statements().get(0);
        ActionPatterns.Memo memo = new ActionPatterns.Memo();
        for (String action : ACTIONS) {
          Str plain = StatementMatch.action(s, action);
          Str prepared = StatementMatch.action(s, action, memo);
          assertSame(plain, prepared, element + " " + list + " for " + action);
        }
      }
    }
  }

  @Test
  void theFirstMatchingValueInListOrderIsTheOneNamed() {
    Statement s = OrgPoliciesTest.doc(PolicyKind.SCP,
        "{\"Effect\": \"Allow\", \"Action\": [\"*:Get*\", \"s3:GetObject\", \"s3:*\"], \"Resource\": \"*\"}").statements().get(0);
    ActionPatterns.Memo memo = new ActionPatterns.Memo();
    assertEquals("*:Get*", StatementMatch.action(s, "s3:GetObject", memo).text(), "a wildcard service earlier in the list wins");
    assertEquals("s3:*", StatementMatch.action(s, "s3:PutObject", memo).text());
    assertNull(StatementMatch.action(s, "ec2:RunInstances", memo));
    Statement not = OrgPoliciesTest.doc(PolicyKind.SCP,
        "{\"Effect\": \"Deny\", \"NotAction\": [\"iam:*\", \"${AllowedService}:*\"], \"Resource\": \"*\"}").statements().get(0);
    assertNull(StatementMatch.action(not, "ec2:RunInstances", memo), "a templated NotAction value may exclude anything");
    Statement plainNot = OrgPoliciesTest.doc(PolicyKind.SCP,
        "{\"Effect\": \"Deny\", \"NotAction\": [\"iam:*\"], \"Resource\": \"*\"}").statements().get(0);
    assertNotNull(StatementMatch.action(plainNot, "ec2:RunInstances", memo));
    assertNull(StatementMatch.action(plainNot, "IAM:CreateRole", memo));
  }
}
