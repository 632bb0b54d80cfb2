package dev.iamlint.core.analysis.access;

import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates requests the way AWS does for a principal in a member account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html):
 * an explicit deny in any policy wins; otherwise the identity policies must allow, the
 * permissions boundary (if any) must allow, the SCP chain must allow at every level, and no RCP
 * of the resource's account may deny. Each layer's answer is {@link Verdict#ALLOWED},
 * {@link Verdict#DENIED} or {@link Verdict#DEPENDS} on keys the repository does not decide.
 *
 * <p>One instance per run: it caches wildcard expansions (once per pattern) and the SCP answers
 * per account and action for context-free requests, so that evaluating every permission set
 * against every account stays cheap. Thread-safe.
 */
public final class AccessEvaluator {

  private final IamCatalog catalog;
  private final AwsManagedPolicies managed;
  private final Map<String, List<String>> expansions = new ConcurrentHashMap<>();
  private final Map<String, Decision> scpCache = new ConcurrentHashMap<>();
  /** Verdicts by chain signature, then principal, resource and action. */
  private final Map<String, Map<String, Decision>> verdictCache = new ConcurrentHashMap<>();
  /**
   * Each chain's signature, by the chain's identity: the model hands out one chain per account,
   * and a signature is a long string built from every level's policies, asked for each action.
   */
  private final Map<OrgChain, String> signatures = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
  private final Map<String, List<String>> denyPatterns = new ConcurrentHashMap<>();
  /** The action lists of the policies evaluated, prepared once for the thousands of actions asked. */
  private final ActionPatterns.Memo patterns = new ActionPatterns.Memo();

  public AccessEvaluator(IamCatalog catalog) {
    this.catalog = catalog;
    this.managed = new AwsManagedPolicies(catalog);
  }

  /** The AWS managed policy documents of the catalogue, parsed once for this evaluator. */
  public AwsManagedPolicies awsManaged() {
    return managed;
  }

  /** The catalogue actions an action pattern stands for ({@code svc:Name}, in catalogue spelling); cached. */
  public List<String> expand(String pattern) {
    return expansions.computeIfAbsent(pattern.toLowerCase(java.util.Locale.ROOT),
        p -> catalog.expand(p).stream().map(IamAction::fullName).toList());
  }

  /** The SCP chain's answer (cached per account and action when the request carries no resource or context). */
  public Decision scps(OrgChain chain, AccessRequest request) {
    if (request.resource() != null || !request.context().isEmpty() || request.serviceLinkedRole()) {
      return OrgPolicies.scps(chain, request, true, patterns);
    }
    return scpCache.computeIfAbsent(chain.account() + "\u0000" + request.principalArn() + "\u0000"
        + request.action().toLowerCase(java.util.Locale.ROOT),
        k -> OrgPolicies.scps(chain, request, true, patterns));
  }

  /**
   * The SCP verdict with only its denying steps (what rules need), cached per chain signature,
   * principal, action and resource: accounts with the same chain are evaluated once.
   */
  public Decision scpVerdict(OrgChain chain, AccessRequest request) {
    if (!request.context().isEmpty() || request.serviceLinkedRole()) return OrgPolicies.scps(chain, request, false, patterns);
    String key = request.principalArn() + "\u0000" + request.resource() + "\u0000" + request.action().toLowerCase(java.util.Locale.ROOT);
    return verdictCache.computeIfAbsent(signature(chain), k -> new ConcurrentHashMap<>())
        .computeIfAbsent(key, k -> OrgPolicies.scps(chain, request, false, patterns));
  }

  private String signature(OrgChain chain) {
    return signatures.computeIfAbsent(chain, OrgChain::signature);
  }

  /**
   * Whether the SCP chain could deny some action an {@code Action} pattern stands for: false when
   * every level keeps FullAWSAccess and no Deny statement's action pattern can match any of them
   * (no expansion needed then). True when unsure (NotAction denies, content not in the repository).
   */
  public boolean mayDeny(OrgChain chain, String actionPattern) {
    List<String> denies = denyPatterns.computeIfAbsent(signature(chain), k -> denyPatterns(chain));
    if (denies == null) return true;
    String p = actionPattern.toLowerCase(java.util.Locale.ROOT);
    String service = literalService(p);
    for (String d : denies) {
      String ds = literalService(d);
      if (service != null && ds != null && !service.equals(ds)) continue; // two services: no action in common
      if (Globs.intersect(d, p, false)) return true;
    }
    return false;
  }

  /** The service prefix of an action pattern when it holds no wildcard, else null. */
  private static String literalService(String pattern) {
    int colon = pattern.indexOf(':');
    if (colon < 0) return null;
    String svc = pattern.substring(0, colon);
    return svc.indexOf('*') >= 0 || svc.indexOf('?') >= 0 ? null : svc;
  }

  /** The Deny action patterns of a chain (lower case), or null when anything may be denied. */
  private static List<String> denyPatterns(OrgChain chain) {
    List<String> out = new ArrayList<>();
    for (OrgChain.Level l : chain.levels()) {
      if (!l.fullAwsAccess()) return null;
      for (OrgChain.Attached a : l.policies()) {
        if (a.document() == null) return null;
        for (Statement s : a.document().statements()) {
          if (!s.isDeny()) continue;
          if (s.action() == null) return null; // NotAction (or no action): may reach anything
          for (dev.iamlint.core.model.Str v : s.action().values()) {
            if (dev.iamlint.core.analysis.Texts.isTemplated(v.text())) return null;
            out.add(v.text().toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
    }
    return out;
  }

  /** Every layer for a principal in an account: identity, boundary, SCPs, RCPs. */
  public Decision explain(IdentityPolicies identity, OrgChain scps, OrgChain rcps, AccessRequest request) {
    Decision d = identity(identity, request);
    if (!identity.boundary().isEmpty()) d = d.and(boundary(identity, request));
    if (scps != null) d = d.and(scps(scps, request));
    if (rcps != null) d = d.and(OrgPolicies.rcps(rcps, request));
    return d;
  }

  /** What the principal's identity policies say: an Allow is needed, a Deny wins. */
  public static Decision identity(IdentityPolicies p, AccessRequest request) {
    return layer(p, p.policies(), Reason.Layer.IDENTITY, request);
  }

  /** What the permissions boundary says: it must allow too (it grants nothing itself). */
  public static Decision boundary(IdentityPolicies p, AccessRequest request) {
    return layer(p, p.boundary(), Reason.Layer.BOUNDARY, request);
  }

  private static Decision layer(IdentityPolicies p, List<IdentityPolicies.Source> sources, Reason.Layer layer,
      AccessRequest request) {
    List<Reason> reasons = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    Verdict deny = Verdict.ALLOWED;
    Verdict allow = Verdict.DENIED;
    List<Reason> allows = new ArrayList<>();
    String what = layer == Reason.Layer.BOUNDARY ? "permissions boundary of " + p.principal() : p.principal();
    for (IdentityPolicies.Source src : sources) {
      PolicyDocument doc = src.document();
      if (doc == null) {
        Reason r = new Reason(layer, Verdict.DEPENDS, what + ": " + label(src) + ": its content is not in the repository",
            src.file(), src.span(), Set.of("content of " + src.label()));
        allows.add(r);
        if (allow == Verdict.DENIED) allow = Verdict.DEPENDS;
        continue;
      }
      for (Statement s : doc.statements()) {
        StatementMatch.Applies applies = StatementMatch.applies(s, request);
        if (applies.value() == StatementMatch.Tri.NO) continue;
        boolean yes = applies.value() == StatementMatch.Tri.YES;
        String prefix = what + ", " + label(src);
        if (s.isDeny()) {
          Verdict v = yes ? Verdict.DENIED : Verdict.DEPENDS;
          reasons.add(withReference(OrgPolicies.statementReason(layer, v, prefix, doc, s, request, applies), src));
          keys.addAll(applies.dependsOn());
          deny = deny.and(v);
        } else if (s.isAllow()) {
          Reason r = OrgPolicies.statementReason(layer, yes ? Verdict.ALLOWED : Verdict.DEPENDS, prefix, doc, s, request, applies);
          allows.add(withReference(r, src));
          if (yes) allow = Verdict.ALLOWED;
          else if (allow == Verdict.DENIED) allow = Verdict.DEPENDS;
        }
      }
    }
    if (allow == Verdict.ALLOWED) {
      reasons.add(0, allows.stream().filter(r -> r.effect() == Verdict.ALLOWED).findFirst().orElseThrow());
    } else if (allow == Verdict.DEPENDS) {
      reasons.addAll(0, allows);
      for (Reason r : allows) keys.addAll(r.dependsOn());
    } else {
      reasons.add(0, new Reason(layer, Verdict.DENIED, (layer == Reason.Layer.BOUNDARY ? "the " : "") + what
          + (sources.isEmpty() ? " has no policies" : ": no statement allows " + request.action()), p.file(), p.span(), Set.of()));
    }
    Verdict v = deny.and(allow);
    return new Decision(v, reasons, v == Verdict.DEPENDS ? keys : Set.of());
  }

  /** An AWS managed policy's statement is shown where the permission set names the policy. */
  private static Reason withReference(Reason r, IdentityPolicies.Source src) {
    if (r.file() != null || src.file() == null) return r;
    return new Reason(r.layer(), r.effect(), r.text(), src.file(), src.span(), r.dependsOn());
  }

  private static String label(IdentityPolicies.Source src) {
    return switch (src.kind()) {
      case INLINE -> "inline policy";
      case CUSTOMER_MANAGED -> "customer managed policy " + src.label();
      case AWS_MANAGED -> "AWS managed policy " + src.label();
    };
  }
}
