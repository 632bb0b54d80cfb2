package dev.iamlint.rules.trust;

import dev.iamlint.core.analysis.Conditions;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A resource policy (S3, SNS, SQS, KMS, Lambda, ...) that allows an AWS service principal with no
 * {@code aws:SourceAccount}, {@code aws:SourceArn}, {@code aws:SourceOrgID} or
 * {@code aws:SourceOrgPaths} condition: one finding per statement, at its first service principal,
 * naming them all. Role trust policies are checked only with the option
 * {@code trustPolicies: true}.
 */
@RuleInfo(
    id = "IAM704",
    name = "service-principal-confused-deputy",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 5.0,
    tags = {"security", "confused-deputy", "resource-policy"},
    options = @RuleInfo.Option(name = ServicePrincipalConfusedDeputy.TRUST_POLICIES, type = RuleInfo.OptionType.BOOLEAN,
        defaultValue = "false", description = "also check role trust policies"),
    summary = "A resource policy grants to a service principal without aws:SourceAccount or aws:SourceArn.",
    description = "A service principal such as cloudtrail.amazonaws.com acts for every AWS customer. A grant to "
        + "it without aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths lets another "
        + "customer's resource make the service use yours (deliver logs into your bucket, send to your queue, "
        + "invoke your function): the cross-service confused deputy problem.",
    messages = {
      @RuleInfo.Message(text = "grants to the service principal {0} with no aws:SourceArn, aws:SourceAccount, "
          + "aws:SourceOrgID or aws:SourceOrgPaths condition, so the service can act on it for any AWS customer; "
          + "add aws:SourceArn (the resource the service acts for) or aws:SourceAccount"),
      @RuleInfo.Message(id = "many", text = "grants to {0} service principals ({1}) with no aws:SourceArn, "
          + "aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths condition, so the services can act on it for "
          + "any AWS customer; add aws:SourceArn (the resources the services act for) or aws:SourceAccount")
    })
public final class ServicePrincipalConfusedDeputy implements DocumentRule {

  static final String TRUST_POLICIES = "trustPolicies";

  /** Condition keys that tie a service's request to the resource or account it acts for (lower case). */
  private static final Set<String> SOURCE_KEYS = Set.of(
      "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourceowner");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (!s.isAllow() || s.principal() == null) return;
    boolean trust = policy.kind() == PolicyKind.TRUST
        && ctx.options().string(TRUST_POLICIES).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    if (policy.kind() != PolicyKind.RESOURCE && !trust) return;
    if (policy.grantsNothing()) return; // an endpoint policy only filters what reaches the service
    if (tiedToSource(s) || encryptionContextSource(s)) return;
    // One finding per statement: one missing condition is one cause, however many principals
    // (GuardDuty's 13 regional principals in one list) it leaves open.
    List<Str> services = s.principal().values("Service").stream().filter(v -> !v.text().isBlank()).toList();
    if (services.isEmpty()) return;
    if (services.size() == 1) {
      ctx.report(services.get(0), "default", services.get(0).text().trim());
    } else {
      ctx.report(services.get(0), "many", services.size(), names(services));
    }
  }

  /**
   * True when a condition ties the request to the resource or account the service acts for: it
   * restricts a source key ({@link Conditions#restricts}), and an {@code aws:SourceArn} matched
   * with wildcards names no resource of any account ({@link Conditions#arnOfChosenAccount}): with
   * {@code arn:aws:sns:*:*:alerts} the service acts for the topic of that name in every account,
   * which is the confused deputy the key is meant to stop. The IAM User Guide ("The confused
   * deputy problem") puts wildcards only in the unknown portions of the ARN and keeps the account:
   * its example is {@code arn:aws:servicename:*:123456789012:*}.
   */
  private static boolean tiedToSource(Statement s) {
    for (Condition c : s.conditions()) {
      String key = c.key().text().toLowerCase(Locale.ROOT);
      if (!SOURCE_KEYS.contains(key) || !Conditions.restricts(c)) continue;
      if (key.equals("aws:sourcearn") && c.operator().matchesWildcards() && !c.values().hasComputed()
          && c.values().values().stream().anyMatch(v -> !Conditions.arnOfChosenAccount(v.text().trim()))) {
        continue;
      }
      return true;
    }
    return false;
  }

  /** The distinct names, the first few in full and the rest counted. */
  private static String names(List<Str> services) {
    List<String> distinct = services.stream().map(v -> v.text().trim()).distinct().toList();
    int shown = Math.min(distinct.size(), SHOWN);
    String out = String.join(", ", distinct.subList(0, shown));
    return distinct.size() > shown ? out + " and " + (distinct.size() - shown) + " more" : out;
  }

  private static final int SHOWN = 4;

  /**
   * True when a KMS key policy ties the request to the caller's resource through the encryption
   * context AWS services set ({@code kms:EncryptionContext:aws:logs:arn}, as CloudWatch Logs
   * documents), an equivalent of aws:SourceArn.
   */
  private static boolean encryptionContextSource(Statement s) {
    for (Condition c : s.conditions()) {
      String k = c.key().text().toLowerCase(Locale.ROOT);
      if (k.startsWith("kms:encryptioncontext:aws:") && k.endsWith(":arn") && Conditions.restricts(c)) return true;
    }
    return false;
  }
}
