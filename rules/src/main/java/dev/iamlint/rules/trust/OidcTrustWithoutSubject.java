package dev.iamlint.rules.trust;

import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A web-identity trust to an OIDC provider ({@code oidc-provider/<host>}, e.g. GitHub Actions'
 * {@code token.actions.githubusercontent.com}) that does not restrict the token's subject: no
 * {@code <host>:sub} condition, or only {@code sub} patterns that admit any repository or owner
 * ({@code *}, {@code repo:*}, {@code repo:*}{@code /*}). {@code repo:my-org/*} (one owner) is accepted.
 */
@RuleInfo(
    id = "IAM702",
    name = "oidc-trust-without-subject",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 9.0,
    tags = {"security", "trust", "oidc", "github"},
    summary = "An OIDC web-identity trust does not restrict the token's subject (sub).",
    description = "A role that trusts an OIDC provider such as GitHub Actions can be assumed with any token the "
        + "provider issues. GitHub issues tokens to every repository of every owner, so without a "
        + "'token.actions.githubusercontent.com:sub' condition naming your organization or repository, any GitHub "
        + "workflow anywhere can assume the role. The audience (aud) condition does not help: every GitHub token "
        + "has the same audience.",
    messages = {
      @RuleInfo.Message(text = "trusts the OIDC provider {0} with no {0}:sub condition, so any identity the provider "
          + "issues tokens to (for GitHub: any repository of any owner) can assume the role; add StringEquals or "
          + "StringLike on {0}:sub naming your repository, e.g. repo:my-org/my-repo:ref:refs/heads/main"),
      @RuleInfo.Message(id = "otherProvider", text = "trusts the OIDC provider {0} with no {0}:sub condition, so any "
          + "identity the provider issues tokens to can assume the role; add StringEquals or StringLike on {0}:sub "
          + "naming the subjects you trust (for an EKS cluster: system:serviceaccount:<namespace>:<service-account>)"),
      @RuleInfo.Message(id = "wildcard", text = "the subject pattern {0} admits any owner or repository of {1}; "
          + "name the owner (organization) at least, e.g. repo:my-org/my-repo:*")
    })
public final class OidcTrustWithoutSubject implements DocumentRule {

  private static final String ACTION = "sts:AssumeRoleWithWebIdentity";

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (!s.isAllow() || s.principal() == null) return;
    if (policy.kind() != PolicyKind.TRUST && policy.kind() != PolicyKind.RESOURCE) return;
    if (!Grants.covers(s, ACTION)) return;
    for (Str f : s.principal().values("Federated")) {
      String host = providerHost(f.text());
      if (host == null) continue;
      // A host its template fills in (oidc.eks.${AWS::Region}.amazonaws.com/...) matches the keys
      // written for any value of the substitution (oidc.eks.us-east-1.amazonaws.com/...:sub).
      Pattern subKey = Pattern.compile(Pattern.quote(host).replaceAll("\\$\\{[^}]*}", "\\\\E.*\\\\Q") + ":sub",
          Pattern.CASE_INSENSITIVE);
      List<Condition> subs = new ArrayList<>();
      for (Condition c : s.conditions()) {
        if (c.key() != null && subKey.matcher(c.key().text().trim()).matches() && positive(c)) subs.add(c);
      }
      if (subs.isEmpty()) {
        String shown = shownHost(f.text());
        ctx.report(f, host.equals(GITHUB) ? "default" : "otherProvider", shown);
        continue;
      }
      // Conditions are ANDed: one that restricts the subject is enough.
      List<Str> open = new ArrayList<>();
      boolean restricted = false;
      for (Condition c : subs) {
        List<Str> bad = admittingAny(c);
        if (bad.isEmpty()) {
          restricted = true;
          break;
        }
        open.addAll(bad);
      }
      if (restricted) continue;
      for (Str v : open) ctx.report(v, "wildcard", v.text(), host);
    }
  }

  private static final String GITHUB = "token.actions.githubusercontent.com";

  /** The provider host of an {@code oidc-provider/<host>} ARN (lower case), or null for other principals. */
  static String providerHost(String federated) {
    String host = shownHost(federated);
    return host == null ? null : host.toLowerCase(Locale.ROOT);
  }

  /** The provider host as written (a template's {@code ${AWS::Region}} keeps its case), or null. */
  private static String shownHost(String federated) {
    String t = federated.trim();
    int i = t.indexOf(":oidc-provider/");
    if (i < 0) return t.equalsIgnoreCase(GITHUB) ? GITHUB : null;
    String host = t.substring(i + ":oidc-provider/".length());
    return host.isEmpty() ? null : host;
  }

  /** A condition that can only narrow the subject: a known, non-negated String operator. */
  private static boolean positive(Condition c) {
    var op = c.operator();
    return op.known() && op.isString() && !op.isNegated() && !"ForAllValues".equals(op.qualifier());
  }

  /** The values of a sub condition that admit any owner; empty when every value names one. */
  private static List<Str> admittingAny(Condition c) {
    List<Str> out = new ArrayList<>();
    if (!c.operator().base().endsWith("Like")) return out; // StringEquals: wildcards are literal
    for (Str v : c.values().values()) {
      if (admitsAnyOwner(v.text().trim())) out.add(v);
    }
    return out;
  }

  /**
   * True when a StringLike subject pattern leaves the owner open: the part after the claim name
   * ({@code repo:}, {@code project_path:}, ...) up to the first {@code /} or {@code :} has a
   * wildcard ({@code *}, {@code repo:*}, {@code repo:*}{@code /x}, {@code repo:my-*}{@code /x}).
   */
  static boolean admitsAnyOwner(String v) {
    if (v.isEmpty()) return false;
    int colon = v.indexOf(':');
    String rest = colon >= 0 && !hasWildcard(v.substring(0, colon)) ? v.substring(colon + 1) : v;
    int end = rest.length();
    int slash = rest.indexOf('/');
    if (slash >= 0) end = slash;
    int c2 = rest.indexOf(':');
    if (c2 >= 0 && c2 < end) end = c2;
    return hasWildcard(rest.substring(0, end)) || rest.isEmpty();
  }

  private static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }
}
