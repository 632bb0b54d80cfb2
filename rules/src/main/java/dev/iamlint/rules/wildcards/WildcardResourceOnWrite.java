package dev.iamlint.rules.wildcards;

import dev.iamlint.core.analysis.Resources;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.catalog.AccessLevel;
import dev.iamlint.core.catalog.ActionResource;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.catalog.ResourceType;
import dev.iamlint.core.model.Arns;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.Wildcard;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An identity policy's Allow of Write, Permissions-management or Tagging actions on
 * {@code "Resource": "*"}, or on an ARN that names every resource of the action's type
 * ({@code arn:*:cloudtrail:*:*:trail/*}, {@code arn:aws:s3:::*}: {@link Resources#coversType}),
 * where the catalogue says the actions take resource ARNs, so a scoped grant was possible.
 * {@code iam:PassRole} is left to IAM206. Statements scoped by a condition
 * ({@link Resources#scopingCondition}: resource tags, account or organization, or a
 * service-specific key such as {@code ecs:cluster}) are not reported, nor statements IAM201
 * reports (declared: {@code supersededBy}). One finding per such Resource value.
 */
@RuleInfo(
    id = "IAM203",
    name = "wildcard-resource-on-write",
    since = "0.1.0",
    level = Level.WARNING,
    securitySeverity = 5.0,
    tags = {"security", "wildcard", "least-privilege"},
    supersededBy = "IAM201",
    summary = "The policy allows actions that change resources on \"Resource\": \"*\" though they can be limited to resource ARNs.",
    description = "Write, permissions-management and tagging actions on \"*\" reach every matching resource in the "
        + "account, present and future, including ones the workload has no business with. These actions accept "
        + "resource ARNs, so the grant can name the buckets, tables or roles the workload actually changes.",
    messages = {
      @RuleInfo.Message(text = "allows {0} on every resource, though it can be limited to resource ARNs"),
      @RuleInfo.Message(id = "many", text = "allows {0} write, permissions-management or tagging actions{1} on every "
          + "resource, though they can be limited to resource ARNs; for example {2}"),
      @RuleInfo.Message(id = "allOfType", text = "allows {0} on every resource of its type: {1} names them all, as "
          + "\"*\" would, though it can be limited to resource ARNs"),
      @RuleInfo.Message(id = "manyAllOfType", text = "allows {0} write, permissions-management or tagging actions{1} "
          + "on every resource of their types: {2} names them all, as \"*\" would, though they can be limited to "
          + "resource ARNs; for example {3}")
    })
public final class WildcardResourceOnWrite implements DocumentRule {

  /** Services named in a message; the rest are counted. */
  private static final int SERVICES_SHOWN = 4;
  /** Actions named as examples in a message. */
  private static final int EXAMPLES = 3;

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.grantsNothing()) return; // a permissions boundary or an endpoint policy grants nothing
    if (policy.kind() != PolicyKind.IDENTITY) return;
    if (!s.isAllow() || s.action() == null || s.resource() == null) return;
    Str star = s.resource().find("*");
    List<Candidate> candidates = star != null ? List.of() : candidates(s);
    if (star == null && candidates.isEmpty()) return;
    if (Resources.scopingCondition(s) != null) return;
    IamCatalog catalog = ctx.catalog();
    // Each action is reported at "*" when there is one, else at the first value naming every
    // resource of one of its types.
    // Catalogue actions are shared instances: deduplicated by identity, since a record's hash
    // would walk its resource types and condition keys for each of thousands of actions.
    Map<Str, Collection<IamAction>> byAnchor = new LinkedHashMap<>();
    Set<IamAction> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Str v : s.action().values()) {
      String text = v.text().trim();
      if (text.isEmpty() || Templates.isTemplated(text)) continue;
      if (star == null && !anyCandidateFor(text, candidates)) continue; // spares the expansion
      for (IamAction a : catalog.expand(text)) {
        if (!changes(a) || !a.supportsResourceLevelPermissions() || isPassRole(a) || !seen.add(a)) continue;
        Str anchor = star != null ? star : covering(a, candidates);
        if (anchor != null) byAnchor.computeIfAbsent(anchor, k -> new ArrayList<>()).add(a);
      }
    }
    byAnchor.forEach((anchor, actions) -> report(anchor, anchor == star, actions, ctx));
  }

  /** Left to IAM206 (pass-role-unrestricted), which is more specific. */
  private static boolean isPassRole(IamAction a) {
    return a.name().equalsIgnoreCase("PassRole") && a.service().equalsIgnoreCase("iam");
  }

  private static void report(Str anchor, boolean star, Collection<IamAction> scopable, RuleContext ctx) {
    String arn = anchor.text().trim();
    if (scopable.size() == 1) {
      String name = scopable.iterator().next().fullName();
      if (star) ctx.report(anchor, "default", name);
      else ctx.report(anchor, "allOfType", name, arn);
      return;
    }
    // Services by their riskiest actions: the services that manage access (as IAM202 counts them)
    // first, then those with most permissions-management actions, then most actions.
    Map<String, int[]> perService = new LinkedHashMap<>();
    for (IamAction a : scopable) {
      int[] n = perService.computeIfAbsent(a.service(), k -> new int[2]);
      if (a.accessLevel() == AccessLevel.PERMISSIONS_MANAGEMENT) n[0]++;
      n[1]++;
    }
    List<String> services = new ArrayList<>(perService.keySet());
    services.sort(Comparator.<String>comparingInt(WildcardResourceOnWrite::accessService)
        .thenComparingInt(x -> -perService.get(x)[0]).thenComparingInt(x -> -perService.get(x)[1]));
    Map<String, Integer> serviceRank = new HashMap<>();
    for (int i = 0; i < services.size(); i++) serviceRank.put(services.get(i), i);
    // The examples: permissions management first, then write, then tagging; within a level, the
    // services in the order named; ties in catalogue order. Only EXAMPLES are shown, so they are
    // picked in one pass rather than by sorting thousands of actions (a service wildcard on "*").
    IamAction[] best = new IamAction[EXAMPLES];
    long[] bestKey = new long[EXAMPLES];
    int found = 0;
    for (IamAction a : scopable) {
      long key = (long) rank(a) << 32 | serviceRank.get(a.service());
      if (found == EXAMPLES && key >= bestKey[EXAMPLES - 1]) continue; // equal keys keep the earlier
      int at = found < EXAMPLES ? found++ : EXAMPLES - 1;
      while (at > 0 && bestKey[at - 1] > key) {
        best[at] = best[at - 1];
        bestKey[at] = bestKey[at - 1];
        at--;
      }
      best[at] = a;
      bestKey[at] = key;
    }
    List<String> names = new ArrayList<>(found);
    for (int i = 0; i < found; i++) names.add(best[i].fullName());
    String of = ofServices(services);
    String count = Texts.count(scopable.size());
    if (star) ctx.report(anchor, "many", count, of, Texts.orList(names, EXAMPLES));
    else ctx.report(anchor, "manyAllOfType", count, of, arn, Texts.orList(names, EXAMPLES));
  }

  /** Services that manage access itself (RULES.md, IAM202), in the order named; the rest after. */
  private static final List<String> ACCESS_SERVICES = List.of("iam", "organizations", "sso", "identitystore", "sts", "kms");

  private static int accessService(String service) {
    int i = ACCESS_SERVICES.indexOf(service.toLowerCase(Locale.ROOT));
    return i < 0 ? ACCESS_SERVICES.size() : i;
  }

  /** " of s3", " of 3 services (iam, s3, ec2)", " of 212 services (iam, s3, ec2, sqs and 208 more)". */
  private static String ofServices(List<String> services) {
    if (services.size() == 1) return " of " + services.get(0);
    int shown = Math.min(SERVICES_SHOWN, services.size());
    String names = String.join(", ", services.subList(0, shown));
    if (services.size() > shown) names += " and " + Texts.count(services.size() - shown) + " more";
    return " of " + Texts.count(services.size()) + " services (" + names + ")";
  }

  /**
   * A Resource value that may name every resource of some type: an ARN with a wildcard, with its
   * service field, and what is known of the types it covers (filled as actions ask).
   */
  private record Candidate(Str value, String service, Map<ResourceType, Boolean> covers) {}

  private static List<Candidate> candidates(Statement s) {
    List<Candidate> out = new ArrayList<>();
    for (Str v : s.resource().values()) {
      String t = v.text().trim();
      if (!t.startsWith("arn:") || t.indexOf('*') < 0) continue;
      // Cheap test first: an ARN naming one region or account names no type in full.
      String[] f = Arns.fields(t);
      if (f != null && !(anyOrEmpty(f[3]) && anyOrEmpty(f[4]))) continue;
      String service = f != null ? f[2] : Arns.service(t);
      out.add(new Candidate(v, service == null ? "*" : service, new IdentityHashMap<>()));
    }
    return out;
  }

  /** True when a candidate's service can be the action pattern's ({@code s3:Put*} and {@code arn:aws:s3:::*}). */
  private static boolean anyCandidateFor(String actionPattern, List<Candidate> candidates) {
    int colon = actionPattern.indexOf(':');
    if (colon < 0) return true;
    String service = actionPattern.substring(0, colon);
    for (Candidate c : candidates) {
      if (Wildcard.matchesIgnoreCase(c.service(), service) || Wildcard.matchesIgnoreCase(service, c.service())) return true;
    }
    return false;
  }

  private static boolean anyOrEmpty(String field) {
    return field.chars().allMatch(c -> c == '*');
  }

  /**
   * The candidate that names every resource the action can act on, as {@code "*"} would, or
   * null. When AWS marks resource types required for the action, each of them must be named in
   * full by some candidate, and the finding points at the one covering the first: a value naming
   * one optional type only ({@code security-group/*} for {@code ec2:CreateNetworkInterface})
   * leaves the action's own resource to other statements. When none is marked required, the
   * request names one of the types, so naming one in full is enough ({@code arn:aws:s3:::*} for
   * {@code s3:PutObject}'s objects).
   */
  private static Str covering(IamAction a, List<Candidate> candidates) {
    boolean anyRequired = false;
    for (ActionResource r : a.resourceTypes()) anyRequired |= r.required();
    Str first = null;
    for (ActionResource r : a.resourceTypes()) {
      if (anyRequired && !r.required()) continue;
      Str at = covering(r.resourceType(), a.service(), candidates);
      if (!anyRequired && at != null) return at;
      if (anyRequired && at == null) return null;
      if (first == null) first = at;
    }
    return first;
  }

  private static Str covering(ResourceType type, String service, List<Candidate> candidates) {
    for (Candidate c : candidates) {
      if (!Wildcard.matchesIgnoreCase(c.service(), service)) continue;
      if (c.covers().computeIfAbsent(type, k -> Resources.coversType(c.value().text(), k))) return c.value();
    }
    return null;
  }

  private static boolean changes(IamAction a) {
    AccessLevel l = a.accessLevel();
    return l == AccessLevel.WRITE || l == AccessLevel.PERMISSIONS_MANAGEMENT || l == AccessLevel.TAGGING;
  }

  /** Permissions management first, then write, then tagging: the examples name the riskiest. */
  private static int rank(IamAction a) {
    return switch (a.accessLevel()) {
      case PERMISSIONS_MANAGEMENT -> 0;
      case WRITE -> 1;
      default -> 2;
    };
  }
}
