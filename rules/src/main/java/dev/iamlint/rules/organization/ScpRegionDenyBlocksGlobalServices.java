package dev.iamlint.rules.organization;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A region-restriction SCP (Deny when {@code aws:RequestedRegion} is not in an allow-list) that
 * does not exempt the global services. Global services such as IAM, Organizations, STS's global
 * endpoint and Support are served from one region ({@code us-east-1}); denying every action
 * outside the allowed regions denies them too. AWS's example "Deny access to AWS based on the
 * requested AWS Region" exempts them with {@code NotAction}. Only general region denies are judged:
 * besides the region condition a statement may only exempt principals (conditions on who calls,
 * {@code aws:PrincipalArn}, {@code aws:PrincipalTag/...}, {@code aws:ViaAWSService}, as AWS's
 * example does); a statement that also conditions on the request's network, resource or other
 * context ({@code aws:SourceVpc}, {@code aws:SourceIp}, {@code aws:ResourceTag/...}) is a data
 * perimeter or a targeted deny, not a region restriction, and is left alone.
 */
@RuleInfo(
    id = "IAM606",
    name = "scp-region-deny-blocks-global-services",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 3.0,
    tags = {"organizations", "availability"},
    summary = "A region-restriction SCP does not exempt global services (IAM, STS, Organizations, Support).",
    description = "An SCP that denies requests whose aws:RequestedRegion is outside an allow-list also denies the "
        + "global services, whose requests are made to us-east-1, unless it exempts them with NotAction as AWS's "
        + "example does. With the allow-list missing us-east-1, IAM, Organizations, STS (global endpoint) and "
        + "Support stop working for every principal the SCP applies to.",
    messages = {
      @RuleInfo.Message(text = "this region deny applies to {0} (Action {1}); deny with NotAction listing the "
          + "global services, as AWS's region-deny example does, or add us-east-1 to the allowed regions"),
      @RuleInfo.Message(id = "notAction", text = "this region deny's NotAction does not exempt {0}; add {1} to "
          + "NotAction, as AWS's region-deny example does")
    })
public final class ScpRegionDenyBlocksGlobalServices implements DocumentRule {

  /**
   * Global services that must be exempt (their service prefixes, in message order). A subset of the
   * NotAction list of AWS's example SCP "Deny access to AWS based on the requested AWS Region"
   * (AWS Organizations User Guide): the ones without which an account cannot be administered.
   */
  static final List<String> REQUIRED = List.of("iam", "sts", "organizations", "support");

  /**
   * Regions that the global services' requests name ({@code us-east-1}; {@code us-gov-west-1} and
   * {@code cn-north-1} in the GovCloud and China partitions). An allow-list that contains one of
   * them lets those services through.
   */
  static final Set<String> GLOBAL_REGIONS = Set.of("us-east-1", "us-gov-west-1", "cn-north-1");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.kind() != PolicyKind.SCP || !s.isDeny()) return;
    Condition region = regionAllowList(s);
    if (region == null || !onlyPrincipalExemptions(s, region)) return;
    if (s.action() != null) {
      List<String> blocked = new ArrayList<>();
      List<String> patterns = new ArrayList<>();
      for (String svc : REQUIRED) {
        for (Str a : s.action().values()) {
          if (matchesService(a.text().trim(), svc)) {
            blocked.add(svc);
            if (!patterns.contains(a.text().trim())) patterns.add(a.text().trim());
            break;
          }
        }
      }
      if (!blocked.isEmpty()) {
        ctx.report(region.key(), "default", String.join(", ", blocked), quote(patterns));
      }
      return;
    }
    if (s.notAction() == null || s.notAction().isEmpty()) return;
    List<String> missing = new ArrayList<>();
    for (String svc : REQUIRED) {
      boolean exempt = false;
      for (Str a : s.notAction().values()) {
        if (matchesService(a.text().trim(), svc)) {
          exempt = true;
          break;
        }
      }
      if (!exempt) missing.add(svc);
    }
    if (!missing.isEmpty()) {
      ctx.report(region.key(), "notAction", String.join(", ", missing),
          quote(missing.stream().map(m -> m + ":*").toList()));
    }
  }

  /**
   * The statement's region allow-list: {@code StringNotEquals}/{@code StringNotLike} (also
   * IgnoreCase and IfExists) on {@code aws:RequestedRegion} none of whose values admits a
   * global-service region. Values a template fills in ({@code !Ref}, {@code ${...}}) admit nothing
   * known: the exemption is what makes the deny safe whatever the list. Null when there is none.
   */
  static Condition regionAllowList(Statement s) {
    for (Condition c : s.conditionsOn("aws:RequestedRegion")) {
      var op = c.operator();
      if (!op.known()) continue;
      String base = op.base();
      if (!base.equals("StringNotEquals") && !base.equals("StringNotEqualsIgnoreCase")
          && !base.equals("StringNotLike")) {
        continue;
      }
      if (admitsGlobalRegion(c.values(), base.equals("StringNotLike"))) continue;
      return c;
    }
    return null;
  }

  /**
   * Condition keys that say who makes the request (lower case; a trailing {@code /} is a prefix):
   * AWS's region-deny example exempts roles with {@code ArnNotLike aws:PrincipalARN}, and
   * principal tags, accounts and service calls are exemptions of the same kind (IAM User Guide,
   * "AWS global condition context keys", principal and request-origin properties).
   */
  private static final List<String> PRINCIPAL_KEYS = List.of("aws:principalarn", "aws:principalaccount",
      "aws:principalorgid", "aws:principalorgpaths", "aws:principaltag/", "aws:principaltype", "aws:principalisawsservice",
      "aws:principalservicename", "aws:principalservicenameslist", "aws:userid", "aws:username", "aws:viaawsservice",
      "aws:calledvia", "aws:calledviafirst", "aws:calledvialast", "aws:federatedprovider");

  /** True when every condition of the statement other than the region's is on who makes the request. */
  static boolean onlyPrincipalExemptions(Statement s, Condition region) {
    for (Condition c : s.conditions()) {
      if (c == region || c.key() == null || c.isKey("aws:RequestedRegion")) continue;
      String k = c.key().text().trim().toLowerCase(java.util.Locale.ROOT);
      boolean principal = false;
      for (String p : PRINCIPAL_KEYS) {
        if (p.endsWith("/") ? k.startsWith(p) : k.equals(p)) {
          principal = true;
          break;
        }
      }
      if (!principal) return false;
    }
    return true;
  }

  /** True when a value is, or for {@code StringNotLike} matches, a global-service region. */
  private static boolean admitsGlobalRegion(ValueList values, boolean like) {
    for (Str v : values.values()) {
      String t = v.text().trim();
      for (String g : GLOBAL_REGIONS) {
        if (like ? Wildcard.matchesIgnoreCase(t, g) : t.equalsIgnoreCase(g)) return true;
      }
    }
    return false;
  }

  /** True when an action pattern ({@code *}, {@code iam:*}, {@code iam:Get*}, {@code *:Get*}) can match an action of the service. */
  static boolean matchesService(String pattern, String service) {
    if (pattern.equals("*")) return true;
    int colon = pattern.indexOf(':');
    if (colon < 0) return false;
    return Wildcard.matchesIgnoreCase(pattern.substring(0, colon), service);
  }

  private static String quote(List<String> texts) {
    return String.join(", ", texts.stream().map(t -> "\"" + t + "\"").toList());
  }
}
