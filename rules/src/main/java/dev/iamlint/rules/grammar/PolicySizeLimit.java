package dev.iamlint.rules.grammar;

import dev.iamlint.core.Level;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.analysis.Texts;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceText;
import dev.iamlint.core.source.Span;
import java.util.EnumSet;
import java.util.Set;

/**
 * The policy document is larger than AWS accepts for its kind. IAM ("IAM and AWS STS quotas")
 * does not count whitespace: managed policy 6,144 characters, inline policies 2,048 (user),
 * 5,120 (group) and 10,240 (role; an aggregate, checked per document), trust policy 2,048 by
 * default. AWS Organizations counts every character of an SCP or RCP (5,120). An IAM Identity
 * Center permission set's inline policy takes up to 32,768. Resource policies are left alone:
 * their limits vary per service.
 */
@RuleInfo(
    id = "IAM006",
    name = "policy-size-limit",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 2.0,
    tags = {"grammar", "limits"},
    summary = "The policy document is larger than AWS accepts for its kind.",
    description = "AWS rejects a policy over the size quota of its kind (IAM: managed 6,144, user inline 2,048, group "
        + "inline 5,120, role inline 10,240, trust 2,048 by default, whitespace not counted; AWS Organizations: SCP and "
        + "RCP 5,120, every character counted; IAM Identity Center permission-set inline policy 32,768), so the "
        + "deployment fails. A policy used in several ways takes the strictest limit.",
    messages = {
      @RuleInfo.Message(id = "tooLarge",
          text = "the {2} is {0} characters ({3}); AWS accepts at most {1}{4}"),
      @RuleInfo.Message(id = "templated", level = Level.WARNING,
          text = "the {2} is {0} characters as written ({3}), over the {1} AWS accepts, but {4} of them are template "
              + "placeholders its deployment tool substitutes first; check the size of the deployed policy")
    })
public final class PolicySizeLimit implements DocumentRule {

  private record Limit(int max, String what, boolean whitespaceCounted) {}

  private static final int MANAGED_LIMIT = 6_144;

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    Limit limit = limit(policy);
    if (limit == null) return;
    // Whitespace as written reaches AWS only when the file is sent verbatim.
    boolean verbatim = limit.whitespaceCounted() && !policy.reserialized();
    int size = verbatim ? sizeAsWritten(policy, ctx) : compactSize(policy.root());
    if (size <= limit.max()) return;
    if (limit.max() == MANAGED_LIMIT && isAwsManagedPolicyFile(policy, ctx)) return;
    Span at = Span.at(policy.root().span().startLine(), policy.root().span().startColumn());
    String how = verbatim ? "every character counted, whitespace included"
        : policy.reserialized() && limit.whitespaceCounted() ? "as the deploying tool sends it, compact JSON"
        : "whitespace outside strings not counted";
    String hint = verbatim ? "; remove whitespace outside strings or split the policy"
        : "; split it into several policies or use wildcards";
    int templated = templatedSize(policy.root());
    if (templated > 0 && size - templated <= limit.max()) {
      // Substituted values may be shorter or longer than the placeholders: the size AWS receives is
      // not known here, so no error (Landing Zone Accelerator's ${ACCELERATOR_PREFIX} and the like).
      ctx.report(ctx.file(), at, policy.root().pointer(), "templated", fmt(size), fmt(limit.max()), limit.what(),
          how, fmt(templated));
      return;
    }
    ctx.report(ctx.file(), at, policy.root().pointer(), "tooLarge", fmt(size), fmt(limit.max()), limit.what(), how, hint);
  }

  /**
   * A bare policy file that is a copy of an AWS managed policy (named after it, and AWS's own
   * published document is over the customer managed quota too). The 6,144 quota is for customer
   * managed policies; AWS managed policies such as ReadOnlyAccess are far larger.
   */
  private static boolean isAwsManagedPolicyFile(PolicyDocument policy, RuleContext ctx) {
    if (!policy.root().pointer().isEmpty() || ctx.file() == null) return false;
    // A managed policy, perhaps used as a permissions boundary (AWS publishes some for that)
    if (!policy.uses().isEmpty() && !Set.of(PolicyUse.MANAGED, PolicyUse.BOUNDARY).containsAll(policy.uses())) return false;
    String name = ctx.file().path().getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot > 0) name = name.substring(0, dot);
    if (name.isEmpty() || name.contains("/")) return false;
    return ctx.catalog().managedPolicy(name)
        .map(p -> p.document() != null && sizeWithoutWhitespace(p.document()) > MANAGED_LIMIT)
        .orElse(false);
  }

  /** Characters of JSON text without whitespace outside strings. */
  static int sizeWithoutWhitespace(String json) {
    int n = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        n++;
        if (c == '\\' && i + 1 < json.length()) {
          n++;
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (!Character.isWhitespace(c)) {
        n++;
        if (c == '"') inString = true;
      }
    }
    return n;
  }

  private static String fmt(int n) {
    return Texts.count(n);
  }

  /** The strictest limit of the document's uses; null when none applies (resource policies). */
  static Limit limit(PolicyDocument policy) {
    Set<PolicyUse> uses = policy.uses().isEmpty() ? defaultUses(policy.kind()) : EnumSet.copyOf(policy.uses());
    Limit best = null;
    for (PolicyUse u : uses) {
      Limit l = switch (u) {
        case MANAGED, MANAGED_ON_USERS -> new Limit(MANAGED_LIMIT, "managed policy", false);
        case USER_INLINE -> new Limit(2_048, "inline policy of an IAM user", false);
        case GROUP_INLINE -> new Limit(5_120, "inline policy of an IAM group", false);
        case ROLE_INLINE -> new Limit(10_240, "inline policy of an IAM role", false);
        case TRUST -> new Limit(2_048, "role trust policy (default quota)", false);
        case PERMISSION_SET_INLINE -> new Limit(32_768, "permission set inline policy", false);
        case SCP -> new Limit(5_120, "service control policy", true);
        case RCP -> new Limit(5_120, "resource control policy", true);
        case RESOURCE, VPC_ONLY, FINE_GRAINED_ACCESS_CONTROL, VPC_ENDPOINT -> null; // resource policies: limits vary by service
        case BOUNDARY -> null; // always with MANAGED, whose limit applies
      };
      if (l != null && (best == null || l.max() < best.max())) best = l;
    }
    return best;
  }

  private static Set<PolicyUse> defaultUses(PolicyKind kind) {
    return switch (kind) {
      case IDENTITY -> EnumSet.of(PolicyUse.MANAGED);
      case TRUST -> EnumSet.of(PolicyUse.TRUST);
      case SCP -> EnumSet.of(PolicyUse.SCP);
      case RCP -> EnumSet.of(PolicyUse.RCP);
      case RESOURCE -> EnumSet.noneOf(PolicyUse.class);
    };
  }

  /**
   * Every character as AWS Organizations receives it: the file's text for a JSON file that is the
   * policy, the decoded string for a policy embedded in a string, otherwise (a policy written as
   * a YAML or JSON object inside a template, which the tool serializes) the compact JSON.
   */
  static int sizeAsWritten(PolicyDocument policy, RuleContext ctx) {
    if (policy.sourceText() != null) {
      return policy.sourceText().strip().length();
    } else if (policy.root().pointer().isEmpty() && ctx.file() != null && ctx.file().format() == Format.JSON) {
      SourceText text = sourceText(policy.root());
      if (text != null) {
        Span sp = policy.root().span();
        int start = text.offset(sp.startLine(), sp.startColumn());
        int end = text.offset(sp.endLine(), sp.endColumn());
        if (end > start) return end - start;
      }
    }
    return compactSize(policy.root());
  }

  private static SourceText sourceText(Node n) {
    if (n instanceof ScalarNode s) return s.raw() != null ? s.raw().source() : null;
    if (n instanceof ObjectNode o) {
      for (ObjectNode.Entry e : o.entries()) {
        SourceText t = sourceText(e.value());
        if (t != null) return t;
      }
    } else if (n instanceof ArrayNode a) {
      for (Node item : a.items()) {
        SourceText t = sourceText(item);
        if (t != null) return t;
      }
    }
    return null;
  }

  /** Characters of the document serialized as compact JSON (whitespace inside strings counts). */
  /** Characters of the document's string values that are template substitutions ({@code ${X}}, {@code {{X}}}). */
  static int templatedSize(Node n) {
    if (n instanceof ObjectNode o) {
      int size = 0;
      for (ObjectNode.Entry e : o.entries()) size += templatedSize(e.value());
      return size;
    }
    if (n instanceof ArrayNode a) {
      int size = 0;
      for (Node item : a.items()) size += templatedSize(item);
      return size;
    }
    if (!(n instanceof ScalarNode s) || s.type() != ScalarNode.Type.STRING) return 0;
    String t = s.text();
    int size = 0;
    for (int i = t.indexOf('{'); i >= 0; i = t.indexOf('{', i + 1)) {
      boolean dollar = i > 0 && t.charAt(i - 1) == '$';
      boolean mustache = t.startsWith("{{", i);
      if (!dollar && !mustache) continue;
      int end = t.indexOf(mustache ? "}}" : "}", i);
      if (end < 0) break;
      String part = dollar ? t.substring(i - 1, end + 1) : t.substring(i, end + 2);
      if (Templates.hasTemplateSubstitution(part)) size += part.length();
      i = end;
    }
    return size;
  }

  static int compactSize(Node n) {
    if (n instanceof ObjectNode o) {
      int size = 2 + Math.max(0, o.entries().size() - 1);
      for (ObjectNode.Entry e : o.entries()) size += stringSize(e.key()) + 1 + compactSize(e.value());
      return size;
    }
    if (n instanceof ArrayNode a) {
      int size = 2 + Math.max(0, a.items().size() - 1);
      for (Node item : a.items()) size += compactSize(item);
      return size;
    }
    ScalarNode s = (ScalarNode) n;
    return switch (s.type()) {
      case STRING -> stringSize(s.text());
      case NULL -> 4;
      default -> s.text().length();
    };
  }

  /** A JSON string literal's length: quotes plus the text with {@code "}, {@code \} and controls escaped. */
  private static int stringSize(String text) {
    int size = 2;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') size += 2;
      else if (c < 0x20) size += 6;
      else size += 1;
    }
    return size;
  }
}
