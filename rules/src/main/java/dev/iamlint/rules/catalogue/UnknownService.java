package dev.iamlint.rules.catalogue;

import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code Action}/{@code NotAction} value whose service prefix is no AWS service, or a value
 * that is not of the form {@code service:Action} at all. A prefix missing from the Service
 * Authorization Reference data but used in an AWS managed policy is known to AWS (a retired or
 * undocumented service): a warning naming the policy, not an error. A prefix that is the API's
 * name rather than its IAM prefix ({@code cloudcontrol:GetResource}) is reported naming the prefix.
 */
@RuleInfo(
    id = "IAM101",
    name = "unknown-service",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"catalog", "correctness"},
    summary = "An action's service prefix is no AWS service, or the value is not of the form service:Action (errors); "
        + "a prefix missing from AWS's reference data but used by an AWS managed policy (warning).",
    description = "IAM compares action names as text: an action with a misspelt or invented service prefix "
        + "matches no request, so the statement silently grants (or denies) nothing. In a Deny, the typo leaves "
        + "the action it meant to block allowed.",
    messages = {
      @RuleInfo.Message(text = "unknown service \"{0}\" in action {1}{3}; did you mean {2}?"),
      @RuleInfo.Message(id = "noSuggestion", text = "unknown service \"{0}\" in action {1}{2}: no AWS service has this prefix"),
      @RuleInfo.Message(id = "notAction", text = "{0} is not an action (service:Action)"),
      @RuleInfo.Message(id = "apiNamespace",
          text = "unknown service \"{0}\" in action {1}{3}: \"{0}\" names the API, and IAM names its actions with the prefix \"{2}\""),
      @RuleInfo.Message(id = "knownToAws", level = Level.WARNING,
          text = "service prefix \"{0}\" in action {1}{3} is not in AWS's Service Authorization Reference; "
              + "used by AWS managed policy {2}, so it is known to AWS (a retired or undocumented service): check it still applies")
    })
public final class UnknownService implements DocumentRule {

  /**
   * API and SDK names that differ from the service's IAM prefix, which policies often use as if
   * they were the prefix (the name-distance suggestion finds none of these). Service
   * Authorization Reference, each service's page: "AWS Cloud Control API (service prefix:
   * cloudformation)", "AWS Step Functions (service prefix: states)", "Amazon EventBridge (service
   * prefix: events)", "Amazon OpenSearch Service (service prefix: es)", "Elastic Load Balancing V2
   * (service prefix: elasticloadbalancing)", "Amazon API Gateway Management V2 (service prefix:
   * apigateway)", "Amazon Bedrock (service prefix: bedrock)" (its runtime and agents APIs,
   * bedrock-runtime and bedrock-agent-runtime, authorize with bedrock: actions such as
   * bedrock:InvokeModel and bedrock:InvokeAgent). Keys in lower case.
   */
  private static final Map<String, String> API_NAMESPACES = Map.ofEntries(
      Map.entry("cloudcontrol", "cloudformation"),
      Map.entry("cloudcontrolapi", "cloudformation"),
      Map.entry("stepfunctions", "states"),
      Map.entry("eventbridge", "events"),
      Map.entry("opensearch", "es"),
      Map.entry("elbv2", "elasticloadbalancing"),
      Map.entry("elasticloadbalancingv2", "elasticloadbalancing"),
      Map.entry("apigatewayv2", "apigateway"),
      Map.entry("bedrock-runtime", "bedrock"),
      Map.entry("bedrock-agent-runtime", "bedrock"),
      Map.entry("bedrock-agent", "bedrock"));

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    IamCatalog catalog = null;
    // One finding per unknown prefix and statement, at its first action: seventeen actions of a
    // retired service are one cause, not seventeen errors.
    Map<String, List<Str>> byPrefix = new LinkedHashMap<>();
    for (Str v : Grants.literalActions(s)) {
      String text = v.text().trim();
      // The IAM User Guide's generic service-prefix:action-name and bracketed placeholders are
      // IAM012's (built-in shapes; this family does not read that rule's configured patterns).
      if (Templates.Placeholders.DEFAULT.holdsInAction(text)) continue;
      int colon = text.indexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        ctx.report(v, "notAction", "\"" + v.text() + "\"");
        continue;
      }
      String prefix = text.substring(0, colon);
      if (Texts.hasWildcard(prefix)) continue;
      if (catalog == null) catalog = ctx.catalog();
      if (catalog.service(prefix).isPresent()) continue;
      byPrefix.computeIfAbsent(prefix, k -> new ArrayList<>()).add(v);
    }
    for (Map.Entry<String, List<Str>> e : byPrefix.entrySet()) {
      String prefix = e.getKey();
      Str v = e.getValue().get(0);
      int more = e.getValue().size() - 1;
      String others = more == 0 ? "" : " (and " + more + " more action" + (more == 1 ? "" : "s") + " of it in this statement)";
      Optional<String> usedBy = catalog.managedPolicyUsingService(prefix);
      if (usedBy.isPresent()) {
        ctx.report(v, "knownToAws", prefix, v.text(), usedBy.get(), others);
        continue;
      }
      String iamPrefix = API_NAMESPACES.get(prefix.toLowerCase(java.util.Locale.ROOT));
      if (iamPrefix != null && catalog.service(iamPrefix).isPresent()) {
        ctx.report(v, "apiNamespace", prefix, v.text(), iamPrefix, others);
        continue;
      }
      List<String> near = catalog.suggestServices(prefix);
      if (near.isEmpty()) {
        ctx.report(v, "noSuggestion", prefix, v.text(), others);
      } else {
        ctx.report(v, "default", prefix, v.text(), Texts.orList(near, 3), others);
      }
    }
  }
}
