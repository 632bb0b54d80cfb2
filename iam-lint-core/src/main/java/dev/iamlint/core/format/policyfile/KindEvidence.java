package dev.iamlint.core.format.policyfile;

import dev.iamlint.core.format.BoundaryNames;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a bare policy file is, when no configuration or manifest says: by its folder and file
 * names first (AWS Organizations' own policy names, {@code scp}, {@code rcp},
 * {@code service-control-policies}, {@code resource_control_policies}), then by content. Content
 * evidence follows the element tables of the IAM User Guide and the Organizations User Guide: a
 * role trust policy has no {@code Resource} ("IAM JSON policy elements: Principal"; the trust
 * policy grammar has none), an identity policy has no {@code Principal}, and an RCP is made of
 * Deny statements to {@code "Principal": "*"} with a {@code Resource} and
 * {@code "Version": "2012-10-17"} ("RCP syntax", orgs_manage_policies_rcps_syntax.html). Where a
 * reading rests on content alone and another kind stays plausible, the result names the
 * alternatives so rules can avoid errors that only one reading would have.
 */
final class KindEvidence {

  /**
   * @param kind the kind to read the document as
   * @param inference why this kind, with the plausible alternatives (none when names decided),
   *     or null when content leaves no doubt
   * @param awsName AWS's own name of the policy when the file is named after it
   *     ({@code FullAWSAccess}, {@code RCPFullAWSAccess}), else null
   */
  record Result(PolicyKind kind, PolicyDocument.KindInference inference, String awsName) {}

  private KindEvidence() {}

  private static final Set<String> SCP_TOKENS = Set.of("scp", "scps");
  private static final Set<String> RCP_TOKENS = Set.of("rcp", "rcps");
  private static final List<String> PRINCIPAL_FOLDERS =
      List.of("resourcebasedpolic", "resourcepolic", "bucketpolic", "keypolic", "endpointpolic", "queuepolic", "topicpolic");
  private static final Pattern SPLIT = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");

  /**
   * Condition keys that draw an organization or account boundary, the keys of AWS's data
   * perimeter RCP examples (Organizations User Guide, "Resource control policy examples").
   */
  private static final Set<String> ORG_KEYS = Set.of("aws:resourceorgid", "aws:resourceorgpaths",
      "aws:resourceaccount", "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount",
      "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourceaccount", "aws:principalisawsservice");

  static Result of(String relativePath, PolicyDocument p) {
    PolicyKind byName = null;
    String awsName = null;
    String reason = null;
    String[] segments = relativePath.replace('\\', '/').split("/");
    // The deepest named folder (or the file itself) wins: rcps/ inside an scp-pipeline folder holds RCPs.
    for (int i = segments.length - 1; i >= 0 && byName == null; i--) {
      String seg = i == segments.length - 1 ? BoundaryNames.stem(segments[i]) : segments[i];
      if (i == segments.length - 1 && seg.equalsIgnoreCase("FullAWSAccess")) {
        awsName = "FullAWSAccess";
        byName = PolicyKind.SCP;
      } else if (i == segments.length - 1 && seg.equalsIgnoreCase("RCPFullAWSAccess")) {
        awsName = "RCPFullAWSAccess";
        byName = PolicyKind.RCP;
      } else {
        boolean scp = false;
        boolean rcp = false;
        String compact = BoundaryNames.compact(seg);
        if (compact.contains("servicecontrolpolic")) scp = true;
        if (compact.contains("resourcecontrolpolic")) rcp = true;
        // A token "scp(s)" or "rcp(s)" leaves "scp" or "rcp" in the compacted name: split only then.
        if (compact.contains("scp") || compact.contains("rcp")) {
          for (String t : SPLIT.split(seg)) {
            String l = t.toLowerCase(Locale.ROOT);
            if (SCP_TOKENS.contains(l)) scp = true;
            if (RCP_TOKENS.contains(l)) rcp = true;
          }
        }
        if (scp && !rcp) byName = PolicyKind.SCP;
        if (rcp && !scp) byName = PolicyKind.RCP;
        // Folders of resource-based or trust policies (the data perimeter examples keep bucket
        // policies in resource_based_policies/, next to their RCPs): they name the kind only when
        // the content can be that kind (it names principals; a trust policy has no Resource), so
        // a misfiled identity policy is still read by content.
        if (byName == null && PRINCIPAL_FOLDERS.stream().anyMatch(compact::contains) && namesPrincipals(p)) {
          byName = PolicyKind.RESOURCE;
        } else if (byName == null && compact.contains("trustpolic") && namesPrincipals(p) && !hasResource(p)) {
          byName = PolicyKind.TRUST;
        }
      }
      if (byName != null) reason = "its " + (i == segments.length - 1 ? "file name" : "folder") + " \"" + segments[i] + "\"";
    }
    if (byName == null) return fromContent(p);
    // An "SCP" folder holding a policy whose every statement denies to Principal "*" holds an
    // RCP: SCPs have no Principal at all.
    if (byName == PolicyKind.SCP && awsName == null && rcpShaped(p, false)) {
      return new Result(PolicyKind.RCP, new PolicyDocument.KindInference(reason + " and its Principal \"*\" statements",
          Set.of()), null);
    }
    return new Result(byName, new PolicyDocument.KindInference(reason, Set.of()), awsName);
  }

  /** True when most statements name a principal (the content can be a resource or trust policy). */
  private static boolean namesPrincipals(PolicyDocument p) {
    int with = 0;
    int objects = 0;
    for (Statement s : p.statements()) {
      if (s.object() == null) continue;
      objects++;
      if (s.principal() != null || s.notPrincipal() != null) with++;
    }
    return with > 0 && with * 2 >= objects;
  }

  private static boolean hasResource(PolicyDocument p) {
    return p.statements().stream().anyMatch(s -> s.resource() != null || s.notResource() != null);
  }

  static Result fromContent(PolicyDocument p) {
    int withPrincipal = 0;
    int objects = 0;
    boolean allAssume = true;
    boolean anyAction = false;
    boolean anyResource = false;
    for (Statement s : p.statements()) {
      if (s.object() == null) continue;
      objects++;
      if (s.principal() != null || s.notPrincipal() != null) withPrincipal++;
      if (s.resource() != null || s.notResource() != null) anyResource = true;
      if (s.action() != null) {
        for (Str a : s.action().values()) {
          anyAction = true;
          if (!isAssume(a.text())) allAssume = false;
        }
      } else {
        allAssume = false;
      }
    }
    // Going by the majority keeps one stray Principal (an error in either kind) from flipping the file.
    if (withPrincipal == 0 || withPrincipal * 2 < objects) return new Result(PolicyKind.IDENTITY, null, null);
    boolean assume = allAssume && anyAction;
    if (assume && !anyResource) return new Result(PolicyKind.TRUST, null, null);
    if (rcpShaped(p, true) && (orgBoundary(p) || services(p).size() >= 2 || assume)) {
      return new Result(PolicyKind.RCP, new PolicyDocument.KindInference(
          "every statement denies to Principal \"*\" with a Resource" + (orgBoundary(p) ? " and an organization boundary key" : "")
              + ", the shape of a resource control policy", EnumSet.of(PolicyKind.RESOURCE)), null);
    }
    if (assume) {
      return new Result(PolicyKind.RESOURCE, new PolicyDocument.KindInference(
          "it names principals and only role-assumption actions but has a Resource, which a role trust policy never has",
          EnumSet.of(PolicyKind.TRUST)), null);
    }
    return new Result(PolicyKind.RESOURCE, null, null);
  }

  private static boolean isAssume(String action) {
    String t = action.toLowerCase(Locale.ROOT);
    return t.startsWith("sts:assumerole") || t.equals("sts:tagsession") || t.equals("sts:setsourceidentity")
        || t.equals("sts:setcontext");
  }

  /**
   * Every statement a Deny to {@code "*"} with a {@code Resource}, none with {@code NotAction} or
   * {@code NotPrincipal} (RCPs support neither); with {@code strict}, also Version 2012-10-17,
   * which RCPs require.
   */
  static boolean rcpShaped(PolicyDocument p, boolean strict) {
    if (strict && (p.version() == null || !p.version().text().equals("2012-10-17"))) return false;
    int objects = 0;
    for (Statement s : p.statements()) {
      if (s.object() == null) continue;
      objects++;
      if (!s.isDeny() || s.principal() == null || !s.principal().isPublic() || s.notPrincipal() != null
          || s.notAction() != null || (s.resource() == null && s.notResource() == null)) {
        return false;
      }
    }
    return objects > 0;
  }

  private static boolean orgBoundary(PolicyDocument p) {
    for (Statement s : p.statements()) {
      for (Condition c : s.conditions()) {
        if (ORG_KEYS.contains(c.key().text().toLowerCase(Locale.ROOT))) return true;
      }
    }
    return false;
  }

  private static Set<String> services(PolicyDocument p) {
    Set<String> out = new HashSet<>();
    for (Statement s : p.statements()) {
      if (s.action() == null) continue;
      for (Str a : s.action().values()) {
        int colon = a.text().indexOf(':');
        if (colon > 0) out.add(a.text().substring(0, colon).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }
}
