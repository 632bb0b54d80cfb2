package dev.iamlint.rules.grammar;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.rule.Level;
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
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A malformed ARN in {@code Resource}/{@code NotResource}, or in a {@code Principal} /
 * {@code NotPrincipal} {@code AWS} value that starts with {@code arn:}. An ARN is
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
      @RuleInfo.Message(id = "notArn", text = "{0} value \"{1}\" is not an ARN; use an ARN (arn:partition:service:region:account:resource) or \"*\"")
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

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    boolean mustBeArn = policy.kind() == PolicyKind.IDENTITY || policy.kind().isOrganizationPolicy();
    checkResources(s.resource(), "Resource", mustBeArn, ctx);
    checkResources(s.notResource(), "NotResource", mustBeArn, ctx);
    checkPrincipal(s.principal(), ctx);
    checkPrincipal(s.notPrincipal(), ctx);
  }

  private static void checkResources(ValueList list, String element, boolean mustBeArn, RuleContext ctx) {
    if (list == null) return;
    for (Str v : list.values()) {
      String t = v.text().trim();
      if (t.equals("*") || Templates.startsTemplated(t)) continue;
      if (!t.startsWith("arn:")) {
        if (mustBeArn) ctx.report(v, "notArn", element, v.text());
        continue;
      }
      String problem = problem(t);
      if (problem != null) ctx.report(v, "default", v.text(), problem);
    }
  }

  private static void checkPrincipal(Principal p, RuleContext ctx) {
    if (p == null) return;
    ValueList aws = p.byType().get("AWS");
    if (aws == null) return;
    for (Str v : aws.values()) {
      String t = v.text().trim();
      if (!t.startsWith("arn:")) continue;
      String problem = problem(t);
      if (problem != null) ctx.report(v, "default", v.text(), problem);
    }
  }

  /** Why a text starting with {@code arn:} is not a valid ARN, or null when it is (or may be). */
  private static String problem(String arn) {
    List<String> parts = Arns.split(arn, 6);
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
