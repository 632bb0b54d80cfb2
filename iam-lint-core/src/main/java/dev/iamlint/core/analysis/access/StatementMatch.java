package dev.iamlint.core.analysis.access;

import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.model.Wildcard;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a statement applies to a request, following the IAM policy grammar: {@code Action} /
 * {@code NotAction} (action names are case-insensitive, {@code *} and {@code ?} wildcards),
 * {@code Resource} / {@code NotResource} and the {@code Condition} block (operators AND-ed, values
 * of one key OR-ed, negated operators requiring no value to match; a missing key makes a positive
 * operator false and a negated one true, {@code ...IfExists} true; IAM User Guide,
 * reference_policies_elements_condition_operators). Keys the request does not decide are open:
 * the statement then applies or not depending on them, never guessed.
 */
public final class StatementMatch {

  private StatementMatch() {}

  /** Whether the statement applies: yes, no, or depending on the listed keys. */
  public record Applies(Tri value, Set<String> dependsOn) {
    static final Applies YES = new Applies(Tri.YES, Set.of());
    static final Applies NO = new Applies(Tri.NO, Set.of());

    public Applies {
      dependsOn = Set.copyOf(dependsOn);
    }

    static Applies maybe(Set<String> keys) {
      return new Applies(Tri.MAYBE, keys);
    }

    Applies and(Applies o) {
      if (value == Tri.NO || o.value == Tri.NO) return NO;
      if (value == Tri.YES) return o;
      if (o.value == Tri.YES) return this;
      Set<String> k = new LinkedHashSet<>(dependsOn);
      k.addAll(o.dependsOn);
      return maybe(k);
    }
  }

  /** Three-valued truth. */
  public enum Tri { YES, NO, MAYBE }

  /** The key an open resource match depends on. */
  public static final String RESOURCE = "resource";

  /** The first {@code Action} value matching the action, or the {@code NotAction} key when none excludes it; null otherwise. */
  public static Str action(Statement s, String action) {
    return action(s, action, null);
  }

  /** {@link #action(Statement, String)}, with the statement's lists prepared once in {@code memo} (when not null). */
  static Str action(Statement s, String action, ActionPatterns.Memo memo) {
    if (memo != null) {
      if (s.action() != null) return memo.firstMatch(s.action(), action);
      if (s.notAction() != null) {
        return memo.of(s.notAction()).anyTemplated() || memo.firstMatch(s.notAction(), action) != null ? null
            : s.notAction().key();
      }
      return null;
    }
    if (s.action() != null) {
      for (Str p : s.action().values()) {
        if (!Texts.isTemplated(p.text()) && Wildcard.matchesIgnoreCase(p.text(), action)) return p;
      }
      return null;
    }
    if (s.notAction() != null) {
      for (Str p : s.notAction().values()) {
        // A templated value may exclude anything: the statement may not reach the action.
        if (Texts.isTemplated(p.text()) || Wildcard.matchesIgnoreCase(p.text(), action)) return null;
      }
      return s.notAction().key();
    }
    return null;
  }

  /** Whether the statement's resources cover the request's resource (null: any resource). */
  public static Applies resource(Statement s, String resource) {
    ValueList r = s.resource();
    if (r != null) {
      if (r.hasStar()) return Applies.YES;
      if (resource == null) return Applies.maybe(Set.of(RESOURCE));
      for (Str p : r.values()) {
        if (Texts.isTemplated(p.text())) return Applies.maybe(Set.of(RESOURCE));
        if (Wildcard.matches(p.text(), resource)) return Applies.YES;
      }
      return Applies.NO;
    }
    ValueList nr = s.notResource();
    if (nr != null) {
      if (nr.hasStar()) return Applies.NO;
      if (resource == null) return Applies.maybe(Set.of(RESOURCE));
      for (Str p : nr.values()) {
        if (Texts.isTemplated(p.text())) return Applies.maybe(Set.of(RESOURCE));
        if (Wildcard.matches(p.text(), resource)) return Applies.NO;
      }
      return Applies.YES;
    }
    return Applies.YES; // no resource element (an SCP written before it was required): every resource
  }

  /** Whether the statement's conditions hold for the request. */
  public static Applies conditions(Statement s, AccessRequest request) {
    if (s.conditions().isEmpty()) {
      return s.condition() == null ? Applies.YES : Applies.maybe(Set.of(s.condition().text()));
    }
    Applies out = Applies.YES;
    for (Condition c : s.conditions()) {
      out = out.and(condition(c, request));
      if (out.value() == Tri.NO) return out;
    }
    return out;
  }

  /** Action, resource and conditions together (the action must match: see {@link #action}). */
  public static Applies applies(Statement s, AccessRequest request) {
    return applies(s, request, null);
  }

  /** {@link #applies(Statement, AccessRequest)}, with the statement's action lists prepared in {@code memo}. */
  static Applies applies(Statement s, AccessRequest request, ActionPatterns.Memo memo) {
    if (action(s, request.action(), memo) == null) return Applies.NO;
    return resource(s, request.resource()).and(conditions(s, request));
  }

  private static Applies condition(Condition c, AccessRequest request) {
    String key = c.key().text();
    ConditionOperator op = c.operator();
    Applies open = Applies.maybe(Set.of(key));
    if (!op.known()) return open;
    String value = request.context().get(key.toLowerCase(Locale.ROOT));
    if (value == null && request.principalArn() != null && key.equalsIgnoreCase("aws:PrincipalArn")) {
      return principalArn(c, request.principalArn(), open);
    }
    if (value == null) return open;
    List<String> values = c.values().texts();
    String base = op.base();
    Tri t = switch (base) {
      case "StringEquals", "StringNotEquals" -> any(values, v -> v.equals(value));
      case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> any(values, v -> v.equalsIgnoreCase(value));
      case "StringLike", "StringNotLike", "ArnLike", "ArnNotLike", "ArnEquals", "ArnNotEquals" ->
          any(values, v -> Wildcard.matches(v, value));
      case "Bool" -> any(values, v -> v.equalsIgnoreCase(value));
      case "Null" -> any(values, v -> v.equalsIgnoreCase("false")); // the key is present: Null true fails
      default -> Tri.MAYBE;
    };
    if (t == Tri.MAYBE) return open;
    boolean holds = t == Tri.YES;
    if (op.isNegated()) holds = !holds;
    return holds ? Applies.YES : Applies.NO;
  }

  /**
   * An {@code aws:PrincipalArn} condition decided by the principal's known ARN shape: when no value
   * can match any ARN of that shape, a positive operator is false and a negated one true; otherwise
   * the condition stays open. The key is always present for IAM principals.
   */
  private static Applies principalArn(Condition c, String shape, Applies open) {
    String base = c.operator().base();
    boolean like = base.startsWith("StringLike") || base.startsWith("StringNotLike") || base.startsWith("Arn");
    boolean equals = base.equals("StringEquals") || base.equals("StringNotEquals");
    if (!like && !equals) return open;
    for (String v : c.values().texts()) {
      if (Texts.isTemplated(v) || v.contains("${")) return open;
      String pattern = equals ? v.replace("*", "\u0000").replace("?", "\u0001") : v;
      if (Globs.intersect(pattern, shape)) return open;
    }
    return c.operator().isNegated() ? Applies.YES : Applies.NO;
  }

  private static Tri any(List<String> values, java.util.function.Predicate<String> p) {
    for (String v : values) {
      if (Texts.isTemplated(v) || v.contains("${")) return Tri.MAYBE; // policy variables are request data
      if (p.test(v)) return Tri.YES;
    }
    return Tri.NO;
  }
}
