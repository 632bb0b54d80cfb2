package dev.iamlint.rules.wildcards;

import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.analysis.Resources;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An identity policy's Allow of actions that return credentials or secrets, one finding per
 * {@code Action} value (or at the {@code NotAction} key). Secret and parameter reads count only on
 * every secret or parameter ({@code "*"}, {@code ...:secret:*}, {@code ...:parameter/*},
 * {@code NotResource}). Not on statements limited to the caller's own user
 * ({@code ...:user/${aws:username}}), nor on statements that IAM201 reports (declared:
 * {@code supersededBy}). Not on trust policies
 * (every trust policy hands out credentials by design), resource policies, SCPs or RCPs (an SCP
 * Allow grants nothing).
 */
@RuleInfo(
    id = "IAM207",
    name = "credentials-exposure",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 6.5,
    tags = {"security", "credentials", "least-privilege"},
    supersededBy = "IAM201",
    summary = "The policy allows actions that return credentials or secrets.",
    description = "Actions such as iam:CreateAccessKey, sts:GetFederationToken, redshift:GetClusterCredentials or "
        + "secretsmanager:GetSecretValue on every secret hand the caller credentials or secret values that work "
        + "outside the policy: for other users, for databases, or for whatever the secrets protect. "
        + "Grant them only where the workload needs them, on named resources.",
    messages = {
      @RuleInfo.Message(text = "allows {0}, which returns credentials or secrets; limit it to the resources the workload needs or remove it"),
      @RuleInfo.Message(id = "many", text = "allows {0} actions that return credentials or secrets: {1}; limit them to the resources the workload needs or remove them")
    })
public final class CredentialsExposure implements DocumentRule {

  /**
   * Actions that return credentials or secrets on any resource. Source: salesforce/cloudsplaining
   * {@code cloudsplaining/shared/constants.py} {@code ACTIONS_THAT_RETURN_CREDENTIALS}, checked
   * against the Service Authorization Reference. Left out: {@code sts:AssumeRole*} (the trust
   * policy decides; every role use would be reported), {@code sts:GetSessionToken} and
   * {@code ecr:GetAuthorizationToken} (they return a token carrying the caller's own permissions,
   * nothing more; the ECR token only supports "*"), {@code sso:GetRoleCredentials} (an Identity
   * Center portal call authorized by the portal access token, not by IAM policies),
   * {@code iam:UpdateAccessKey} (returns no secret).
   */
  private static final List<String> ALWAYS = List.of(
      "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
      "iam:CreateServiceSpecificCredential", "iam:ResetServiceSpecificCredential",
      "sts:GetFederationToken", "ec2:GetPasswordData",
      "rds-db:connect", "redshift:GetClusterCredentials");

  /**
   * Secret reads, reported only on every secret or parameter. Source: cloudsplaining
   * {@code READ_ONLY_DATA_EXFILTRATION_ACTIONS}. Whether a SecureString parameter is decrypted
   * depends on {@code kms:Decrypt} and the request, which the policy cannot tell: every parameter
   * read on "*" counts.
   */
  private static final List<String> ON_ALL = List.of(
      "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath");

  /** A resource value that matches every secret or parameter. */
  private static final Pattern ALL_SECRETS = Pattern.compile("\\*|arn:.*:(\\*|secret:\\*|parameter/?\\*)");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.grantsNothing()) return; // a permissions boundary or an endpoint policy grants nothing
    if (policy.kind() != PolicyKind.IDENTITY || !s.isAllow()) return;
    if (s.action() == null && s.notAction() == null) return;
    if (Resources.selfScoped(s)) return;
    boolean allSecrets = s.notResource() != null
        || (s.resource() != null && s.resource().values().stream().anyMatch(r -> ALL_SECRETS.matcher(r.text().trim()).matches()));
    List<String> candidates = new ArrayList<>(ALWAYS);
    if (allSecrets) candidates.addAll(ON_ALL);
    if (s.action() != null) {
      for (Str v : s.action().values()) {
        String t = v.text().trim();
        if (t.isEmpty() || Templates.isTemplated(t)) continue;
        // A plain loop: this runs for each of the hundreds of actions a managed policy lists
        List<String> hits = null;
        for (String a : candidates) {
          if (Wildcard.matchesIgnoreCase(t, a)) {
            if (hits == null) hits = new ArrayList<>();
            hits.add(a);
          }
        }
        if (hits != null) report(v, reachable(s, hits, ctx), ctx);
      }
      return;
    }
    List<String> hits = new ArrayList<>();
    for (String a : candidates) {
      if (Grants.covers(s, a)) hits.add(a);
    }
    if (!hits.isEmpty()) report(s.notAction().key(), reachable(s, hits, ctx), ctx);
  }

  /** The actions the statement's resources can reach: "Action": "*" on bucket ARNs creates no access key. */
  private static List<String> reachable(Statement s, List<String> hits, RuleContext ctx) {
    if (s.resource() == null || s.resource().hasStar()) return hits;
    List<String> out = new ArrayList<>(hits);
    out.removeIf(a -> !Resources.canName(s, ctx.catalog().action(a).orElse(null)));
    return out;
  }

  private static void report(Str at, List<String> hits, RuleContext ctx) {
    if (hits.isEmpty()) return;
    if (hits.size() == 1) ctx.report(at, "default", hits.get(0));
    else ctx.report(at, "many", hits.size(), hits.size() <= 4
        ? String.join(", ", hits.subList(0, hits.size() - 1)) + " and " + hits.get(hits.size() - 1)
        : String.join(", ", hits.subList(0, 4)) + " and " + (hits.size() - 4) + " more");
  }
}
