package dev.iamlint.rules.catalogue;

import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.catalog.IamService;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code Action}/{@code NotAction} value of a known service naming an action the service does
 * not have (names compared case-insensitively, as IAM does), or a wildcard pattern that matches no
 * action of the service. An action (or pattern) missing from the Service Authorization Reference
 * data but written in an AWS managed policy is known to AWS: a warning naming the policy. An
 * API operation that IAM authorizes by an action of another name ({@code sqs:DeleteMessageBatch},
 * {@code s3:ListObjectsV2}) is reported naming the action that authorizes it.
 */
@RuleInfo(
    id = "IAM102",
    name = "unknown-action",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"catalog", "correctness"},
    summary = "An action that its service does not have, or a wildcard pattern that matches no action (errors); "
        + "one missing from AWS's reference data but used by an AWS managed policy (warning).",
    description = "IAM accepts any action name in a policy and compares it with the request as text: a misspelt "
        + "action (s3:GetObjects) or a pattern that matches nothing grants nothing, so the workload fails at run "
        + "time; in a Deny, the action meant to be blocked stays allowed.",
    messages = {
      @RuleInfo.Message(text = "{0} is not an action of {1}; did you mean {2}?"),
      @RuleInfo.Message(id = "noSuggestion", text = "{0} is not an action of {1}"),
      @RuleInfo.Message(id = "apiOperation",
          text = "{0} is an API operation, not an IAM action: {1} authorizes it, so write {1}"),
      @RuleInfo.Message(id = "pattern", text = "the pattern {0} matches no action of {1}"),
      @RuleInfo.Message(id = "patternAny", text = "the pattern {0} matches no action of any service"),
      @RuleInfo.Message(id = "knownToAws", level = Level.WARNING,
          text = "{0} is not in AWS's Service Authorization Reference for {1}; used by AWS managed policy {2}, "
              + "so it is known to AWS (retired or undocumented): check it still applies")
    })
public final class UnknownAction implements DocumentRule {

  /**
   * API operations that IAM authorizes by an action of another name, which policies often list
   * as if they were actions (the name-distance suggestion finds none of these). Amazon SQS
   * Developer Guide, "Amazon SQS batch actions": "You cannot set permissions explicitly for
   * SendMessageBatch, DeleteMessageBatch, or ChangeMessageVisibilityBatch. Instead, setting
   * permissions for SendMessage, DeleteMessage, or ChangeMessageVisibility sets permissions for
   * the corresponding batch versions". Amazon S3 API Reference, Permissions of each operation:
   * HeadBucket, ListObjects and ListObjectsV2 need s3:ListBucket; ListBuckets s3:ListAllMyBuckets; PutBucketEncryption and
   * DeleteBucketEncryption s3:PutEncryptionConfiguration; GetBucketEncryption
   * s3:GetEncryptionConfiguration; HeadObject s3:GetObject; ListObjectVersions
   * s3:ListBucketVersions. Amazon Bedrock User Guide, "Prerequisites for running model
   * inference": the role needs bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream "to
   * use the InvokeModel, InvokeModelWithResponseStream, Converse, and ConverseStream actions".
   * Keys in lower case (IAM compares action names case-insensitively).
   */
  private static final Map<String, String> API_OPERATIONS = Map.ofEntries(
      Map.entry("sqs:sendmessagebatch", "sqs:SendMessage"),
      Map.entry("sqs:deletemessagebatch", "sqs:DeleteMessage"),
      Map.entry("sqs:changemessagevisibilitybatch", "sqs:ChangeMessageVisibility"),
      Map.entry("s3:headbucket", "s3:ListBucket"),
      Map.entry("s3:listbuckets", "s3:ListAllMyBuckets"),
      Map.entry("s3:listobjects", "s3:ListBucket"),
      Map.entry("s3:listobjectsv2", "s3:ListBucket"),
      Map.entry("s3:listobjectversions", "s3:ListBucketVersions"),
      Map.entry("s3:headobject", "s3:GetObject"),
      Map.entry("s3:putbucketencryption", "s3:PutEncryptionConfiguration"),
      Map.entry("s3:deletebucketencryption", "s3:PutEncryptionConfiguration"),
      Map.entry("s3:getbucketencryption", "s3:GetEncryptionConfiguration"),
      Map.entry("bedrock:converse", "bedrock:InvokeModel"),
      Map.entry("bedrock:conversestream", "bedrock:InvokeModelWithResponseStream"));

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    IamCatalog catalog = null;
    for (Str v : Grants.literalActions(s)) {
      String text = v.text().trim();
      // The IAM User Guide's generic service-prefix:action-name and bracketed placeholders are
      // IAM012's (built-in shapes; this family does not read that rule's configured patterns).
      if (Templates.Placeholders.DEFAULT.holdsInAction(text)) continue;
      int colon = text.indexOf(':');
      if (colon <= 0 || colon == text.length() - 1) continue; // IAM101
      String prefix = text.substring(0, colon);
      String name = text.substring(colon + 1);
      if (catalog == null) catalog = ctx.catalog();
      if (Texts.hasWildcard(prefix)) {
        if (catalog.expand(text).isEmpty()) ctx.report(v, "patternAny", v.text());
        continue;
      }
      Optional<IamService> service = catalog.service(prefix);
      if (service.isEmpty()) continue; // IAM101
      if (Texts.hasWildcard(name)) {
        if (!catalog.expand(text).isEmpty()) continue;
        Optional<String> usedBy = catalog.managedPolicyUsingAction(text);
        if (usedBy.isPresent()) {
          ctx.report(v, "knownToAws", v.text(), service.get().prefix(), usedBy.get());
        } else {
          ctx.report(v, "pattern", v.text(), service.get().prefix());
        }
        continue;
      }
      if (service.get().action(name).isPresent()) continue;
      Optional<String> usedBy = catalog.managedPolicyUsingAction(text);
      if (usedBy.isPresent()) {
        ctx.report(v, "knownToAws", v.text(), service.get().prefix(), usedBy.get());
        continue;
      }
      String authorizedBy = API_OPERATIONS.get(text.toLowerCase(Locale.ROOT));
      if (authorizedBy != null && catalog.action(authorizedBy).isPresent()) {
        ctx.report(v, "apiOperation", v.text(), authorizedBy);
        continue;
      }
      List<String> near = catalog.suggestActions(text);
      if (near.isEmpty()) {
        ctx.report(v, "noSuggestion", v.text(), service.get().prefix());
      } else {
        ctx.report(v, "default", v.text(), service.get().prefix(), Texts.orList(near, 3));
      }
    }
  }
}
