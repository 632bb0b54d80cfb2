package dev.iamlint.rules.catalogue;

import dev.iamlint.core.analysis.Resources;
import dev.iamlint.core.catalog.ActionResource;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.catalog.IamService;
import dev.iamlint.core.catalog.ResourceType;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Arns;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@code Resource} ARN of an identity-policy statement that no action of the statement applies
 * to: it matches none of the resource types of the (expanded) actions, or every action lacks
 * resource-level permissions and needs {@code "*"} (or the whole ARN space of its service,
 * {@code arn:aws:s3:::*}, which names everything as {@code "*"} does). Reported per ARN. Only actions the catalogue
 * knows are judged, and an ARN that an unknown action could be meant for is left alone (no
 * cascade after IAM101/IAM102): an ARN of the service of a misspelt action, or every ARN when an
 * action's service itself is unknown.
 */
@RuleInfo(
    id = "IAM104",
    name = "resource-type-mismatch",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 3.0,
    tags = {"catalog", "correctness"},
    summary = "A resource ARN that matches no resource type of the statement's actions, so those actions are "
        + "granted (or denied) on nothing.",
    description = "IAM grants an action only on resources of the types the action takes. An ARN of another type "
        + "(a bucket ARN for s3:GetObject, which takes objects) or an ARN naming a resource for an action without "
        + "resource-level permissions (which needs \"*\") matches no request: the Allow grants nothing and the workload fails "
        + "at run time, or the Deny blocks nothing.",
    messages = {
      @RuleInfo.Message(text = "no action of this statement applies to {0} (actions take: {1})"),
      @RuleInfo.Message(id = "needsStar", text = "no action of this statement supports resource-level permissions "
          + "({1}), so they need \"*\"; {0} matches no request")
    })
public final class ResourceTypeMismatch implements DocumentRule {

  private static final int MAX_NAMES = 6;
  /**
   * ARN service names IAM takes for one another: CodeStar Connections was renamed CodeConnections;
   * actions of either prefix apply to connections with either ARN.
   */
  private static final Map<String, String> SERVICE_ALIASES =
      Map.of("codestar-connections", "codeconnections", "codeconnections", "codestar-connections");

  /**
   * Prefixes that several pages of the Service Authorization Reference share (API Gateway and its
   * Management V2 API, Elastic Load Balancing and V2, the AWS Marketplace APIs, SES and its V2, ...).
   * The catalogue's source keeps one page's entry for an action named on several of them, so the
   * other pages' resource types for it are not in the catalogue ({@code apigateway:GET} lacks V2's
   * {@code Apis}, {@code elasticloadbalancing:AddTags} lacks target groups,
   * {@code aws-marketplace:TagResource} takes only {@code DeploymentParameter}); the generator
   * cannot merge what the source does not hold. So an action of these prefixes is taken to apply
   * to every resource type of its service. (Resource types that two pages define under one name,
   * API Gateway's {@code Stage} or Lex's {@code bot}, do keep both ARN formats.) Without this list
   * the rule reports 29 false findings on AWS managed policies.
   */
  private static final Set<String> SHARED_PREFIXES = Set.of("apigateway", "elasticloadbalancing", "aws-marketplace",
      "ses", "lex", "greengrass", "sms-voice", "kinesisanalytics");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.kind() != PolicyKind.IDENTITY) return;
    if (!s.isAllow() && !s.isDeny()) return;
    if (s.action() == null || s.resource() == null || s.notAction() != null || s.notResource() != null) return;
    List<Str> arns = new ArrayList<>();
    for (Str r : s.resource().values()) {
      String t = r.text().trim();
      if (t.startsWith("arn:")) arns.add(r);
    }
    if (arns.isEmpty()) return;

    IamCatalog catalog = ctx.catalog();
    // Distinct resource types of the expanded actions (identity: the catalogue shares instances).
    Set<ResourceType> types = Collections.newSetFromMap(new IdentityHashMap<>());
    List<ResourceType> ordered = new ArrayList<>(); // the types in the order met, for the message
    Set<String> withoutTypes = new LinkedHashSet<>();
    Set<String> withoutTypesServices = new LinkedHashSet<>();
    int known = 0;
    Set<String> services = new LinkedHashSet<>();
    // Services of actions the catalogue does not know (s3:GetObjects): an ARN of one of them may be
    // meant for that action, so it is not judged; an unknown service could be meant for any ARN.
    Set<String> unknownActionServices = new LinkedHashSet<>();
    boolean unknownService = false;
    for (Str a : s.action().values()) {
      String text = a.text().trim();
      if (text.equals("*") || text.contains("${") || text.contains("{{")) return;
      int colon = text.indexOf(':');
      if (colon <= 0) continue; // IAM101
      String prefix = text.substring(0, colon);
      if (prefix.indexOf('*') >= 0 || prefix.indexOf('?') >= 0) return;
      List<IamAction> expanded = catalog.expand(text);
      if (expanded.isEmpty()) {
        if (catalog.service(prefix).isPresent()) {
          unknownActionServices.add(prefix.toLowerCase(Locale.ROOT));
        } else {
          unknownService = true;
        }
      }
      for (IamAction action : expanded) {
        known++;
        if (services.add(action.service()) && SHARED_PREFIXES.contains(action.service())) {
          for (ResourceType t : catalog.service(action.service()).map(IamService::resourceTypes).orElse(List.of())) {
            if (types.add(t)) ordered.add(t);
          }
        }
        if (action.resourceTypes().isEmpty()) {
          withoutTypes.add(action.fullName());
          withoutTypesServices.add(action.service().toLowerCase(Locale.ROOT));
          continue;
        }
        for (ActionResource ar : action.resourceTypes()) {
          if (types.add(ar.resourceType())) ordered.add(ar.resourceType());
        }
      }
    }
    if (known == 0 || unknownService) return; // IAM101/IAM102 speak; the ARNs may be meant for those actions

    for (Str r : arns) {
      String arn = normalize(r.text().trim());
      String service = service(arn);
      if (service != null && unknownActionServices.contains(service.toLowerCase(Locale.ROOT))) continue;
      // The whole ARN space of the service of an action without resource-level permissions
      // (arn:aws:s3:::* for s3:ListAllMyBuckets) names everything, as "*" does: the S3 User Guide's
      // walkthrough "Controlling access to a bucket with user policies" grants s3:ListAllMyBuckets so.
      String whole = Resources.wholeServiceOf(arn);
      if (whole != null && withoutTypesServices.contains(whole.toLowerCase(Locale.ROOT))) continue;
      String alias = withAliasService(arn, service);
      // Split once: the ARN is tried against every type of every action of the statement.
      ResourceType.PolicyArn split = ResourceType.PolicyArn.of(arn);
      ResourceType.PolicyArn aliasArn = alias == null ? null : ResourceType.PolicyArn.of(alias);
      boolean accepted = false;
      for (ResourceType type : types) {
        if (matches(type, split, aliasArn)) {
          accepted = true;
          break;
        }
      }
      if (accepted || !recognized(catalog, services, split, aliasArn, service)) continue;
      if (types.isEmpty()) {
        ctx.report(r, "needsStar", r.text(), list(withoutTypes));
      } else {
        ctx.report(r, "default", r.text(), list(typeNames(ordered, service)));
      }
    }
  }

  /**
   * The types' names as the message lists them: a type of another service than the ARN's is named
   * with its prefix ({@code ecr-public repository} for an {@code ecr} repository ARN), else
   * "actions take: repository" would read as a contradiction.
   */
  private static Set<String> typeNames(List<ResourceType> types, String arnService) {
    Set<String> out = new LinkedHashSet<>();
    for (ResourceType t : types) {
      out.add(arnService != null && !t.service().equalsIgnoreCase(arnService) ? t.service() + " " + t.name() : t.name());
    }
    return out;
  }

  /**
   * Whether the ARN is of some resource type the catalogue knows, of the actions' services or of
   * the service the ARN names. An ARN of no known type is malformed or of a type the catalogue
   * lacks (it merges services that share a prefix, e.g. API Gateway V1 and V2, and loses some of
   * their types); the first is the ARN rules' business, the second would be a false finding.
   */
  private static boolean recognized(IamCatalog catalog, Set<String> services, ResourceType.PolicyArn arn,
      ResourceType.PolicyArn aliasArn,
      String service) {
    Set<String> all = new LinkedHashSet<>(services);
    if (service != null) {
      all.add(service);
      String alias = SERVICE_ALIASES.get(service);
      if (alias != null) all.add(alias);
    }
    for (String prefix : all) {
      IamService svc = catalog.service(prefix).orElse(null);
      if (svc == null) continue;
      for (ResourceType type : svc.resourceTypes()) {
        if (matches(type, arn, aliasArn)) return true;
      }
    }
    return false;
  }

  /**
   * The catalogue's matcher does the work, field by field for the partition, service, region and
   * account ({@code arn:${AWS::Partition}:s3:::b/*} is no Lambda function ARN); an ARN of an
   * aliased service is also tried under the other name.
   */
  private static boolean matches(ResourceType type, ResourceType.PolicyArn arn, ResourceType.PolicyArn aliasArn) {
    return type.matches(arn) || (aliasArn != null && type.matches(aliasArn));
  }

  /**
   * The service field of an ARN (the third colon-separated field, not splitting at a colon inside
   * {@code ${...}} such as {@code ${AWS::Partition}}), or null when the ARN has no such field.
   */
  static String service(String arn) {
    return Arns.service(arn);
  }

  /** The ARN with its service field replaced by the service's alias, or null when it has none. */
  private static String withAliasService(String arn, String service) {
    String alias = service == null ? null : SERVICE_ALIASES.get(service);
    if (alias == null) return null;
    int at = arn.indexOf(":" + service + ":");
    return at < 0 ? null : arn.substring(0, at + 1) + alias + arn.substring(at + 1 + service.length());
  }

  /**
   * Template syntax the ARN matcher does not know as a variable becomes {@code *}: Jinja and
   * similar {@code {{...}}}. ({@code ${...}} — CloudFormation, Terraform, LZA {@code
   * ${ACCEL_LOOKUP::...}} — is already an unknown value, i.e. any run of characters, to it.)
   */
  static String normalize(String arn) {
    int open = arn.indexOf("{{");
    if (open < 0) return arn;
    StringBuilder out = new StringBuilder(arn.length());
    int i = 0;
    while (open >= 0) {
      int close = arn.indexOf("}}", open + 2);
      if (close < 0) break;
      out.append(arn, i, open).append('*');
      i = close + 2;
      open = arn.indexOf("{{", i);
    }
    out.append(arn, i, arn.length());
    return out.toString();
  }

  private static String list(Set<String> names) {
    if (names.size() <= MAX_NAMES) return String.join(", ", names);
    List<String> shown = new ArrayList<>(names).subList(0, MAX_NAMES);
    return String.join(", ", shown) + "…";
  }
}
