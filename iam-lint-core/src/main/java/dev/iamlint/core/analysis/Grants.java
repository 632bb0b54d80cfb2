package dev.iamlint.core.analysis;

import dev.iamlint.core.catalog.AccessLevel;
import dev.iamlint.core.catalog.IamAction;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.model.Wildcard;
import java.util.ArrayList;
import java.util.List;

/** Facts about what a statement grants. Pure functions of the model and the catalogue. */
public final class Grants {

  private Grants() {}

  /** Used when the catalogue cannot be consulted: IAM actions that rewrite permissions. */
  private static final List<String> ESCALATION_PROBES = List.of(
      "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:CreatePolicyVersion", "iam:AttachUserPolicy", "iam:PutUserPolicy");

  /**
   * How a statement amounts to administrator access.
   *
   * @param at the element that makes it so (the {@code "*"} action, or the {@code NotAction} key)
   * @param shape {@code ALL} (Allow * on *), {@code NOT_RESOURCE} (Allow * with NotResource),
   *     {@code NOT_ACTION} (Allow NotAction on * whose remainder includes permissions management),
   *     or {@code SCP} (an SCP allowing everything, like FullAWSAccess)
   * @param remaining for {@code NOT_ACTION}, a permissions-management action the NotAction leaves allowed
   */
  public record FullAdmin(Str at, Shape shape, String remaining) {}

  /** The shapes of administrator access. */
  public enum Shape { ALL, NOT_RESOURCE, NOT_ACTION, SCP }

  /**
   * The statement's administrator access, or null: an unconditional Allow of every action on
   * every resource ({@code "*"}, or an ARN that names every resource of every service such as
   * {@code arn:*:*:*:*:*}: {@link Resources#all}) in an identity policy or SCP, an Allow of every action with NotResource, or
   * an Allow with NotAction on every resource that still includes IAM permissions management.
   */
  public static FullAdmin fullAdmin(PolicyDocument policy, Statement s, IamCatalog catalog) {
    if (!s.isAllow() || s.hasConditions() || s.condition() != null) return null;
    PolicyKind kind = policy.kind();
    if (kind != PolicyKind.IDENTITY && kind != PolicyKind.SCP) return null;
    if (s.action() != null) {
      Str star = allActions(s);
      if (star == null) return null;
      if (Resources.all(s) != null) {
        return new FullAdmin(star, kind == PolicyKind.SCP ? Shape.SCP : Shape.ALL, null);
      } else if (s.notResource() != null && kind == PolicyKind.IDENTITY) {
        return new FullAdmin(star, Shape.NOT_RESOURCE, null);
      }
      return null;
    }
    if (s.notAction() != null && kind == PolicyKind.IDENTITY && Resources.all(s) != null) {
      String left = remainingPermissionsManagement(s.notAction().texts(), catalog);
      if (left != null) return new FullAdmin(s.notAction().key(), Shape.NOT_ACTION, left);
    }
    return null;
  }

  /** The {@code "*"} (or {@code "*:*"}) among the statement's actions, or null. */
  public static Str allActions(Statement s) {
    if (s.action() == null) return null;
    for (Str a : s.action().values()) {
      if (a.text().equals("*") || a.text().equals("*:*")) return a;
    }
    return null;
  }

  /**
   * Where the statement grants {@code action}: the first {@code Action} value whose pattern matches
   * it, or the {@code NotAction} key when no {@code NotAction} pattern excludes it; null when the
   * statement does not grant it (whatever its effect). Templated values match nothing in Action and
   * are taken as excluding in NotAction (unknown, so the benefit of the doubt).
   */
  public static Str grant(Statement s, String action) {
    if (s.action() != null) {
      // The match first: rules ask this for dozens of actions per statement, and most values
      // match none, so the templated test (a scan of the text) is rarely needed.
      for (Str v : s.action().values()) {
        String t = v.text().trim();
        if (!t.isEmpty() && Wildcard.matchesIgnoreCase(t, action) && !Templates.isTemplated(t)) return v;
      }
      return null;
    }
    if (s.notAction() != null) {
      for (Str v : s.notAction().values()) {
        String t = v.text().trim();
        if (Wildcard.matchesIgnoreCase(t, action) || Templates.isTemplated(t)) return null;
      }
      return s.notAction().key();
    }
    return null;
  }

  /**
   * The statement's Action values, then its NotAction values, that are written out: all but
   * {@code "*"} and templated ones ({@link Templates#isTemplated}). What rules that check action
   * names against the catalogue look at.
   */
  public static List<Str> literalActions(Statement s) {
    List<Str> out = new ArrayList<>();
    for (ValueList list : new ValueList[] {s.action(), s.notAction()}) {
      if (list == null) continue;
      for (Str v : list.values()) {
        String t = v.text().trim();
        if (!t.equals("*") && !Templates.isTemplated(t)) out.add(v);
      }
    }
    return out;
  }

  /** True when the statement's Action or NotAction covers the action ({@link #grant} is not null). */
  public static boolean covers(Statement s, String action) {
    return grant(s, action) != null;
  }

  /**
   * An IAM permissions-management action (catalogue access level) that no pattern of
   * {@code excluded} matches, or null; the first by name.
   */
  public static String remainingPermissionsManagement(List<String> excluded, IamCatalog catalog) {
    return remainingPermissionsManagement(excluded, catalog, null);
  }

  /**
   * {@link #remainingPermissionsManagement(List, IamCatalog)} among the actions the statement's
   * {@code Resource} can reach: a {@code NotAction} statement on RDS ARNs grants no IAM action,
   * whatever its {@code NotAction} leaves out.
   */
  public static String remainingPermissionsManagement(Statement s, IamCatalog catalog) {
    return remainingPermissionsManagement(s.notAction().texts(), catalog, s);
  }

  /**
   * Whether the statement's resources can be the action's: one of its types ({@link
   * Resources#canName}), or, for an action without resource types, {@code "*"} (Service
   * Authorization Reference: with no resource type "you must specify all resources ("*")").
   * Values that cannot be judged count.
   */
  private static boolean reaches(Statement s, IamAction action) {
    if (action == null) return true;
    if (!action.resourceTypes().isEmpty()) return Resources.canName(s, action);
    return s.resource() == null || s.resource().hasStar() || s.resource().hasComputed();
  }

  private static String remainingPermissionsManagement(List<String> excluded, IamCatalog catalog, Statement reaching) {
    List<String> candidates;
    try {
      candidates = catalog.expand("iam:*").stream()
          .filter(a -> a.accessLevel() == AccessLevel.PERMISSIONS_MANAGEMENT)
          .map(IamAction::fullName).sorted().toList();
    } catch (RuntimeException e) {
      candidates = ESCALATION_PROBES;
    }
    if (candidates.isEmpty()) candidates = ESCALATION_PROBES;
    for (String action : candidates) {
      boolean covered = false;
      for (String pattern : excluded) {
        if (Wildcard.matchesIgnoreCase(pattern, action)) {
          covered = true;
          break;
        }
      }
      if (!covered && (reaching == null || reaches(reaching, catalog.action(action).orElse(null)))) return action;
    }
    return null;
  }
}
