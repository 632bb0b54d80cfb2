package dev.iamlint.rules.grammar;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.catalog.IamService;
import dev.iamlint.core.catalog.ResourceType;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Arns;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Principal;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A malformed ARN in {@code Resource}/{@code NotResource}, or in a {@code Principal} /
 * {@code NotPrincipal} {@code AWS} value that starts with {@code arn:}, including a wildcard in a
 * principal ARN. An ARN is
 * {@code arn:partition:service:region:account:resource} (the resource part may hold colons).
 * Wildcards, IAM policy variables ({@code ${aws:username}}) and template substitutions
 * (CloudFormation {@code ${AWS::AccountId}}, {@code ${BucketName}}, LZA
 * {@code ${ACCEL_LOOKUP::...}}, {@code {{...}}}) are accepted in any part; values produced by an
 * intrinsic function other than {@code !Sub} ({@code !Ref}, {@code !GetAtt}) are not checked.
 */
@RuleInfo(
    id = "IAM009",
    name = "invalid-arn",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 4.0,
    tags = {"grammar", "correctness", "resource"},
    summary = "A malformed ARN in Resource, NotResource or an AWS principal: wrong number of parts, unknown "
        + "partition, or a region or account field that cannot be right; or a Resource value that is not an ARN.",
    description = "AWS rejects a policy whose Resource is not a well-formed ARN or \"*\", and a principal ARN that "
        + "names nothing cannot be saved in a trust or resource policy. An ARN with a typo in its region or account "
        + "never matches a request, so the statement grants (or denies) nothing.",
    messages = {
      @RuleInfo.Message(text = "invalid ARN \"{0}\": {1}"),
      @RuleInfo.Message(id = "notArn", text = "{0} value \"{1}\" is not an ARN; use an ARN (arn:partition:service:region:account:resource) or \"*\""),
      @RuleInfo.Message(id = "unknownType", level = Level.NOTE,
          text = "\"{0}\" is an ARN of no {1} resource type the catalogue knows ({2}): unless the type is missing "
              + "from AWS's reference data, it matches no resource"),
      @RuleInfo.Message(id = "principalWildcard", text = "principal \"{0}\" holds a wildcard, but AWS does not match part of "
          + "a principal name or ARN with one (the principal matches nothing or the policy is rejected); name the "
          + "principals, or use the account (or \"*\") with an ArnLike condition on aws:PrincipalArn")
    })
public final class InvalidArn implements DocumentRule {

  /** AWS partitions (AWS General Reference, "Amazon Resource Names (ARNs)"). */
  private static final List<String> PARTITIONS = List.of(
      "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc");

  private static final Set<String> PARTITION_SET = Set.copyOf(PARTITIONS);
  private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern REGION_GLOB = Pattern.compile("[a-z0-9*?-]+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ACCOUNT_GLOB = Pattern.compile("[0-9*?]+");
  private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9*?._-]+");

  /**
   * Services whose Service Authorization Reference pages share a prefix (API Gateway and its V2
   * management API, Elastic Load Balancing and V2, ...): the catalogue's source keeps one page's
   * resource types, so an ARN of a type it lacks is no evidence of a mistake.
   */
  private static final Set<String> SHARED_PREFIXES = Set.of("apigateway", "elasticloadbalancing", "aws-marketplace",
      "ses", "lex", "greengrass", "sms-voice", "kinesisanalytics");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    boolean mustBeArn = policy.kind() == PolicyKind.IDENTITY || policy.kind().isOrganizationPolicy();
    // Values holding a placeholder (arn:aws:iam::ACCOUNT_ID:role/x) are IAM012's, once per document.
    Templates.Placeholders placeholders = PlaceholderSettings.of(ctx);
    checkResources(s.resource(), "Resource", mustBeArn, placeholders, ctx);
    checkResources(s.notResource(), "NotResource", mustBeArn, placeholders, ctx);
    checkShapes(s.resource(), placeholders, ctx);
    checkShapes(s.notResource(), placeholders, ctx);
    checkPrincipal(s.principal(), placeholders, ctx);
    checkPrincipal(s.notPrincipal(), placeholders, ctx);
  }

  private static void checkResources(ValueList list, String element, boolean mustBeArn,
      Templates.Placeholders placeholders, RuleContext ctx) {
    if (list == null) return;
    for (Str v : list.values()) {
      String t = v.text().trim();
      if (t.equals("*") || Templates.startsTemplated(t) || placeholders.holds(t)) continue;
      if (!t.startsWith("arn:")) {
        if (mustBeArn) ctx.report(v, "notArn", element, v.text());
        continue;
      }
      String problem = problem(t);
      if (problem != null) ctx.report(v, "default", v.text(), problem);
    }
  }

  /**
   * An {@code AWS} principal is {@code "*"}, a 12-digit account id, or the ARN of an account root,
   * user, role, assumed-role session or the legacy CloudFront origin access identity
   * ({@code arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2EXAMPLE}); values that
   * are not ARNs (account ids, unique ids) are not judged here. A wildcard inside a principal ARN is
   * invalid (IAM User Guide, "AWS JSON policy elements: Principal": "You cannot use a wildcard to
   * match part of a principal name or ARN").
   */
  /**
   * Compares each well-formed resource ARN with the catalogue's ARN patterns for its service field
   * (Service Authorization Reference, "Resource types" of each service): a service field not in
   * lower case, a region or account where the matching pattern has none (S3 buckets and objects:
   * {@code arn:${Partition}:s3:::${BucketName}}) or none where it has one (errors), and (a note,
   * since the reference data lacks some types) a resource part that no resource type of the
   * service has. ARNs of a service field the
   * catalogue does not know, with a wildcard or template in the service field, or in Jinja/ERB
   * syntax, are not judged; a {@code *} or a variable in the region or account field may stand
   * for an empty one, so it passes.
   */
  private static void checkShapes(ValueList list, Templates.Placeholders placeholders, RuleContext ctx) {
    if (list == null) return;
    IamCatalog catalog = null;
    for (Str v : list.values()) {
      String t = v.text().trim();
      if (!t.startsWith("arn:") || Templates.startsTemplated(t)) continue;
      List<String> parts = Arns.split(t, 6);
      if (problem(parts) != null || placeholders.holds(t)) continue;
      if (t.contains("{{") || t.contains("<%") || t.contains("%{")) continue;
      if (parts.size() < 6) continue;
      String service = parts.get(2);
      if (Texts.hasWildcard(service) || Templates.isTemplated(service)) continue;
      if (catalog == null) catalog = ctx.catalog();
      String lower = service.toLowerCase(Locale.ROOT);
      // The common case, cheaply: a type of the service with this prefix matches. (AWS-owned
      // resources leave fields empty that the reference's patterns fill, and pass: an account,
      // arn:aws:ssm:us-east-1::document/AWS-RunShellScript and the public parameters
      // arn:aws:ssm:*::parameter/aws/service/..., and the region of Bedrock's global model ARN,
      // arn:aws:bedrock:::foundation-model/... An empty region or account where the resource is
      // an account's, arn:aws:kms::111122223333:key/*, matches nothing: see ArnMatcher.)
      IamService own = catalog.service(lower).orElse(null);
      ResourceType.PolicyArn arn = ResourceType.PolicyArn.of(t);
      if (own != null && matchesAny(own.resourceTypes(), arn)) continue;
      List<ResourceType> types = catalog.resourceTypesWithArnService(lower);
      if (types.isEmpty() || matchesAny(types, arn)) continue;
      if (!service.equals(lower)) {
        ctx.report(v, "default", v.text(), "the service \"" + service + "\" must be in lower case (" + lower + "); ARNs "
            + "are compared case-sensitively, so this one matches nothing");
        continue;
      }
      String anyPlace = "arn:" + parts.get(1) + ":" + service + ":*:*:" + parts.get(5);
      String pattern = null;
      ResourceType type = null;
      for (ResourceType rt : types) {
        pattern = rt.matchingPattern(anyPlace);
        if (pattern != null) {
          type = rt;
          break;
        }
      }
      if (pattern == null) {
        if (SHARED_PREFIXES.contains(lower)) continue;
        // The account "aws" names a resource AWS owns, which the reference's resource types (the
        // customer's resources) need not list: CloudFormation's transforms,
        // arn:aws:cloudformation:<region>:aws:transform/Serverless-2016-10-31 (CloudFormation User
        // Guide, "Controlling access with IAM"), as AWS managed policies are arn:aws:iam::aws:policy/...
        if (parts.get(4).equals("aws")) continue;
        List<String> names = new ArrayList<>();
        for (ResourceType rt : types) if (!names.contains(rt.name())) names.add(rt.name());
        ctx.report(v, "unknownType", v.text(), lower,
            "its types: " + String.join(", ", names.size() > 8 ? names.subList(0, 8) : names) + (names.size() > 8 ? ", ..." : ""));
        continue;
      }
      String why = placeProblem(parts, Arns.split(pattern, 6), type, lower);
      if (why != null) ctx.report(v, "default", v.text(), why);
    }
  }

  /** Which of the region and account fields the pattern and the ARN disagree on, said as AWS's pattern puts it. */
  private static String placeProblem(List<String> arn, List<String> pattern, ResourceType type, String service) {
    if (pattern.size() < 6) return null;
    boolean regionHere = !arn.get(3).isEmpty();
    boolean regionThere = !pattern.get(3).isEmpty();
    boolean accountHere = !arn.get(4).isEmpty();
    boolean accountThere = !pattern.get(4).isEmpty();
    String what = service + " " + type.name() + " ARNs";
    String expect = " (" + String.join(":", pattern) + "), so this one matches nothing";
    if (regionHere && !regionThere && accountHere && !accountThere) return what + " have no region and no account" + expect;
    if (regionHere && !regionThere) return what + " have no region" + expect;
    if (accountHere && !accountThere) return what + " have no account" + expect;
    if (!regionHere && regionThere && !accountHere && accountThere) return what + " need a region and an account" + expect;
    if (!regionHere && regionThere) return what + " need a region" + expect;
    if (!accountHere && accountThere) return what + " need an account" + expect;
    return null;
  }

  private static boolean matchesAny(List<ResourceType> types, ResourceType.PolicyArn arn) {
    for (ResourceType rt : types) {
      if (rt.matches(arn)) return true;
    }
    return false;
  }

  private static void checkPrincipal(Principal p, Templates.Placeholders placeholders, RuleContext ctx) {
    if (p == null) return;
    ValueList aws = p.byType().get("AWS");
    if (aws == null) return;
    for (Str v : aws.values()) {
      String t = v.text().trim();
      if (!t.startsWith("arn:") || Templates.isTemplated(t) || placeholders.holds(t)) continue;
      if (isCloudFrontOriginAccessIdentity(t)) continue;
      String problem = problem(t);
      if (problem != null) {
        ctx.report(v, "default", v.text(), problem);
      } else if (Texts.hasWildcard(t)) {
        ctx.report(v, "principalWildcard", v.text());
      }
    }
  }

  /**
   * The legacy CloudFront origin access identity principal, whose account field is
   * {@code cloudfront} (Amazon CloudFront Developer Guide, "Restricting access to an Amazon S3
   * origin": {@code "AWS": "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity <id>"}).
   */
  private static boolean isCloudFrontOriginAccessIdentity(String arn) {
    List<String> parts = Arns.split(arn, 6);
    return parts.size() == 6 && parts.get(2).equals("iam") && parts.get(3).isEmpty()
        && parts.get(4).equals("cloudfront") && parts.get(5).startsWith("user/CloudFront Origin Access Identity ");
  }

  /** Why a text starting with {@code arn:} is not a valid ARN, or null when it is (or may be). */
  private static String problem(String arn) {
    return problem(Arns.split(arn, 6));
  }

  /** {@link #problem(String)} of an ARN already split into at most six parts. */
  private static String problem(List<String> parts) {
    if (parts.size() < 6) {
      return "it has " + parts.size() + " of the 6 parts arn:partition:service:region:account:resource";
    }
    String partition = parts.get(1);
    if (!Templates.isTemplated(partition) && !matchesAny(partition, PARTITIONS)) {
      String near = EditDistance.nearest(partition, PARTITIONS, 2);
      return "unknown partition \"" + partition + "\"" + (near == null ? "" : "; did you mean " + near + "?")
          + " (partitions: " + String.join(", ", PARTITIONS) + ")";
    }
    String service = parts.get(2);
    if (service.isEmpty()) return "the service part is empty";
    if (!Templates.isTemplated(service) && !SERVICE.matcher(service).matches()) {
      return "\"" + service + "\" is not a service namespace";
    }
    String region = parts.get(3);
    if (!region.isEmpty() && !Templates.isTemplated(region)) {
      boolean glob = Texts.hasWildcard(region);
      if (glob ? !REGION_GLOB.matcher(region).matches() : !REGION.matcher(region).matches()) {
        return "region \"" + region + "\" is not a region code such as us-east-1 (or empty, or *)";
      }
    }
    String account = parts.get(4);
    if (!account.isEmpty() && !Templates.isTemplated(account) && !account.equals("aws")) {
      boolean glob = Texts.hasWildcard(account);
      if (glob ? !ACCOUNT_GLOB.matcher(account).matches() : !ACCOUNT.matcher(account).matches()) {
        return "account \"" + account + "\" is not a 12-digit account ID (or empty, *, or aws)";
      }
    }
    return null;
  }

  private static boolean matchesAny(String pattern, List<String> names) {
    if (!Texts.hasWildcard(pattern)) return PARTITION_SET.contains(pattern) && names.contains(pattern);
    for (String n : names) {
      if (Wildcard.matches(pattern, n)) return true;
    }
    return false;
  }
}
