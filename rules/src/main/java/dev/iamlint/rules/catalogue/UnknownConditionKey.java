package dev.iamlint.rules.catalogue;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.catalog.ActionResource;
import dev.iamlint.core.catalog.ConditionKey;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A condition key that is neither an AWS global key nor a key of any service. Keys are compared
 * case-insensitively; tag-style keys resolve to their template ({@code aws:RequestTag/Env} is
 * {@code aws:RequestTag/${TagKey}}). Federation keys (SAML {@code saml:*}, OIDC
 * {@code <provider host>:sub} and the like) are not checked: iam-lint does not know every
 * provider's claims. Nor are keys holding a placeholder ({@code <OIDC_provider_name>:sub}), which
 * IAM012 reports once per document.
 */
@RuleInfo(
    id = "IAM103",
    name = "unknown-condition-key",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 6.0,
    tags = {"security", "catalog", "correctness", "condition"},
    summary = "A condition key that is neither an AWS global condition key nor a key of any service (error), "
        + "or a service key that applies to none of the statement's actions (warning).",
    description = "A condition on a key that is never in the request context is evaluated as if the key were "
        + "missing: most operators are then false, so an Allow grants nothing, and a Deny (or an ...IfExists "
        + "operator) silently stops protecting anything.",
    messages = {
      @RuleInfo.Message(text = "unknown condition key {0}; did you mean {1}?"),
      @RuleInfo.Message(id = "noSuggestion", text = "unknown condition key {0}"),
      @RuleInfo.Message(id = "inNamespace", text = "{0} is no condition key of {1}; did you mean {2}?"),
      @RuleInfo.Message(id = "inNamespaceNoSuggestion", text = "{0} is no condition key of {1}"),
      @RuleInfo.Message(id = "notKey", text = "{0} is not a condition key (prefix:name)"),
      @RuleInfo.Message(id = "knownToAws", level = Level.WARNING,
          text = "{0} is not in AWS's Service Authorization Reference; used by AWS managed policy {1}, so it is known "
              + "to AWS (retired or undocumented): check it still applies"),
      @RuleInfo.Message(id = "notApplicable", level = Level.WARNING,
          text = "condition key {0} applies to none of the actions of this statement ({1}), so it is never in their request context")
    })
public final class UnknownConditionKey implements DocumentRule {

  @Override
  public void onCondition(PolicyDocument policy, Statement s, Condition c, RuleContext ctx) {
    Str key = c.key();
    if (key == null) return;
    String text = key.text().trim();
    if (text.isEmpty() || Templates.isTemplated(text)) return;
    // A key left for a person to fill in (<OIDC_provider_name>:sub) is IAM012's, once per document.
    // The built-in shapes only, as IAM101/IAM102 use: the configured ones live with the grammar rules.
    if (Templates.Placeholders.DEFAULT.holdsInKey(text)) return;
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      ctx.report(key, "notKey", "\"" + key.text() + "\"");
      return;
    }
    String prefix = text.substring(0, colon);
    if (isFederationPrefix(prefix)) return;
    IamCatalog catalog = ctx.catalog();
    Optional<ConditionKey> known = catalog.conditionKey(text);
    if (known.isPresent()) {
      checkApplies(s, key, known.get(), catalog, ctx);
      return;
    }
    if (isTagTemplate(catalog, text)) return;
    Optional<String> usedBy = catalog.managedPolicyUsingConditionKey(text);
    if (usedBy.isPresent()) {
      ctx.report(key, "knownToAws", key.text(), usedBy.get());
      return;
    }
    List<String> near = catalog.suggestConditionKeys(text);
    if (catalog.knowsConditionKeyPrefix(prefix)) {
      String namespace = prefix.equalsIgnoreCase("aws") ? "the AWS global keys" : prefix.toLowerCase(Locale.ROOT);
      if (near.isEmpty()) {
        ctx.report(key, "inNamespaceNoSuggestion", key.text(), namespace);
      } else {
        ctx.report(key, "inNamespace", key.text(), namespace, Texts.orList(near, 3));
      }
    } else if (near.isEmpty()) {
      ctx.report(key, "noSuggestion", key.text());
    } else {
      ctx.report(key, "default", key.text(), Texts.orList(near, 3));
    }
  }

  /**
   * Warns when a service key applies to none of the statement's {@code Action} values
   * ({@code s3:prefix} on {@code ec2:RunInstances}, {@code s3:prefix} on {@code s3:GetObject}):
   * the key is never in those requests' context, so the condition never matches (RULES.md
   * IAM103). Global keys apply to every action; keys that the catalogue lists for an action of
   * another service ({@code iam:ResourceTag/...} on {@code sts:AssumeRole}) count as applying, and
   * so does a key that some AWS managed policy uses with the same action (the reference data
   * misses a few pairs AWS itself relies on). Only a plain {@code Action} list whose every value names a known service
   * is judged; {@code NotAction}, {@code "*"} and unknown actions leave the key alone.
   */
  private static void checkApplies(Statement s, Str key, ConditionKey k, IamCatalog catalog, RuleContext ctx) {
    if (k.global() || k.prefix().equalsIgnoreCase("aws") || s.action() == null || s.action().isEmpty()) return;
    String lowerName = k.name().toLowerCase(Locale.ROOT);
    String written = key.text().trim().toLowerCase(Locale.ROOT);
    int slash = written.indexOf('/');
    String lowerStem = slash < 0 ? null : written.substring(0, slash + 1);
    List<String> judged = new ArrayList<>();
    for (Str v : s.action().values()) {
      String text = v.text().trim();
      int colon = text.indexOf(':');
      if (colon <= 0 || Templates.isTemplated(text) || text.substring(0, colon).indexOf('*') >= 0
          || text.substring(0, colon).indexOf('?') >= 0) {
        return;
      }
      List<IamAction> actions = catalog.expand(text);
      if (actions.isEmpty()) continue; // IAM101 / IAM102
      for (IamAction a : actions) {
        if (appliesTo(a, lowerName, lowerStem)) return;
      }
      judged.add(v.text());
    }
    if (judged.isEmpty()) return;
    // AWS's own managed policies use some keys with actions the reference data does not list them
    // for (aws-marketplace:ProductId on aws-marketplace:Subscribe): known to AWS, not reported.
    for (String a : judged) {
      if (catalog.managedPolicyUsingKeyWithAction(a, key.text()).isPresent()) return;
    }
    if (tiedToNoAction(catalog, k.prefix(), lowerName, lowerStem)) return;
    ctx.report(key, "notApplicable", key.text(), Texts.orList(judged, 3) + (judged.size() > 3 ? ", ..." : ""));
  }

  /**
   * Whether the reference data ties the key to no action and no resource type at all: the Service
   * Authorization Reference lists it in its service's condition-key table, but names no action it
   * applies to ({@code states:HTTPEndpoint} and {@code states:HTTPMethod}, which the Step Functions
   * Developer Guide documents for {@code states:InvokeHTTPEndpoint}; {@code dynamodb:FirstPartitionKeyValues};
   * some 90 keys in all). Then the data cannot tell which actions it applies to, so not applying to
   * this statement's is no finding. Runs only on the way to a finding: the key's own service first,
   * then every action.
   */
  private static boolean tiedToNoAction(IamCatalog catalog, String prefix, String lowerName, String lowerStem) {
    for (IamAction a : catalog.expand(prefix + ":*")) {
      if (appliesTo(a, lowerName, lowerStem)) return false;
    }
    for (IamAction a : catalog.actions()) {
      if (appliesTo(a, lowerName, lowerStem)) return false;
    }
    return true;
  }

  /**
   * Whether the key is one of the action's keys. A key with a filled-in part
   * ({@code ssm:resourceTag/Owner}) matches any key of the action with the same stem
   * ({@code ssm:resourceTag/...}), since services document such keys under several templates.
   */
  private static boolean appliesTo(IamAction a, String lowerName, String lowerStem) {
    if (matches(a.conditionKeys(), lowerName, lowerStem)) return true;
    for (ActionResource r : a.resourceTypes()) {
      if (matches(r.conditionKeys(), lowerName, lowerStem) || matches(r.resourceType().conditionKeys(), lowerName, lowerStem)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<ConditionKey> keys, String lowerName, String lowerStem) {
    for (ConditionKey c : keys) {
      String n = c.name().toLowerCase(Locale.ROOT);
      if (n.equals(lowerName) || (lowerStem != null && n.startsWith(lowerStem))) return true;
    }
    return false;
  }

  /**
   * A few services document their tag keys with a literal placeholder rather than a variable
   * ({@code secretsmanager:ResourceTag/tag-key}, {@code glacier:ResourceTag/}); a filled-in key
   * ({@code secretsmanager:ResourceTag/Owner}) resolves to that template.
   */
  private static boolean isTagTemplate(IamCatalog catalog, String key) {
    int slash = key.indexOf('/');
    if (slash < 0) return false;
    String stem = key.substring(0, slash + 1);
    return catalog.conditionKey(stem + "tag-key").isPresent() || catalog.conditionKey(stem).isPresent();
  }

  /**
   * SAML ({@code saml:}) and web-identity providers, whose prefix is a host name
   * ({@code token.actions.githubusercontent.com}, {@code accounts.google.com},
   * {@code cognito-identity.amazonaws.com}, {@code oidc.eks.<region>.amazonaws.com/id/<id>}).
   */
  static boolean isFederationPrefix(String prefix) {
    return prefix.equalsIgnoreCase("saml") || prefix.indexOf('.') >= 0;
  }

}
