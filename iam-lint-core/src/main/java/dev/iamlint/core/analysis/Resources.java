package dev.iamlint.core.analysis;

import dev.iamlint.core.catalog.ActionResource;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.catalog.ResourceType;
import dev.iamlint.core.model.Arns;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** How far a statement's resources reach: every role, every resource of a kind, the caller's own user. */
public final class Resources {

  private Resources() {}

  /** A Resource value that matches every role: {@code *}, {@code arn:aws:iam::111122223333:role/*}, {@code arn:aws:iam::*:*}. */
  public static final Pattern ANY_ROLE = Pattern.compile("\\*|arn:.*:iam::.*:(\\*|role/?\\*)");

  /** The caller's own user: {@code arn:aws:iam::*:user/${aws:username}} (any account, any path). */
  private static final Pattern OWN_USER =
      Pattern.compile("arn:.*:iam::.*:user/(.*/)?\\$\\{aws:username}", Pattern.CASE_INSENSITIVE);

  /** The Resource value that matches every role, or the NotResource key; null when the roles are named. */
  public static Str anyRole(Statement s) {
    return matching(s, ANY_ROLE);
  }

  /**
   * The Resource value matching the pattern (trimmed), or the NotResource key (which reaches all
   * but a list); null when no value matches or the statement has neither element.
   */
  public static Str matching(Statement s, Pattern any) {
    if (s.resource() != null) {
      for (Str r : s.resource().values()) {
        if (any.matcher(r.text().trim()).matches()) return r;
      }
      return null;
    }
    return s.notResource() != null ? s.notResource().key() : null;
  }

  /**
   * True when every Resource value is the caller's own user ({@code ...:user/${aws:username}}):
   * credential actions on it give the caller nothing it does not have.
   */
  public static boolean selfScoped(Statement s) {
    if (s.resource() == null || s.resource().isEmpty()) return false;
    for (Str r : s.resource().values()) {
      if (!OWN_USER.matcher(r.text().trim()).matches()) return false;
    }
    return true;
  }

  /**
   * A service-linked role: IAM creates them under the path {@code /aws-service-role/<service>/}
   * (IAM User Guide, "Create a service-linked role"). IAM refuses to change them
   * ({@code UnmodifiableEntity}: "service-linked roles are protected Amazon Web Services resources.
   * Only the service that depends on the service-linked role can modify or delete the role", IAM
   * API Reference; "You cannot modify the permissions policy for a service-linked role in IAM",
   * IAM User Guide, "Update permissions for a role"), and only the owning service assumes them.
   */
  private static final Pattern SERVICE_LINKED_ROLE = Pattern.compile("arn:[^:]*:iam::[^:]*:role/aws-service-role/.+");

  /**
   * True when the ARN names service-linked roles only ({@code ...:role/aws-service-role/...}),
   * also when a template fills in its partition or account ({@code arn:${AWS::Partition}:iam::...}).
   */
  public static boolean serviceLinkedRole(String arn) {
    return arn.contains(":role/aws-service-role/")
        && SERVICE_LINKED_ROLE.matcher(substitutionsAsWildcards(arn.trim())).matches();
  }

  /**
   * The text with each {@code ${...}} (a template's substitution or a policy variable, either of
   * which can stand for any text) written as {@code *}: an ARN pattern that names at least every
   * resource the value can name once substituted.
   */
  static String substitutionsAsWildcards(String text) {
    return text.indexOf("${") < 0 ? text : SUBSTITUTION.matcher(text).replaceAll("*");
  }

  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{[^}]*}");

  /**
   * Whether one of the statement's {@code Resource} values can name a resource of one of the
   * action's resource types (catalogue ARN patterns): an Allow grants the action only on those.
   * True when the statement has {@code "*"} or no {@code Resource} (a {@code NotResource}), when
   * the action is unknown or takes no resource type, and for values that cannot be judged (a
   * CloudFormation function such as {@code !GetAtt Role.Arn}, not an ARN, another template syntax,
   * a wildcard service). A {@code ${...}} counts as any text, so
   * {@code !Sub arn:aws:s3:::${Bucket}/*} names objects, never an IAM policy.
   */
  public static boolean canName(Statement s, IamAction action) {
    if (s.resource() == null || s.resource().hasStar() || s.resource().hasComputed()) return true;
    if (action == null || action.resourceTypes().isEmpty()) return true;
    for (Str v : s.resource().values()) {
      String written = v.text().trim();
      String t = substitutionsAsWildcards(written);
      if (!t.startsWith("arn:") || Templates.isTemplated(t)) return true;
      List<String> fields = Arns.split(t, 6);
      if (fields.size() < 6 || Texts.hasWildcard(fields.get(2))) return true;
      // Matched as written: the catalogue's match reads a substitution as any text within its
      // field, where a '*' ending a field (${AWS::Partition} read as '*') could run on past the
      // colon and leave the empty region and account of arn:${AWS::Partition}:s3:::b/* unjudged.
      ResourceType.PolicyArn arn = ResourceType.PolicyArn.of(written);
      for (ActionResource ar : action.resourceTypes()) {
        if (ar.resourceType().matches(arn)) return true;
      }
    }
    return false;
  }

  /**
   * True when the statement has a Resource element and every value names service-linked roles
   * only: whatever IAM or STS action it grants on them cannot change or use those roles.
   */
  public static boolean onlyServiceLinkedRoles(Statement s) {
    if (s.resource() == null || s.resource().isEmpty()) return false;
    for (Str r : s.resource().values()) {
      if (!serviceLinkedRole(r.text())) return false;
    }
    return true;
  }

  /** A role ARN, with the role's path and name in group 1. */
  private static final Pattern ROLE_ARN = Pattern.compile("arn:[^:]*:iam::[^:]*:role/(.*)");

  /**
   * The first Resource value that names roles by a wildcard pattern ({@code role/app-*},
   * {@code role/team/?pp}), not counting service-linked roles and the {@code ?} and {@code *} that
   * substitutions ({@code ${aws:username}}, {@code ${AWS::AccountId}}) hold; null when every role
   * is named.
   */
  public static Str wildcardRole(Statement s) {
    if (s.resource() == null) return null;
    for (Str r : s.resource().values()) {
      String t = r.text().trim();
      // Matched without its substitutions, whose colons (${AWS::AccountId}) are no field's.
      var m = ROLE_ARN.matcher(withoutSubstitutions(t));
      if (!m.matches() || serviceLinkedRole(t)) continue;
      if (Texts.hasWildcard(m.group(1))) return r;
    }
    return null;
  }

  private static String withoutSubstitutions(String s) {
    return s.indexOf("${") < 0 ? s : SUBSTITUTION.matcher(s).replaceAll("");
  }

  /**
   * The first Resource value that names every resource there is: {@code "*"}, or an ARN whose
   * every field after the partition is only wildcards ({@code arn:*:*:*:*:*}, {@code arn:aws:*});
   * null when there is none (NotResource is not such a value).
   */
  public static Str all(Statement s) {
    if (s.resource() == null) return null;
    for (Str r : s.resource().values()) {
      if (isAll(r.text().trim())) return r;
    }
    return null;
  }

  /** True when the text is {@code "*"} or an ARN whose fields after the partition are all wildcards. */
  public static boolean isAll(String arn) {
    if (arn.equals("*")) return true;
    if (!arn.startsWith("arn:")) return false;
    var fields = Arns.split(arn, 6);
    if (fields.size() < 3) return false;
    for (int i = 2; i < fields.size(); i++) {
      if (!onlyStars(fields.get(i))) return false;
    }
    // Fewer than six fields: the last star also spans the colons of the fields left out.
    return true;
  }

  /**
   * The service field of an ARN that names the whole of that service's ARN space: every field
   * after the service is only wildcards, the region and account fields possibly empty (as S3's
   * ARNs leave them): {@code arn:aws:s3:::*}, {@code arn:aws:ec2:*:*:*}, {@code arn:*:logs:*:*:*}.
   * Null for anything else, including {@code "*"}, a wildcard service ({@code arn:aws:*:*:*:*})
   * and ARNs that name something ({@code arn:aws:s3:::my-bucket}, {@code arn:aws:s3:::*}{@code /x}).
   */
  public static String wholeServiceOf(String arn) {
    if (!arn.startsWith("arn:")) return null;
    var fields = Arns.split(arn, 6);
    if (fields.size() < 4) return null;
    String service = fields.get(2);
    if (service.isEmpty() || service.indexOf('*') >= 0 || service.indexOf('?') >= 0 || service.indexOf('$') >= 0) return null;
    for (int i = 3; i < fields.size(); i++) {
      String f = fields.get(i);
      boolean last = i == fields.size() - 1;
      if (!onlyStars(f) && !(f.isEmpty() && !last && i <= 4)) return null;
    }
    return service;
  }

  private static boolean onlyStars(String f) {
    return !f.isEmpty() && f.chars().allMatch(c -> c == '*');
  }

  /** Stands for a placeholder of a type's ARN pattern: only a policy's {@code *} covers it. */
  private static final char PLACEHOLDER = '\u0000';

  /**
   * True when the policy ARN names every resource of the type, as {@code "*"} would: every
   * variable part of the type's ARN pattern ({@code ${Region}}, {@code ${Account}},
   * {@code ${TrailName}}) is a wildcard in the ARN, and its literal parts are the pattern's
   * ({@code arn:*:cloudtrail:*:*:trail/*} for trails, {@code arn:aws:s3:::*} for buckets and
   * objects). The partition is not a variable part (a policy lives in one partition); a region or
   * account the pattern leaves empty may be empty or {@code *} in the ARN. A policy variable or a
   * template substitution is no wildcard: {@code ${AWS::AccountId}} names one account.
   */
  public static boolean coversType(String arn, ResourceType type) {
    String a = arn.trim();
    if (a.equals("*")) return true;
    for (String pattern : type.arnPatterns()) {
      if (covers(a, pattern)) return true;
    }
    return false;
  }

  private static boolean covers(String arn, String pattern) {
    String[] t = Arns.fields(pattern);
    if (t == null) return false;
    String[] p = Arns.fields(arn);
    if (p == null) {
      // arn:*, arn:aws:* : the last field's stars span the rest
      var f = Arns.split(arn, 6);
      if (f.size() < 3 || !f.get(0).equals("arn") || f.get(1).isEmpty()) return false;
      if (!onlyStars(f.get(f.size() - 1))) return false;
      for (int i = 2; i < f.size() - 1; i++) {
        if (!globCovers(f.get(i), starred(t[i]))) return false;
      }
      return true;
    }
    if (!p[0].equals("arn") || p[1].isEmpty()) return false;
    for (int i = 2; i < 6; i++) {
      if (!globCovers(p[i], starred(t[i]))) return false;
    }
    return true;
  }

  /** The pattern field with every {@code ${Placeholder}} as one {@link #PLACEHOLDER}. */
  private static String starred(String field) {
    StringBuilder b = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      int end = c == '$' && i + 1 < field.length() && field.charAt(i + 1) == '{' ? field.indexOf('}', i) : -1;
      if (end > 0) {
        b.append(PLACEHOLDER);
        i = end;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * True when the policy glob matches the text, where a placeholder is matched only by {@code *}
   * ({@code ?} is one character of a name, not any name). Substitutions in the glob are literal.
   */
  private static boolean globCovers(String glob, String text) {
    int n = glob.length();
    int m = text.length();
    boolean[] reach = new boolean[m + 1];
    reach[0] = true;
    for (int i = 0; i < n; i++) {
      char g = glob.charAt(i);
      boolean[] next = new boolean[m + 1];
      if (g == '*') {
        boolean any = false;
        for (int j = 0; j <= m; j++) {
          any |= reach[j];
          next[j] = any;
        }
      } else {
        for (int j = 0; j < m; j++) {
          if (!reach[j]) continue;
          char c = text.charAt(j);
          if (c == PLACEHOLDER ? false : (g == '?' || g == c)) next[j + 1] = true;
        }
      }
      reach = next;
    }
    return reach[m];
  }

  /**
   * A key on the tags of the resource acted on: {@code aws:ResourceTag/...},
   * {@code ec2:ResourceTag/...}, and the older per-type keys such as {@code rds:db-tag/...}
   * (not {@code aws:RequestTag} or {@code aws:PrincipalTag}, which say nothing of the resource).
   */
  private static final Pattern RESOURCE_TAG_KEY = Pattern.compile("[a-z0-9-]+:(resourcetag|[a-z0-9-]+-tag)/.*");

  /** Keys on the tags a request writes: they limit the tags, not which resources are changed. */
  private static final Pattern REQUEST_TAG_KEY = Pattern.compile("[a-z0-9-]+:(requesttag/.*|tagkeys)");

  /**
   * Service keys on the caller or the path of the request, not on the resource: AWS KMS's
   * {@code kms:ViaService} ("requests from specified AWS services") and {@code kms:CallerAccount}
   * (AWS KMS Developer Guide, "AWS KMS condition keys"), and {@code sts:SourceIdentity}.
   */
  private static final java.util.Set<String> CALLER_KEYS = java.util.Set.of("kms:viaservice", "kms:calleraccount",
      "sts:sourceidentity");

  /**
   * The statement's condition that limits which resources it reaches, as an ARN would; null when
   * there is none. Two kinds count:
   *
   * <ul>
   *   <li>attribute-based access control: the resource's tags ({@code aws:ResourceTag/...},
   *       {@code <service>:ResourceTag/...}, {@code rds:db-tag/...}), account or organization
   *       ({@code aws:ResourceAccount}, {@code aws:ResourceOrgID}, {@code aws:ResourceOrgPaths});
   *   <li>a service-specific condition key ({@code iam:AWSServiceName}, {@code ecs:cluster},
   *       {@code cloudwatch:namespace}, ...) that limits it ({@link Conditions#restricts}: a
   *       positive operator, not IfExists, a value that is not a bare wildcard). The Service
   *       Authorization Reference documents these keys per action and resource type; a request
   *       without the key, or with another value, does not match the statement at all, so the
   *       statement reaches only the services, clusters or namespaces named. Keys on the tags a
   *       request writes ({@code aws:RequestTag/...}, {@code aws:TagKeys}) and keys on the caller
   *       ({@code kms:ViaService}, {@code kms:CallerAccount}, {@code sts:SourceIdentity}) do not count.
   * </ul>
   */
  public static Condition scopingCondition(Statement s) {
    for (Condition c : s.conditions()) {
      if (c.key() == null) continue;
      String k = c.key().text().trim().toLowerCase(Locale.ROOT);
      if (RESOURCE_TAG_KEY.matcher(k).matches() || k.equals("aws:resourceaccount") || k.equals("aws:resourceorgid")
          || k.equals("aws:resourceorgpaths")) {
        return c;
      }
      int colon = k.indexOf(':');
      if (colon <= 0 || k.startsWith("aws:") || REQUEST_TAG_KEY.matcher(k).matches() || CALLER_KEYS.contains(k)) continue;
      if (c.operator() != null && Conditions.restricts(c)) return c;
    }
    return null;
  }
}
