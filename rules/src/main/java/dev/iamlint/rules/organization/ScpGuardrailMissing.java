package dev.iamlint.rules.organization;

import dev.iamlint.core.catalog.ActionResource;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.catalog.IamService;
import dev.iamlint.core.catalog.ResourceType;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import dev.iamlint.core.workspace.Organization;
import dev.iamlint.core.workspace.ScpAttachments;
import dev.iamlint.core.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A root, OU or account whose effective SCP chain (the SCPs attached to the root, to every OU on
 * its path and to itself) does not deny the actions of a guardrail of the baseline. Reported once
 * per guardrail on the highest target for which it is missing everywhere below: a target is
 * reported when it and every OU and account below it lack the guardrail; otherwise its children
 * are examined. The management account is never considered. A chain holding an SCP whose content
 * is not known (not in the workspace) is taken to satisfy every guardrail.
 *
 * <p>Each action of a guardrail must be covered by some {@code Deny} statement of the chain (the
 * actions may be split across statements and SCPs, since every deny of the chain applies) with a
 * {@code Resource} (any: a deny scoped to the organization's own trails or detectors counts) and
 * no condition other than principal exemptions ({@code ArnNotLike},
 * {@code ArnNotEquals}, {@code StringNotLike}, {@code StringNotEquals} on {@code aws:PrincipalArn}).
 * {@code restrict-root-user} instead needs a {@code Deny} of {@code "*"} with a positive condition
 * on {@code aws:PrincipalArn} matching {@code arn:aws:iam::*:root} (principal exemptions and a
 * {@code Null aws:AssumedRoot true} exemption of centralized root access sessions aside).
 */
@RuleInfo(
    id = "IAM603",
    name = "scp-guardrail-missing",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 5.0,
    tags = {"security", "scp", "organization", "guardrail"},
    summary = "A root, OU or account whose SCP chain lacks a guardrail of the baseline.",
    description = "A baseline of SCP guardrails (deny leaving the organization, protect CloudTrail, protect GuardDuty, "
        + "Config and Security Hub, restrict the root user, deny IAM users and access keys, protect the S3 "
        + "public-access block) keeps every member account's principals, administrators included, from disabling the "
        + "organization's controls. An OU or account whose SCP chain lacks one leaves those actions to whoever is "
        + "administrator in the account.",
    messages = {
      @RuleInfo.Message(text = "{0} and everything below it lack the guardrail {1} (no SCP in its chain denies {2})"),
      @RuleInfo.Message(id = "account", text = "account {0} lacks the guardrail {1} (no SCP in its chain denies {2})")
    })
public final class ScpGuardrailMissing implements WorkspaceRule {

  /** A guardrail: a name and the actions that must be denied; {@code rootUser} for restrict-root-user. */
  record Guardrail(String name, List<String> actions, boolean rootUser) {
    String describe() {
      return rootUser ? "* for aws:PrincipalArn arn:aws:iam::*:root" : String.join(", ", actions);
    }

  }

  static final List<Guardrail> DEFAULT_BASELINE = List.of(
      new Guardrail("deny-leave-organization", List.of("organizations:LeaveOrganization"), false),
      new Guardrail("protect-cloudtrail", List.of("cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
          "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"), false),
      new Guardrail("protect-security-services", List.of("guardduty:DeleteDetector",
          "guardduty:DisassociateFromMasterAccount", "config:StopConfigurationRecorder",
          "config:DeleteConfigurationRecorder", "securityhub:DisableSecurityHub"), false),
      new Guardrail("restrict-root-user", List.of("*"), true),
      new Guardrail("deny-iam-users", List.of("iam:CreateUser", "iam:CreateAccessKey"), false),
      new Guardrail("protect-s3-public-access-block", List.of("s3:PutBucketPublicAccessBlock",
          "s3:PutAccountPublicAccessBlock"), false));

  private static final Set<String> EXEMPTION_OPERATORS =
      Set.of("ArnNotLike", "ArnNotEquals", "StringNotLike", "StringNotEquals");
  private static final Set<String> ROOT_OPERATORS = Set.of("StringLike", "ArnLike", "StringEquals", "ArnEquals");
  /** A root-user ARN whose account is a wildcard or a policy variable. */
  private static final Pattern ROOT_ARN = Pattern.compile("arn:(aws[a-z-]*|\\*|\\$\\{[^}]+\\}):iam::([^:]*):root", Pattern.CASE_INSENSITIVE);

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    Organization org = ws.org().orElse(null);
    if (org == null || org.withoutOrganizations()) return;
    List<Guardrail> baseline = baseline(ctx.config());
    if (baseline.isEmpty()) return;
    new Walk(ctx, org, ws.scps(), ctx.catalog()).run(baseline);
  }

  static List<Guardrail> baseline(Config config) {
    Config.ScpGuardrails g = config == null ? Config.ScpGuardrails.DEFAULT : config.scpGuardrails();
    Map<String, Guardrail> out = new LinkedHashMap<>();
    if (g == null || !g.replaceDefault()) for (Guardrail d : DEFAULT_BASELINE) out.put(d.name(), d);
    if (g != null) {
      for (Config.Guardrail c : g.baseline()) {
        if (c.name() == null || c.actions().isEmpty()) continue;
        out.put(c.name(), new Guardrail(c.name(), c.actions(), false)); // a configured name replaces a default one
      }
    }
    return List.copyOf(out.values());
  }

  /** The SCP chains of the organization's targets, merged across sources, top down. */
  private record Walk(RuleContext ctx, Organization org, ScpAttachments scps, IamCatalog catalog) {

    void run(List<Guardrail> baseline) {
      for (Guardrail g : baseline) {
        List<PolicyDocument> rootChain = scps.rootChain().orElse(null);
        if (rootChain == null) continue; // unknown content at the root: every chain is unknown
        if (satisfied(rootChain, g, catalog)) continue;
        if (lacksBelow(null, g)) {
          reportRoot(g);
        } else {
          descend(null, g);
        }
      }
    }

    /** Reports the highest targets below {@code ou} (null: the root) that lack the guardrail. */
    private void descend(Organization.Ou ou, Guardrail g) {
      for (Organization.Ou child : org.children(ou)) {
        if (org.isUnmanaged(child) || known(scps.chain(child), g, catalog)) continue;
        if (lacksBelow(child, g)) {
          report(child.file(), child.span(), OrgTarget.Kind.ORGANIZATIONAL_UNIT, child.path(), g,
              missing(g, scps.chain(child).orElse(null), child, true));
        } else {
          descend(child, g);
        }
      }
      for (Organization.Account a : org.accountsIn(ou)) {
        if (org.isManagement(a) || org.isUnmanaged(a) || known(scps.chain(a), g, catalog)) continue;
        report(a.file(), a.span(), OrgTarget.Kind.ACCOUNT, a.name(), g, missing(g, scps.chain(a).orElse(null), null, false));
      }
    }

    /**
     * Whether no OU or (member) account below {@code ou} has the guardrail in its chain. An OU its
     * source does not manage (LZA's {@code ignore: true}) counts neither way: what is attached to it
     * is not in the repository, so it is never reported, and it does not keep the one finding on
     * its parent (the cause) from being reported there.
     */
    private boolean lacksBelow(Organization.Ou ou, Guardrail g) {
      for (Organization.Ou child : org.children(ou)) {
        if (org.isUnmanaged(child)) continue;
        if (known(scps.chain(child), g, catalog) || !lacksBelow(child, g)) return false;
      }
      for (Organization.Account a : org.accountsIn(ou)) {
        if (!org.isManagement(a) && !org.isUnmanaged(a) && known(scps.chain(a), g, catalog)) return false;
      }
      return true;
    }

    /** A chain with an SCP of unknown content counts as having every guardrail. */
    private static boolean known(Optional<List<PolicyDocument>> chain, Guardrail g, IamCatalog catalog) {
      return chain.isEmpty() || satisfied(chain.get(), g, catalog);
    }

    private void reportRoot(Guardrail g) {
      for (PolicyAttachment a : scps.attachedTo(OrgTarget.Kind.ROOT, Organization.ROOT)) {
        if (a.file() != null && a.span() != null) {
          ctx.report(a.file(), a.span(), a.pointer(), "default", Organization.ROOT, g.name(), rootDescribe(g));
          return;
        }
      }
      ScpAttachments.Target t = scps.target(OrgTarget.Kind.ROOT, Organization.ROOT).orElse(null);
      if (t != null && t.file() != null) {
        ctx.report(t.file(), t.span(), t.pointer(), "default", Organization.ROOT, g.name(), rootDescribe(g));
        return;
      }
      if (!org.sources().isEmpty()) {
        ctx.report(org.sources().get(0), Span.FILE_START, null, "default", Organization.ROOT, g.name(), rootDescribe(g));
      }
    }

    private String rootDescribe(Guardrail g) {
      return missing(g, scps.rootChain().orElse(null), null, true);
    }

    /**
     * The guardrail's actions a finding names as denied by no SCP: those the target's own chain
     * does not deny ("no SCP in its chain denies ..." must not name one a deny of it covers) and,
     * for a finding on {@code ou} (null: the root) "and everything below it", that no chain below
     * denies either: an OU below may deny GuardDuty's while none denies Config's, and naming the
     * former would send the reader to fix what is already fixed. When every action is denied
     * somewhere below, those the own chain leaves; all of them when that one denies none.
     */
    private String missing(Guardrail g, List<PolicyDocument> own, Organization.Ou ou, boolean andBelow) {
      if (g.rootUser() || own == null) return g.describe();
      List<String> out = new java.util.ArrayList<>();
      for (String a : g.actions()) {
        Guardrail one = new Guardrail(g.name(), List.of(a), false);
        if (!satisfied(own, one, catalog) && (!andBelow || lacksBelow(ou, one))) out.add(a);
      }
      if (out.isEmpty() && andBelow) return missing(g, own, ou, false);
      return out.isEmpty() ? g.describe() : String.join(", ", out);
    }

    private void report(SourceFile file, Span span, OrgTarget.Kind kind, String name, Guardrail g, String missing) {
      if (file == null || span == null) {
        ScpAttachments.Target t = scps.target(kind, name).orElse(null);
        if (t == null || t.file() == null) return;
        file = t.file();
        span = t.span();
      }
      ctx.report(file, span, null, kind == OrgTarget.Kind.ACCOUNT ? "account" : "default", name, g.name(), missing);
    }
  }

  /** Whether the chain's Deny statements together cover every action of the guardrail. */
  static boolean satisfied(List<PolicyDocument> chain, Guardrail g) {
    return satisfied(chain, g, null);
  }

  /**
   * {@link #satisfied(List, Guardrail)}, and with a catalogue a deny limited to resource ARNs
   * counts for an action only when one of its ARNs can be a resource of that action.
   */
  static boolean satisfied(List<PolicyDocument> chain, Guardrail g, IamCatalog catalog) {
    for (String action : g.actions()) {
      boolean covered = false;
      for (PolicyDocument p : chain) {
        for (Statement s : p.statements()) {
          if (g.rootUser() ? rootUserDeny(s) : denies(s, action) && exemptionsOnly(s) && resourceOf(s, action, catalog)) {
            covered = true;
            break;
          }
        }
        if (covered) break;
      }
      if (!covered) return false;
    }
    return true;
  }

  /**
   * A Deny with a Resource (not NotResource) whose Action (or NotAction) covers the action. A deny
   * scoped to the organization's own resources (LZA denies StopLogging on its own trails only)
   * still counts: the guardrail is the denied action.
   */
  private static boolean denies(Statement s, String action) {
    if (!s.isDeny() || s.resource() == null) return false;
    if (s.action() != null) {
      for (Str a : s.action().values()) if (Wildcard.matchesIgnoreCase(a.text(), action)) return true;
      return false;
    }
    if (s.notAction() != null) {
      if (action.contains("*")) return false;
      for (Str a : s.notAction().values()) if (Wildcard.matchesIgnoreCase(a.text(), action)) return false;
      return true;
    }
    return false;
  }

  /**
   * Whether the statement's {@code Resource} can name a resource of the action. A deny matches a
   * request only when its Resource matches the request's resource (IAM User Guide, "IAM JSON
   * policy elements: Resource"), so {@code "iam:*"} denied on {@code role/...} ARNs does not deny
   * {@code iam:CreateAccessKey}, whose resource is a user. Lenient where the catalogue cannot
   * judge: {@code "*"}, a wildcard or placeholder in the service or resource-type part, an action
   * the catalogue does not know or one without resource types, an ARN of no type the catalogue
   * knows all count as covering.
   */
  private static boolean resourceOf(Statement s, String action, IamCatalog catalog) {
    if (catalog == null || s.resource().hasStar()) return true;
    IamAction a = catalog.action(action).orElse(null);
    if (a == null || a.resourceTypes().isEmpty()) return true;
    for (Str r : s.resource().values()) {
      String arn = r.text().trim();
      if (!arn.startsWith("arn:") || arn.contains("{{")) return true;
      String[] parts = arn.split(":", 6);
      if (parts.length < 6 || !SERVICE.matcher(parts[2]).matches()) return true;
      ResourceType.PolicyArn split = ResourceType.PolicyArn.of(arn);
      for (ActionResource ar : a.resourceTypes()) if (ar.resourceType().matches(split)) return true;
      // The root user's ARN (IAM User Guide, "IAM identifiers": arn:aws:iam::123456789012:root) is
      // no resource type of the catalogue, yet a known shape: a deny of iam:CreateAccessKey on it
      // stops the root user's own keys, not an IAM user's (whose resource is user/...).
      if (parts[2].equals("iam") && parts[5].equals("root")) continue;
      if (!recognized(catalog, parts[2], split)) return true; // a shape the catalogue lacks: no judgement
    }
    return false;
  }

  /** A service field the catalogue can judge: no wildcard, placeholder or template. */
  private static final java.util.regex.Pattern SERVICE = java.util.regex.Pattern.compile("[a-z0-9-]+");

  /** Whether the ARN is of some resource type the catalogue knows for its service. */
  private static boolean recognized(IamCatalog catalog, String service, ResourceType.PolicyArn arn) {
    IamService svc = catalog.service(service).orElse(null);
    if (svc == null) return false;
    for (ResourceType t : svc.resourceTypes()) if (t.matches(arn)) return true;
    return false;
  }

  private static boolean exemption(Condition c) {
    return c.isKey("aws:PrincipalArn") && EXEMPTION_OPERATORS.contains(c.operator().base());
  }

  /**
   * {@code "Null": {"aws:AssumedRoot": "true"}}: the deny applies unless the request comes from a
   * session made by {@code sts:AssumeRoot}. The key is in the request context only for such
   * sessions (IAM User Guide, "AWS global condition context keys", aws:AssumedRoot), which the
   * management account or a delegated administrator starts, task-scoped, when root access is
   * centrally managed ("Centralize root access for member accounts"). Every other root-user
   * request is still denied; AWS's own example SCP ("Prevent root credentials management in
   * member accounts", aws-samples service-control-policy-examples) is written this way. No other
   * value, key or operator is accepted: {@code Bool aws:AssumedRoot false} would match nothing.
   */
  private static boolean assumedRootExemption(Condition c) {
    if (!c.isKey("aws:AssumedRoot") || !c.operator().text().equals("Null")) return false;
    if (c.values().values().isEmpty()) return false;
    for (Str v : c.values().values()) if (!v.text().equalsIgnoreCase("true")) return false;
    return true;
  }

  /**
   * A negated {@code ...IfExists} test of {@code sts:TaskPolicyArn} ({@code StringNotEqualsIfExists}
   * naming the task policies of centralized root access): the key belongs to {@code sts:AssumeRoot}
   * and its task policy (STS API Reference, "AssumeRoot", TaskPolicyArn), so an ordinary root-user
   * request has no such key, the test is true for it and the deny applies; at most the task-scoped
   * sessions of centralized root access are spared, as {@link #assumedRootExemption} spares them.
   */
  private static boolean taskPolicyExemption(Condition c) {
    return c.isKey("sts:TaskPolicyArn") && c.operator().ifExists() && c.operator().qualifier() == null
        && c.operator().isNegated() && (c.operator().isString() || c.operator().base().startsWith("Arn"));
  }

  private static boolean exemptionsOnly(Statement s) {
    for (Condition c : s.conditions()) if (!exemption(c)) return false;
    return true;
  }

  /**
   * A Deny of "*" (Resource "*") limited by a positive aws:PrincipalArn condition naming any
   * account's root, besides principal exemptions and the exemption of centralized root access
   * sessions.
   */
  private static boolean rootUserDeny(Statement s) {
    if (!denies(s, "*") || !s.resource().hasStar()) return false;
    boolean root = false;
    for (Condition c : s.conditions()) {
      if (exemption(c) || assumedRootExemption(c) || taskPolicyExemption(c)) continue;
      if (!c.isKey("aws:PrincipalArn") || !ROOT_OPERATORS.contains(c.operator().base())) return false;
      boolean wildcards = !c.operator().base().equals("StringEquals");
      for (Str v : c.values().values()) {
        var m = ROOT_ARN.matcher(v.text());
        if (!m.matches()) continue;
        String account = m.group(2);
        if (account.contains("${") || (wildcards && account.contains("*"))) root = true;
      }
      if (!root) return false;
    }
    return root;
  }

}
