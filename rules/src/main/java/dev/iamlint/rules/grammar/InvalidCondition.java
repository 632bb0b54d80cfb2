package dev.iamlint.rules.grammar;

import dev.iamlint.core.analysis.Conditions;
import dev.iamlint.core.analysis.Operators;
import dev.iamlint.core.analysis.PolicyDates;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.catalog.ConditionValueType;
import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.Arns;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A condition AWS rejects or that does not do what it says: an unknown operator, a value of the
 * wrong type for its operator, {@code NullIfExists}, an operator of the wrong family for the key's
 * catalogue type, a set qualifier on a single-valued key, or {@code ForAllValues} in an Allow
 * without a {@code Null} guard. {@code aws:CurrentTime}/{@code aws:EpochTime} belong to
 * IAM403/IAM404. The MFA keys are checked here for operator and value validity like any key
 * ("no element without a rule"); IAM302–IAM305 judge only what a valid MFA condition means.
 * Values holding a template substitution ({@code ${AWS::AccountId}}, {@code ${StartDate}},
 * {@code {{...}}}) are not checked.
 */
@RuleInfo(
    id = "IAM008",
    name = "invalid-condition",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"security", "grammar", "correctness", "condition"},
    summary = "An unknown condition operator, a value of the wrong type for its operator, NullIfExists (errors); "
        + "an operator of the wrong family for the key's type, ForAllValues/ForAnyValue on a single-valued key, or "
        + "ForAllValues in an Allow without a Null guard (warnings).",
    description = "AWS rejects a policy with an unknown condition operator or a value its operator cannot read. "
        + "A set qualifier on a single-valued key does not mean what it seems, and ForAllValues is true when the key is "
        + "absent, so an Allow guarded only by it grants to requests that do not carry the key at all.",
    messages = {
      @RuleInfo.Message(text = "unknown condition operator {0}; did you mean {1}?"),
      @RuleInfo.Message(id = "unknownOperator", text = "unknown condition operator {0}"),
      @RuleInfo.Message(id = "nullIfExists", text = "Null takes no IfExists suffix: {0} is not a condition operator; use Null"),
      @RuleInfo.Message(id = "badValue", text = "{0} needs {1}, not \"{2}\""),
      @RuleInfo.Message(id = "policyVariable", text = "{0} does not accept policy variables (\"{1}\"); only String, Arn and Bool operators do"),
      @RuleInfo.Message(id = "typeMismatch", level = Level.WARNING,
          text = "{0} cannot compare {1}, a {2} key; use a {3} operator"),
      @RuleInfo.Message(id = "singleValued", level = Level.WARNING,
          text = "{0} on single-valued key {1}: set qualifiers are for multivalued keys; use {2}"),
      @RuleInfo.Message(id = "forAllNoGuard", level = Level.WARNING,
          text = "{0} in an Allow matches when {1} is absent from the request; add \"Null\": {\"{1}\": \"false\"}")
    })
public final class InvalidCondition implements DocumentRule {

  /** Keys whose operators and values belong to the time-window rules (IAM403/IAM404). */
  private static final Set<String> OWNED_ELSEWHERE = Set.of("aws:currenttime", "aws:epochtime");

  private static final List<String> QUALIFIERS = List.of("ForAllValues", "ForAnyValue");
  private static final List<String> OPERATOR_NAMES = Operators.names(b -> true);

  private static final Pattern BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
  private static final Pattern TAGGING_ACTION =
      Pattern.compile("(tag|untag|addtags|removetags|createtags|deletetags)[a-z]*");

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    Templates.Placeholders placeholders = PlaceholderSettings.of(ctx);
    Set<String> reportedOperators = new HashSet<>();
    for (Condition c : s.conditions()) {
      if (c.key() == null || c.operatorName() == null || c.operator() == null) continue;
      if (OWNED_ELSEWHERE.contains(c.key().text().trim().toLowerCase(Locale.ROOT))) continue;
      ConditionOperator op = c.operator();
      if (!op.known()) {
        if (reportedOperators.add(c.operatorName().pointer())) reportOperator(c.operatorName(), op, ctx);
        if (!ConditionOperator.BASE_OPERATORS.contains(op.base()) || op.isNull()) continue;
      }
      checkValues(c, op, placeholders, ctx);
      checkType(c, op, ctx);
      checkQualifier(s, c, op, ctx);
    }
  }

  private static void reportOperator(Str name, ConditionOperator op, RuleContext ctx) {
    if (op.isNull() && op.ifExists() && (op.qualifier() == null || QUALIFIERS.contains(op.qualifier()))) {
      ctx.report(name, "nullIfExists", name.text());
      return;
    }
    String text = name.text();
    int colon = text.indexOf(':');
    String qualifier = colon >= 0 ? text.substring(0, colon) : null;
    String rest = colon >= 0 ? text.substring(colon + 1) : text;
    String fixedQualifier = null;
    if (qualifier != null) {
      fixedQualifier = QUALIFIERS.contains(qualifier) ? qualifier
          : EditDistance.nearest(qualifier, QUALIFIERS, Math.max(1, qualifier.length() / 3));
    }
    String fixedRest = OPERATOR_NAMES.contains(rest) ? rest
        : EditDistance.nearest(rest, OPERATOR_NAMES, Math.max(1, rest.length() / 4));
    if ((qualifier != null && fixedQualifier == null) || fixedRest == null) {
      ctx.report(name, "unknownOperator", text);
      return;
    }
    String suggestion = (fixedQualifier == null ? "" : fixedQualifier + ":") + fixedRest;
    if (suggestion.equals(text)) {
      ctx.report(name, "unknownOperator", text);
    } else {
      ctx.report(name, "default", text, suggestion);
    }
  }

  private static void checkValues(Condition c, ConditionOperator op, Templates.Placeholders placeholders,
      RuleContext ctx) {
    String base = op.base();
    String opName = c.operatorName().text();
    for (Str v : c.values().values()) {
      String t = v.text().trim();
      // A placeholder (<my-corporate-cidr>) is IAM012's, once per document.
      if (Templates.hasTemplateSubstitution(t) || placeholders.holds(t)) continue;
      boolean variable = Templates.hasPolicyVariable(t);
      if (base.startsWith("String")) continue;
      if (base.equals("Bool")) {
        if (variable) continue;
        if (!isBool(t)) ctx.report(v, "badValue", opName, "\"true\" or \"false\"", v.text());
      } else if (base.equals("Null")) {
        if (variable) {
          ctx.report(v, "policyVariable", opName, v.text());
        } else if (!isBool(t)) {
          ctx.report(v, "badValue", opName, "\"true\" (key absent) or \"false\" (key present)", v.text());
        }
      } else if (base.startsWith("Arn")) {
        if (variable || t.equals("*")) continue;
        if (!t.startsWith("arn:")) {
          ctx.report(v, "badValue", opName, "an ARN (arn:partition:service:region:account:resource)", v.text());
        } else if (Arns.fields(t) == null) {
          ctx.report(v, "badValue", opName, "an ARN of 6 colon-separated parts (arn:partition:service:region:account:resource)", v.text());
        }
      } else if (variable) {
        ctx.report(v, "policyVariable", opName, v.text());
      } else if (base.startsWith("Numeric")) {
        if (!Operators.isNumber(t)) ctx.report(v, "badValue", opName, "a number", v.text());
      } else if (base.startsWith("Date")) {
        if (!PolicyDates.isDate(t)) {
          ctx.report(v, "badValue", opName, "a W3C ISO 8601 date (2026-12-31T23:59:59Z) or epoch seconds", v.text());
        }
      } else if (base.equals("IpAddress") || base.equals("NotIpAddress")) {
        if (!isIpOrCidr(t)) {
          ctx.report(v, "badValue", opName, "an IPv4 or IPv6 address or CIDR block (203.0.113.0/24)", v.text());
        }
      } else if (base.equals("BinaryEquals")) {
        if (t.isEmpty() || !BASE64.matcher(t).matches()) ctx.report(v, "badValue", opName, "base64-encoded bytes", v.text());
      }
    }
  }

  /** An operator family that cannot compare the key's catalogue type ({@link Conditions#typeMismatch}). */
  private static void checkType(Condition c, ConditionOperator op, RuleContext ctx) {
    if (!op.known()) return;
    String keyText = c.key().text().trim();
    if (Templates.isTemplated(keyText)) return;
    Optional<ConditionValueType> type = Conditions.strictType(ctx.catalog(), keyText);
    if (type.isEmpty() || !Conditions.typeMismatch(type.get(), op.base())) return;
    ctx.report(c.operatorName(), "typeMismatch", c.operatorName().text(), c.key().text(), typeName(type.get()),
        expectedFamily(type.get()));
  }

  private static String typeName(ConditionValueType t) {
    return switch (t) {
      case NUMERIC -> "numeric";
      case DATE -> "date";
      case BOOL -> "Boolean";
      case IP_ADDRESS -> "IP address";
      case ARN -> "ARN";
      case BINARY -> "binary";
      default -> "string";
    };
  }

  private static String expectedFamily(ConditionValueType t) {
    return switch (t) {
      case NUMERIC -> "Numeric (NumericLessThan, ...)";
      case DATE -> "Date (DateLessThan, ...)";
      case BOOL -> "Bool";
      case IP_ADDRESS -> "IpAddress or NotIpAddress";
      case ARN -> "Arn (ArnLike, ...)";
      case BINARY -> "BinaryEquals";
      default -> "String";
    };
  }

  private static void checkQualifier(Statement s, Condition c, ConditionOperator op, RuleContext ctx) {
    String qualifier = op.qualifier();
    if (qualifier == null || !QUALIFIERS.contains(qualifier)) return;
    String keyText = c.key().text().trim();
    if (Templates.isTemplated(keyText)) return;
    if (Conditions.isSingleValued(ctx.catalog(), keyText)) {
      String plain = op.base() + (op.ifExists() ? "IfExists" : "");
      ctx.report(c.operatorName(), "singleValued", c.operatorName().text(), c.key().text(), plain);
      return;
    }
    if (qualifier.equals("ForAllValues") && s.isAllow() && !hasNullGuard(s, keyText) && !alwaysPresent(s, keyText)) {
      ctx.report(c.operatorName(), "forAllNoGuard", c.operatorName().text(), c.key().text());
    }
  }

  /**
   * Whether every action of the statement always carries the key, so that "absent" cannot happen:
   * tag-key keys ({@code aws:TagKeys}, {@code s3:RequestObjectTagKeys}) on tagging actions
   * ({@code ec2:CreateTags}, {@code *:TagResource}, {@code *:UntagResource}), whose tag list is a
   * required parameter, and {@code kms:GrantOperations} on {@code kms:CreateGrant}.
   */
  private static boolean alwaysPresent(Statement s, String key) {
    if (s.action() == null || s.action().isEmpty()) return false;
    String k = key.toLowerCase(Locale.ROOT);
    boolean tagKeys = k.endsWith("tagkeys");
    boolean grantOps = k.equals("kms:grantoperations");
    if (!tagKeys && !grantOps) return false;
    for (Str a : s.action().values()) {
      String t = a.text().trim().toLowerCase(Locale.ROOT);
      int colon = t.indexOf(':');
      if (colon < 0) return false;
      String name = t.substring(colon + 1);
      boolean ok = tagKeys ? TAGGING_ACTION.matcher(name).matches() : t.equals("kms:creategrant");
      if (!ok) return false;
    }
    return true;
  }

  /** A {@code Null: {key: "false"}} condition on the same key in the statement. */
  private static boolean hasNullGuard(Statement s, String key) {
    for (Condition other : s.conditions()) {
      if (other.operator() != null && other.operator().known() && other.operator().isNull()
          && other.operator().qualifier() == null && other.key() != null
          && other.key().text().trim().equalsIgnoreCase(key)) {
        for (Str v : other.values().values()) {
          if (v.text().trim().equalsIgnoreCase("false")) return true;
        }
      }
    }
    return false;
  }

  private static boolean isBool(String t) {
    return t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false");
  }

  /** An IPv4 or IPv6 address, optionally with a prefix length (RFC 4632); parsed by hand, no lookups. */
  private static boolean isIpOrCidr(String t) {
    String addr = t;
    int slash = t.indexOf('/');
    Integer prefix = null;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return false;
      prefix = Integer.parseInt(p);
      addr = t.substring(0, slash);
    }
    if (isIpv4(addr)) return prefix == null || prefix <= 32;
    if (isIpv6(addr)) return prefix == null || prefix <= 128;
    return false;
  }

  private static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) return false;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return false;
      if (Integer.parseInt(p) > 255) return false;
    }
    return true;
  }

  private static boolean isIpv6(String s) {
    if (s.isEmpty() || s.indexOf(':') < 0) return false;
    String rest = s;
    // An embedded IPv4 tail (::ffff:192.0.2.1) stands for two groups.
    int lastColon = s.lastIndexOf(':');
    String tail = s.substring(lastColon + 1);
    if (tail.indexOf('.') >= 0) {
      if (!isIpv4(tail)) return false;
      rest = s.substring(0, lastColon + 1) + "0:0";
    }
    if ((rest.startsWith(":") && !rest.startsWith("::")) || (rest.endsWith(":") && !rest.endsWith("::"))) return false;
    int groups = 0;
    int dc = rest.indexOf("::");
    if (dc >= 0 && rest.indexOf("::", dc + 1) >= 0) return false;
    String[] pieces = rest.split(":", -1);
    int empty = 0;
    int filled = 0;
    for (String p : pieces) {
      if (p.isEmpty()) {
        empty++;
        continue;
      }
      if (p.length() > 4) return false;
      for (char ch : p.toCharArray()) {
        if (Character.digit(ch, 16) < 0) return false;
      }
      filled++;
    }
    groups += filled;
    if (dc < 0) return empty == 0 && groups == 8;
    // "::" alone gives 3 empty pieces; "::1" / "1::" give 2; "1::2" gives 1.
    return groups <= 7 && empty <= 3;
  }
}
