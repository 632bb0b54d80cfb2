package dev.iamlint.rules.identitycenter;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.catalog.ManagedPolicy;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A permission set's AWS managed policy (an attachment or the permissions boundary) that is not an
 * AWS managed policy: an ARN in any partition whose path and name AWS does not have
 * ({@code arn:aws:iam::aws:policy/Billing}, which is {@code job-function/Billing}), a bare name in
 * formats that take names (LZA, the Identity Center extensions), or a customer managed policy ARN
 * put where only AWS managed policies go.
 */
@RuleInfo(
    id = "IAM504",
    name = "unknown-aws-managed-policy",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 4.0,
    tags = {"catalog", "identity-center", "correctness"},
    summary = "A permission set names an AWS managed policy that does not exist, or a customer managed policy ARN "
        + "where only AWS managed policies go.",
    description = "Identity Center attaches AWS managed policies by exact ARN, path included: a wrong name or path "
        + "(arn:aws:iam::aws:policy/Billing instead of job-function/Billing) makes creating or provisioning the "
        + "permission set fail, and a customer managed policy ARN fails the API's pattern; the deployment stops and "
        + "the people who need the permission set do not get it.",
    messages = {
      @RuleInfo.Message(text = "{0} is not an AWS managed policy; did you mean {1}?"),
      @RuleInfo.Message(id = "noSuggestion", text = "{0} is not an AWS managed policy"),
      @RuleInfo.Message(id = "customerManaged", text = "{0} is a customer managed policy ARN (account {1}), but only AWS "
          + "managed policies can be attached by ARN; reference it by name and path in {2}"),
      @RuleInfo.Message(id = "notArn", text = "{0} is not a managed policy ARN; {1} takes ARNs such as {2}"),
      @RuleInfo.Message(id = "notPolicyArn", text = "{0} is not an IAM policy ARN (arn:aws:iam::aws:policy/...)"),
      @RuleInfo.Message(id = "deprecated", level = Level.WARNING, text = "{0} is deprecated by AWS")
    })
public final class UnknownAwsManagedPolicy implements DocumentRule {

  private static final Pattern POLICY_ARN = Pattern.compile("arn:([^:]*):iam::([^:]*):policy(/.*)?");
  private static final String PARTITION_VAR = "${AWS::Partition}";

  @Override
  public void onPermissionSet(PermissionSet ps, RuleContext ctx) {
    for (Str v : ps.managedPolicies()) check(ps, v, false, ctx);
    if (ps.boundary() != null && ps.boundary().managedPolicy() != null) check(ps, ps.boundary().managedPolicy(), true, ctx);
  }

  private static void check(PermissionSet ps, Str v, boolean boundary, RuleContext ctx) {
    String text = v.text().trim();
    if (text.isEmpty()) return;
    if (text.contains(PARTITION_VAR)) text = text.replace(PARTITION_VAR, "aws");
    if (Templates.isTemplated(text) || Texts.hasWildcard(text)) return;
    IamCatalog catalog = ctx.catalog();
    if (text.startsWith("arn:")) {
      Matcher m = POLICY_ARN.matcher(text);
      if (!m.matches() || m.group(3) == null || m.group(3).length() < 2) {
        ctx.report(v, "notPolicyArn", v.text());
        return;
      }
      String account = m.group(2);
      if (!account.equals("aws")) {
        ctx.report(v, "customerManaged", v.text(), account.isEmpty() ? "empty" : account, cmpField(ps, boundary));
        return;
      }
      Optional<ManagedPolicy> p = catalog.managedPolicyByArn(text);
      if (p.isPresent()) {
        deprecation(p.get(), v, ctx);
        return;
      }
      String partition = m.group(1);
      unknown(v, catalog.suggestManagedPolicies(text).stream().map(s -> s.arn(partition)).toList(), ctx);
      return;
    }
    if (!takesNames(ps)) {
      if (ps.format().equals("cloudformation")) return; // a Ref or an import: the value is not known here
      Optional<ManagedPolicy> p = catalog.managedPolicy(text);
      List<ManagedPolicy> near = p.isPresent() ? List.of(p.get()) : catalog.suggestManagedPolicies(text);
      if (near.isEmpty()) ctx.report(v, "notArn", v.text(), boundary ? "the permissions boundary" : "ManagedPolicies",
          "arn:aws:iam::aws:policy/ReadOnlyAccess");
      else ctx.report(v, "notArn", v.text(), boundary ? "the permissions boundary" : "ManagedPolicies", near.get(0).arn());
      return;
    }
    // LZA and the extensions build arn:<partition>:iam::aws:policy/<value>: the path must be part of the name.
    String pathAndName = text.startsWith("/") ? text.substring(1) : text;
    Optional<ManagedPolicy> p = catalog.managedPolicyByArn("arn:aws:iam::aws:policy/" + pathAndName);
    if (p.isPresent()) {
      deprecation(p.get(), v, ctx);
      return;
    }
    unknown(v, catalog.suggestManagedPolicies(text).stream().map(ManagedPolicy::pathAndName).toList(), ctx);
  }

  private static void unknown(Str v, List<String> near, RuleContext ctx) {
    if (near.isEmpty()) ctx.report(v, "noSuggestion", v.text());
    else ctx.report(v, "default", v.text(), Texts.orList(near, 3));
  }

  private static void deprecation(ManagedPolicy p, Str v, RuleContext ctx) {
    if (p.deprecation() == ManagedPolicy.Deprecation.DEPRECATED) ctx.report(v, "deprecated", v.text());
  }

  /** Formats that accept a bare policy name (or path and name) instead of an ARN. */
  private static boolean takesNames(PermissionSet ps) {
    return ps.format().equals("lza") || ps.format().equals("sso-extensions");
  }

  /** Where the format references customer managed policies. */
  private static String cmpField(PermissionSet ps, boolean boundary) {
    return switch (ps.format()) {
      case "cloudformation" -> boundary ? "PermissionsBoundary.CustomerManagedPolicyReference" : "CustomerManagedPolicyReferences";
      case "identity-center-pipeline" -> boundary ? "PermissionBoundary with PolicyType CUSTOMER" : "CustomerManagedPolicies";
      case "aws-ia-permission-sets" -> boundary ? "PermissionBoundary.CustomerPolicy" : "CustomerPolicies";
      case "lza" -> boundary ? "permissionsBoundary.customerManagedPolicy" : "policies.customerManaged";
      case "sso-extensions" -> boundary ? "permissionsBoundary.CustomerManagedPolicyReference" : "customerManagedPoliciesList";
      default -> "the customer managed policy references";
    };
  }
}
