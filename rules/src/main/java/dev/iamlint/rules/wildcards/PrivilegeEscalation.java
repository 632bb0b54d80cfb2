package dev.iamlint.rules.wildcards;

import dev.iamlint.core.analysis.Conditions;
import dev.iamlint.core.analysis.Grants;
import dev.iamlint.core.analysis.Resources;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An identity policy whose Allow statements together grant every action of a known
 * privilege-escalation method, one finding per method, at the action string granting the method's
 * first action. Conditions do not exempt a grant (a region, network or MFA condition does not
 * bound what the escalation yields), except the IAM conditions that do bound it. Exemptions:
 * what statements that IAM201 reports grant is reported on them alone, and IAM201 supersedes it
 * (declared: {@code supersededBy}); the self-scoped credential
 * methods ({@code iam:CreateAccessKey}, {@code CreateLoginProfile}, {@code UpdateLoginProfile} only
 * on the caller's own user {@code ...:user/${aws:username}}); {@code iam:PassRole} and
 * {@code iam:AddUserToGroup} on named roles or groups (the gain is those roles' or groups'
 * permissions, which the author chose; IAM206 judges the pass-role scope); {@code iam:Attach*Policy}
 * limited by an {@code iam:PolicyARN} condition; attaching or writing user and role policies
 * limited by an {@code iam:PermissionsBoundary} condition; actions an unconditional Deny on
 * {@code "*"} takes back; statements whose resources are all service-linked roles
 * ({@code role/aws-service-role/...}: IAM refuses to modify them, only their service assumes them).
 * Not on SCPs/RCPs, trust or resource policies.
 */
@RuleInfo(
    id = "IAM205",
    name = "privilege-escalation",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 8.5,
    tags = {"security", "privilege-escalation", "least-privilege"},
    supersededBy = "IAM201",
    summary = "The policy grants every action of a known privilege-escalation method.",
    description = "Some actions, alone or together, let the holder give itself (or an identity it controls) more "
        + "permissions than the policy grants: attaching or writing policies, creating a new default policy "
        + "version, taking over another user's credentials, passing a privileged role to a service whose code "
        + "it controls, or rewriting a resource's own policy (a bucket, key, queue, topic, secret or function "
        + "policy, a role's trust policy) to grant itself anything on that resource. A policy that grants such a combination is effectively as strong as the strongest "
        + "permissions reachable through it.",
    messages = {
      @RuleInfo.Message(text = "grants the privilege-escalation method {0} ({1}): {2}"),
      @RuleInfo.Message(id = "several", text = "grants {0} privilege-escalation methods: {1}; for example {2} ({3}): {4}")
    })
public final class PrivilegeEscalation implements DocumentRule {

  /** Methods named in full in a finding; the rest are counted. */
  private static final int METHODS_SHOWN = 5;

  /** Credential actions that are harmless on the caller's own user (see "Self-scoped credentials"). */
  private static final Set<String> SELF_SCOPABLE = Set.of("iam:createaccesskey", "iam:createloginprofile",
      "iam:updateloginprofile", "iam:createservicespecificcredential", "iam:resetservicespecificcredential");

  /** A Resource value that matches every group. */
  private static final Pattern ANY_GROUP = Pattern.compile("\\*|arn:.*:iam::.*:(\\*|group/?\\*)");

  /** Attaching is bounded by an {@code iam:PolicyARN} condition (only the named managed policies). */
  private static final Set<String> ATTACH = Set.of("iam:attachuserpolicy", "iam:attachgrouppolicy", "iam:attachrolepolicy");

  /** Writing a user's or role's policies is bounded by an {@code iam:PermissionsBoundary} condition. */
  private static final Set<String> BOUNDABLE = Set.of("iam:attachuserpolicy", "iam:attachrolepolicy",
      "iam:putuserpolicy", "iam:putrolepolicy");

  /**
   * Reports the methods whose first action this statement is the first to grant. An administrator
   * statement ({@link Grants#fullAdmin}) is judged on its own, and the other statements without
   * it: whatever it completes, it completes by itself, so its methods are reported on it, where
   * IAM201 supersedes them, and not again on the statements that share an action with it.
   */
  /** The service prefix of each method's first action, in lower case, in the order of METHODS. */
  private static final List<String> FIRST_SERVICES = EscalationMethods.METHODS.stream()
      .map(m -> m.actions().get(0))
      .map(a -> a.substring(0, a.indexOf(':')).toLowerCase(Locale.ROOT))
      .toList();

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.grantsNothing()) return; // a permissions boundary or an endpoint policy grants nothing
    if (policy.kind() != PolicyKind.IDENTITY || !isGrant(s)) return;
    // Cheap test first: most statements grant no method's first action, and most name none of
    // the few services the methods start in (a managed policy's statement lists hundreds of actions).
    Set<String> services = actionServices(s);
    List<EscalationMethods.Method> candidates = new ArrayList<>();
    for (int i = 0; i < EscalationMethods.METHODS.size(); i++) {
      EscalationMethods.Method m = EscalationMethods.METHODS.get(i);
      if (services != null && !services.contains(FIRST_SERVICES.get(i))) continue;
      if (escalates(s, m.actions().get(0), ctx.catalog()) != null) candidates.add(m);
    }
    if (candidates.isEmpty()) return;
    Allows allows = new Allows(policy, s, ctx);
    List<Statement> denies = policy.statements().stream()
        .filter(x -> x.isDeny() && !x.hasConditions() && x.condition() == null && Resources.all(x) != null)
        .toList();
    // One finding per anchor: `iam:*` completes a dozen methods, and one error on that string
    // naming them all reads better than a dozen errors on the same column.
    Map<Str, List<EscalationMethods.Method>> byAnchor = new LinkedHashMap<>();
    Set<String> completedFirst = new java.util.HashSet<>();
    for (EscalationMethods.Method m : candidates) {
      String first = m.actions().get(0);
      String lowerFirst = first.toLowerCase(Locale.ROOT);
      if (!allows.firstIs(first)) continue;
      // A method that passes a role to a service needs iam:PassRole for that service: an
      // iam:PassedToService condition naming other services rules it out.
      List<String> passedTo = EscalationMethods.PASSED_TO.getOrDefault(m.name(), List.of());
      if (!passedTo.isEmpty() && !allows.passesRoleTo(passedTo, first.equalsIgnoreCase("iam:PassRole"))) continue;
      // A rewrite whose action already completes a named method (iam:UpdateAssumeRolePolicy with
      // sts:AssumeRole: UpdateRolePolicyToAssumeIt) adds nothing to it.
      if (EscalationMethods.REWRITES.contains(lowerFirst) && completedFirst.contains(lowerFirst)) continue;
      if (m.actions().stream().allMatch(a -> !denied(denies, a) && allows.granted(a))) {
        byAnchor.computeIfAbsent(escalates(s, first, ctx.catalog()), k -> new ArrayList<>()).add(m);
        completedFirst.add(lowerFirst);
      }
    }
    byAnchor.forEach((anchor, methods) -> {
      EscalationMethods.Method m = methods.get(0);
      if (methods.size() == 1) {
        ctx.report(anchor, "default", m.name(), String.join(" + ", m.actions()), m.how());
      } else {
        ctx.report(anchor, "several", methods.size(), names(methods), m.name(), String.join(" + ", m.actions()), m.how());
      }
    });
  }

  /**
   * The Allow statements a method of statement {@code s} may combine, asked lazily: an
   * administrator statement ({@link Grants#fullAdmin}) is judged on its own, and the other
   * statements without it: whatever it completes, it completes by itself, so its methods are
   * reported on it, where IAM201 supersedes them, and not again on the statements that share an
   * action with it. Answers are kept for this statement's check only.
   */
  private static final class Allows {
    private final PolicyDocument policy;
    private final RuleContext ctx;
    private final Statement self;
    private final boolean selfAdmin;
    private final Map<String, Statement> firstGranting = new java.util.HashMap<>();
    private final Map<Statement, Boolean> admin = new java.util.IdentityHashMap<>();

    Allows(PolicyDocument policy, Statement s, RuleContext ctx) {
      this.policy = policy;
      this.ctx = ctx;
      this.self = s;
      this.selfAdmin = Grants.fullAdmin(policy, s, ctx.catalog()) != null;
    }

    /** The first of the statements that grants the action for escalation, or null. */
    Statement first(String action) {
      String key = action.toLowerCase(Locale.ROOT);
      if (firstGranting.containsKey(key)) return firstGranting.get(key);
      Statement found = null;
      for (Statement x : selfAdmin ? List.of(self) : policy.statements()) {
        // Whether x is an administrator statement is asked only of those that grant the action:
        // for a NotAction statement it expands the catalogue.
        if (isGrant(x) && escalates(x, action, ctx.catalog()) != null && (x == self || !admin(x))) {
          found = x;
          break;
        }
      }
      firstGranting.put(key, found);
      return found;
    }

    private boolean admin(Statement x) {
      return admin.computeIfAbsent(x, k -> Grants.fullAdmin(policy, k, ctx.catalog()) != null);
    }

    boolean firstIs(String action) {
      return first(action) == self;
    }

    boolean granted(String action) {
      return first(action) != null;
    }

    /**
     * Whether a statement granting iam:PassRole lets the role go to one of the services: this
     * statement itself when it is the method's anchor, else any statement of the policy.
     */
    boolean passesRoleTo(List<String> services, boolean anchorIsPassRole) {
      for (Statement x : anchorIsPassRole || selfAdmin ? List.of(self) : policy.statements()) {
        if (isGrant(x) && escalates(x, "iam:PassRole", ctx.catalog()) != null && (x == self || !admin(x))
            && passedToAllows(x, services)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The first few method names, then a count of the rest. */
  private static String names(List<EscalationMethods.Method> methods) {
    List<String> names = methods.stream().map(EscalationMethods.Method::name).toList();
    if (names.size() <= METHODS_SHOWN + 1) return String.join(", ", names);
    return String.join(", ", names.subList(0, METHODS_SHOWN)) + " and " + (names.size() - METHODS_SHOWN) + " more";
  }

  /**
   * The service prefixes, in lower case, of the actions the statement's Action values can grant
   * ({@link Grants#grant}: templated values grant nothing); null when they may grant any service's
   * (NotAction, or a wildcard in the prefix or in a value without a colon).
   */
  private static Set<String> actionServices(Statement s) {
    if (s.action() == null) return null;
    Set<String> out = new java.util.HashSet<>();
    for (Str v : s.action().values()) {
      String t = v.text().trim();
      if (t.isEmpty() || Templates.isTemplated(t)) continue;
      int colon = t.indexOf(':');
      if (colon < 0) {
        if (Texts.hasWildcard(t)) return null;
        continue; // matches no service's action
      }
      String prefix = t.substring(0, colon);
      if (Texts.hasWildcard(prefix)) return null;
      out.add(prefix.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static boolean isGrant(Statement s) {
    return s.isAllow() && (s.action() != null || s.notAction() != null);
  }

  /** Where the statement grants the action in a way that escalates (the exemptions above), or null. */
  private static Str escalates(Statement s, String action, IamCatalog catalog) {
    Str at = Grants.grant(s, action);
    if (at == null) return null;
    // A statement whose resources are none of the action's resource types does not allow it
    // (s3:Put* on object ARNs does not allow s3:PutBucketPolicy, which takes a bucket).
    // The catalogue's ARN match reads the fields segment by segment, so an ARN with empty region
    // and account fields (arn:aws:s3:::${Bucket}/*) names no S3 access point either.
    if (!Resources.canName(s, catalog.action(action).orElse(null))) return null;
    // Service-linked roles: IAM refuses to change them (UnmodifiableEntity) and only their own
    // service assumes them, so no method reaches anything through them.
    if (Resources.onlyServiceLinkedRoles(s)) return null;
    String lower = action.toLowerCase(Locale.ROOT);
    if (SELF_SCOPABLE.contains(lower) && Resources.selfScoped(s)) return null;
    if (lower.equals("iam:passrole") && Resources.anyRole(s) == null) return null;
    if (lower.equals("iam:addusertogroup") && Resources.matching(s, ANY_GROUP) == null) return null;
    if (ATTACH.contains(lower) && Conditions.limiting(s, "iam:PolicyARN") != null) return null;
    if (BOUNDABLE.contains(lower) && Conditions.limiting(s, "iam:PermissionsBoundary") != null) return null;
    // A statement that already grants every action of the service on its resources gains nothing
    // on them by rewriting their policies.
    if (EscalationMethods.REWRITES.contains(lower) && grantsWholeService(s, lower.substring(0, lower.indexOf(':')))) return null;
    // Only through another service (aws:CalledVia, aws:ViaAWSService): that service writes the
    // policy, not the holder.
    if (EscalationMethods.REWRITES.contains(lower) && onlyViaService(s)) return null;
    return at;
  }

  /**
   * True when a condition limits the statement to requests another service makes for the holder:
   * {@code aws:CalledVia} / {@code aws:CalledViaFirst} / {@code aws:CalledViaLast} naming services,
   * or {@code Bool aws:ViaAWSService true} (IAM User Guide, "AWS global condition context keys").
   */
  private static boolean onlyViaService(Statement s) {
    for (Condition c : s.conditions()) {
      if (c.key() == null || c.operator() == null || !c.operator().known()) continue;
      String k = c.key().text().trim().toLowerCase(Locale.ROOT);
      if (k.startsWith("aws:calledvia") && Conditions.restricts(c)) return true;
      if (k.equals("aws:viaawsservice") && c.operator().isBool() && !c.operator().ifExists()
          && c.values().texts().stream().anyMatch(v -> v.trim().equalsIgnoreCase("true"))) {
        return true;
      }
    }
    return false;
  }

  /** True when an Action value is {@code *} or {@code <service>:*} (every action of the service). */
  private static boolean grantsWholeService(Statement s, String service) {
    if (s.action() == null) return false;
    for (Str v : s.action().values()) {
      String t = v.text().trim();
      if (t.equals("*") || t.equalsIgnoreCase(service + ":*")) return true;
    }
    return false;
  }

  /**
   * Whether the statement's {@code iam:PassedToService} conditions let the role go to one of the
   * services: no such condition, or a positive string operator with a value matching one of them
   * (wildcards allowed; the China partition's {@code .com.cn} forms too), or a negated one matching none.
   */
  private static boolean passedToAllows(Statement x, List<String> services) {
    for (Condition c : x.conditionsOn("iam:PassedToService")) {
      ConditionOperator op = c.operator();
      if (op == null || !op.known() || !op.isString() || c.values().isEmpty()) continue;
      boolean matches = false;
      for (String v : c.values().texts()) {
        String value = v.trim();
        if (Templates.isTemplated(value)) {
          matches = true;
          continue;
        }
        for (String svc : services) {
          if (Wildcard.matchesIgnoreCase(value, svc) || Wildcard.matchesIgnoreCase(value, svc + ".cn")) matches = true;
        }
      }
      if (op.isNegated() ? matches : !matches) return false;
    }
    return true;
  }

  /** True when an unconditional Deny on every resource covers the action. */
  private static boolean denied(List<Statement> denies, String action) {
    for (Statement s : denies) {
      if (Grants.covers(s, action)) return true;
    }
    return false;
  }
}
