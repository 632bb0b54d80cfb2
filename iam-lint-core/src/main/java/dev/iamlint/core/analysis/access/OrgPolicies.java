package dev.iamlint.core.analysis.access;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SCP and RCP evaluation for one account, as AWS documents it.
 *
 * <p>SCPs (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html):
 * to be allowed, an action needs an explicit {@code Allow} at every level from the root through
 * each OU in the direct path to the account, the account included ({@code FullAWSAccess} is such
 * an Allow and is attached by default); evaluation denies by default; an explicit {@code Deny} at
 * any level wins. SCPs do not affect the management account nor service-linked roles
 * (orgs_manage_policies_scps.html, "Tasks and entities not restricted by SCPs").
 *
 * <p>RCPs (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html):
 * they restrict access to the account's resources and never grant; {@code RCPFullAWSAccess} is
 * always attached, so only their {@code Deny} statements decide. They do not affect resources of
 * the management account, and apply to a subset of services: an RCP action pattern whose service
 * part is a wildcard ({@code "*"}) is taken to cover only {@link #RCP_SERVICES}.
 */
public final class OrgPolicies {

  private OrgPolicies() {}

  /**
   * The services AWS's RCP page lists as supported (Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS
   * Secrets Manager; AWS-FACTS E3). A wildcard service part covers only these; a statement that
   * names another service by prefix is applied as written.
   */
  public static final Set<String> RCP_SERVICES = Set.of("s3", "sts", "kms", "sqs", "secretsmanager");

  /** The SCP chain's decision for a request, with every step. */
  public static Decision scps(OrgChain chain, AccessRequest request) {
    return scps(chain, request, true);
  }

  /**
   * The SCP chain's decision; with {@code explain} false only the denying steps are kept (what
   * rules need, at a fraction of the cost).
   */
  public static Decision scps(OrgChain chain, AccessRequest request, boolean explain) {
    return scps(chain, request, explain, null);
  }

  /** {@link #scps(OrgChain, AccessRequest, boolean)} with the statements' action lists prepared in {@code memo}. */
  static Decision scps(OrgChain chain, AccessRequest request, boolean explain, ActionPatterns.Memo memo) {
    List<Reason> reasons = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    if (chain.management() || request.serviceLinkedRole()) {
      reasons.add(new Reason(Reason.Layer.EXEMPT, Verdict.ALLOWED, chain.management()
          ? "SCPs do not affect the management account " + chain.account()
          : "SCPs do not affect service-linked roles", null, null, Set.of()));
      return new Decision(Verdict.ALLOWED, reasons, keys);
    }
    Verdict verdict = Verdict.ALLOWED;
    for (OrgChain.Level level : chain.levels()) {
      Verdict allow = level.fullAwsAccess() ? Verdict.ALLOWED : Verdict.DENIED;
      List<Reason> allows = new ArrayList<>();
      if (level.fullAwsAccess() && explain) {
        allows.add(new Reason(Reason.Layer.SCP, Verdict.ALLOWED, "FullAWSAccess at " + level.name() + " allows every action",
            level.file(), level.span(), Set.of()));
      }
      for (OrgChain.Attached a : level.policies()) {
        PolicyDocument doc = a.document();
        if (doc == null) {
          // Unknown content may allow or deny: the answer depends on it.
          Reason r = new Reason(Reason.Layer.SCP, Verdict.DEPENDS, "SCP " + a.label() + " at " + level.name()
              + ": its content is not in the repository", a.file(), a.span(), Set.of("content of " + a.label()));
          reasons.add(r);
          keys.addAll(r.dependsOn());
          verdict = verdict.and(Verdict.DEPENDS);
          if (allow == Verdict.DENIED) allow = Verdict.DEPENDS;
          continue;
        }
        for (Statement s : doc.statements()) {
          StatementMatch.Applies applies = StatementMatch.applies(s, request, memo);
          if (applies.value() == StatementMatch.Tri.NO) continue;
          Verdict v = applies.value() == StatementMatch.Tri.YES ? Verdict.ALLOWED : Verdict.DEPENDS;
          if (s.isDeny()) {
            Verdict d = v == Verdict.ALLOWED ? Verdict.DENIED : Verdict.DEPENDS;
            if (explain || d == Verdict.DENIED) {
              reasons.add(statementReason(Reason.Layer.SCP, d, "SCP " + a.label() + " at " + level.name(), doc, s, request, applies));
            }
            keys.addAll(applies.dependsOn());
            verdict = verdict.and(d);
          } else if (s.isAllow() && allow != Verdict.ALLOWED) {
            if (explain) {
              allows.add(statementReason(Reason.Layer.SCP, v, "SCP " + a.label() + " at " + level.name(), doc, s, request, applies));
            }
            if (v == Verdict.ALLOWED) {
              allow = Verdict.ALLOWED;
            } else {
              allow = Verdict.DEPENDS;
              keys.addAll(applies.dependsOn());
            }
          }
        }
      }
      if (allow == Verdict.ALLOWED) {
        allows.stream().filter(r -> r.effect() == Verdict.ALLOWED).findFirst().ifPresent(reasons::add);
      } else if (allow == Verdict.DEPENDS) {
        reasons.addAll(allows);
      } else {
        reasons.add(new Reason(Reason.Layer.SCP, Verdict.DENIED, "no SCP attached to " + level.name() + " allows "
            + request.action() + " (FullAWSAccess is not attached there)", level.file(), level.span(), Set.of()));
      }
      verdict = verdict.and(allow);
    }
    return new Decision(verdict, reasons, verdict == Verdict.DEPENDS ? keys : Set.of());
  }

  /** The RCP chain's decision for a request on a resource of the account. */
  public static Decision rcps(OrgChain chain, AccessRequest request) {
    List<Reason> reasons = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    if (chain.management()) {
      reasons.add(new Reason(Reason.Layer.EXEMPT, Verdict.ALLOWED, "RCPs do not affect resources of the management account "
          + chain.account(), null, null, Set.of()));
      return new Decision(Verdict.ALLOWED, reasons, keys);
    }
    Verdict verdict = Verdict.ALLOWED;
    for (OrgChain.Level level : chain.levels()) {
      for (OrgChain.Attached a : level.policies()) {
        PolicyDocument doc = a.document();
        if (doc == null) {
          Reason r = new Reason(Reason.Layer.RCP, Verdict.DEPENDS, "RCP " + a.label() + " at " + level.name()
              + ": its content is not in the repository", a.file(), a.span(), Set.of("content of " + a.label()));
          reasons.add(r);
          keys.addAll(r.dependsOn());
          verdict = verdict.and(Verdict.DEPENDS);
          continue;
        }
        for (Statement s : doc.statements()) {
          if (!s.isDeny() || !rcpCovers(s, request.action())) continue;
          StatementMatch.Applies applies = StatementMatch.applies(s, request);
          if (applies.value() == StatementMatch.Tri.NO) continue;
          Verdict d = applies.value() == StatementMatch.Tri.YES ? Verdict.DENIED : Verdict.DEPENDS;
          reasons.add(statementReason(Reason.Layer.RCP, d, "RCP " + a.label() + " at " + level.name(), doc, s, request, applies));
          keys.addAll(applies.dependsOn());
          verdict = verdict.and(d);
        }
      }
    }
    return new Decision(verdict, reasons, verdict == Verdict.DEPENDS ? keys : Set.of());
  }

  /** Whether an RCP statement can reach the action's service (see {@link #RCP_SERVICES}). */
  private static boolean rcpCovers(Statement s, String action) {
    Str matched = StatementMatch.action(s, action);
    if (matched == null) return false;
    String service = action.substring(0, Math.max(0, action.indexOf(':'))).toLowerCase(Locale.ROOT);
    String pattern = matched.text();
    int colon = pattern.indexOf(':');
    boolean wildService = s.notAction() != null || colon < 0 || pattern.substring(0, colon).contains("*")
        || pattern.substring(0, colon).contains("?");
    return !wildService || RCP_SERVICES.contains(service);
  }

  /** A step naming the statement and pointing at the action value (or NotAction key) that matches. */
  static Reason statementReason(Reason.Layer layer, Verdict effect, String what, PolicyDocument doc, Statement s,
      AccessRequest request, StatementMatch.Applies applies) {
    Str at = StatementMatch.action(s, request.action());
    String sid = s.sid() != null && !s.sid().text().isBlank() ? "statement " + s.sid().text() : "statement #" + (s.index() + 1);
    String verb = switch (effect) {
      case ALLOWED -> s.isDeny() ? "denies" : "allows";
      case DENIED -> "denies";
      case DEPENDS -> (s.isDeny() ? "may deny" : "may allow") + " (depends on " + String.join(", ", applies.dependsOn()) + ")";
    };
    String text = what + ": " + sid + " " + verb + " " + request.action() + (at != null && !at.text().equalsIgnoreCase(request.action())
        ? " (" + at.text() + ")" : "");
    // AWS managed policies come from the catalogue, not from a file of the repository.
    boolean inRepository = !AwsManagedPolicies.CONTAINER.equals(doc.container());
    return new Reason(layer, effect, text, inRepository ? doc.file() : null,
        inRepository ? (at != null ? at.span() : s.node().span()) : null, applies.dependsOn());
  }
}
