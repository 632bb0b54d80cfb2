package dev.iamlint.rules.grammar;

import dev.iamlint.core.catalog.EditDistance;
import dev.iamlint.core.Level;
import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.model.Intrinsics;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.Span;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The policy grammar of the IAM User Guide ("IAM JSON policy element reference", "Grammar of
 * the IAM JSON policy language"), per policy kind: which elements exist, their types, and which
 * are required or forbidden. Version is IAM003's, empty lists are IAM007's, and Principal in
 * SCPs and RCPs is IAM601's. When nothing declared the document's kind and its content leaves
 * several kinds plausible, an element is reported as wrong for the kind only when it is wrong for
 * every plausible kind, and one note says which kind was assumed and how to declare it.
 */
@RuleInfo(
    id = "IAM002",
    name = "invalid-policy-structure",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 5.0,
    tags = {"grammar"},
    summary = "The policy does not follow the IAM policy grammar for its kind.",
    description = "AWS rejects a policy with a missing Statement or Effect, an unknown element, a value of the wrong type, "
        + "both or neither of Action/NotAction, a Resource missing where it is required or present in a trust policy, or "
        + "a Principal in an identity policy. Where AWS is lenient (an unknown key ignored by a tool), the policy does "
        + "something other than what it says.",
    messages = {
      @RuleInfo.Message(id = "notObject", text = "a policy document must be a JSON object, not {0}"),
      @RuleInfo.Message(id = "unknownTop", text = "unknown policy element \"{0}\"{1}; a policy has Version, Id and Statement"),
      @RuleInfo.Message(id = "noStatement", text = "the policy has no Statement"),
      @RuleInfo.Message(id = "statementType", text = "Statement must be an object or an array of objects, not {0}"),
      @RuleInfo.Message(id = "statementItemType", text = "a statement must be an object, not {0}"),
      @RuleInfo.Message(id = "unknownElement", text = "unknown statement element \"{0}\"{1}"),
      @RuleInfo.Message(id = "noEffect", text = "the statement has no Effect (Allow or Deny)"),
      @RuleInfo.Message(id = "badEffect", text = "Effect must be \"Allow\" or \"Deny\" (case-sensitive), not {0}"),
      @RuleInfo.Message(id = "bothOf", text = "a statement cannot have both {0} and {1}"),
      @RuleInfo.Message(id = "noneOf", text = "the statement has neither {0} nor {1}"),
      @RuleInfo.Message(id = "resourceInTrust", text = "{0} is not allowed in a role trust policy"),
      @RuleInfo.Message(id = "principalInIdentity", text = "{0} is not allowed in an identity-based policy; the principal is whoever the policy is attached to"),
      @RuleInfo.Message(id = "noPrincipal", text = "a {0} policy statement needs a Principal"),
      @RuleInfo.Message(id = "notPrincipalAllow", text = "NotPrincipal is not supported with \"Effect\": \"Allow\""),
      @RuleInfo.Message(id = "notPrincipalTrust", text = "NotPrincipal is not supported in a role trust policy"),
      @RuleInfo.Message(id = "stringOrList", text = "{0} must be a string or an array of strings, not {1}"),
      @RuleInfo.Message(id = "itemType", text = "{0} values must be strings, not {1}"),
      @RuleInfo.Message(id = "stringType", text = "{0} must be a string, not {1}"),
      @RuleInfo.Message(id = "principalType", text = "{0} must be \"*\" or an object of principal types (AWS, Service, Federated, CanonicalUser), not {1}"),
      @RuleInfo.Message(id = "principalKey", text = "unknown principal type \"{0}\"{1}; use AWS, Service, Federated or CanonicalUser"),
      @RuleInfo.Message(id = "conditionType", text = "Condition must be an object of operators, not {0}"),
      @RuleInfo.Message(id = "conditionOperatorType", text = "the value of condition operator {0} must be an object of condition keys, not {1}"),
      @RuleInfo.Message(id = "conditionValueType", text = "condition values of {0} must be strings, numbers or booleans, or an array of them, not {1}"),
      @RuleInfo.Message(id = "kindAssumed", level = Level.NOTE,
          text = "nothing declares what this policy is; read as {0} because {1}; if it is {2}, declare it in .iam-lint.yaml "
              + "(kinds: {3}: [<glob>])")
    })
public final class InvalidPolicyStructure implements DocumentRule {

  private static final List<String> TOP = List.of("Version", "Id", "Statement");
  private static final List<String> ELEMENTS =
      List.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");
  private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    PolicyDocument.KindInference inferred = policy.inference();
    if (inferred != null && inferred.reason() != null && !inferred.alternatives().isEmpty()) {
      PolicyKind other = inferred.alternatives().stream().sorted().findFirst().orElseThrow();
      ctx.report(ctx.file(), start(policy.root()), policy.root().pointer(), "kindAssumed", describe(policy.kind()),
          inferred.reason(), describe(other), configKey(other));
    }
    if (!policy.isWholeDocument()) return; // one statement, or synthesized from resource properties
    ObjectNode root = policy.object();
    if (root == null) {
      ctx.report(policy.root(), "notObject", article(policy.root()));
      return;
    }
    for (ObjectNode.Entry e : root.entries()) {
      if (!TOP.contains(e.key())) {
        ctx.report(ctx.file(), e.keySpan(), Node.childPointer(root.pointer(), e.key()), "unknownTop", e.key(), suggest(e.key(), TOP));
      }
    }
    ObjectNode.Entry st = root.entry("Statement");
    if (st == null) {
      ctx.report(ctx.file(), start(root), root.pointer(), "noStatement");
    } else if (!(st.value() instanceof ArrayNode) && !(st.value() instanceof ObjectNode) && !Intrinsics.isIntrinsic(st.value())) {
      ctx.report(st.value(), "statementType", article(st.value()));
    }
  }

  @Override
  public void onStatement(PolicyDocument policy, Statement s, RuleContext ctx) {
    if (policy.shape() == PolicyDocument.Shape.SYNTHESIZED) return; // built from properties the template schema checks
    ObjectNode o = s.object();
    if (o == null) {
      ctx.report(s.node(), "statementItemType", article(s.node()));
      return;
    }
    for (ObjectNode.Entry e : o.entries()) {
      String k = e.key();
      if (!ELEMENTS.contains(k)) {
        ctx.report(ctx.file(), e.keySpan(), Node.childPointer(o.pointer(), k), "unknownElement", k, suggest(k, ELEMENTS));
        continue;
      }
      Node v = e.value();
      if (Intrinsics.isIntrinsic(v)) continue; // CloudFormation computes it
      switch (k) {
        case "Sid", "Effect" -> {
          // Sid: 1 in YAML is a number to the parser but a statement id to whoever wrote it; whether
          // the tool that turns the YAML into policy JSON quotes it is not known here, so no error.
          if (k.equals("Sid") && v instanceof ScalarNode n && n.type() == ScalarNode.Type.NUMBER
              && ctx.file().format() == Format.YAML) {
            continue;
          }
          if (!(v instanceof ScalarNode sc && sc.isString())) ctx.report(v, "stringType", k, article(v));
          else if (k.equals("Effect") && !sc.text().equals("Allow") && !sc.text().equals("Deny")) {
            ctx.report(v, "badEffect", "\"" + sc.text() + "\"");
          }
        }
        case "Action", "NotAction", "Resource", "NotResource" -> stringOrList(k, v, ctx);
        case "Principal", "NotPrincipal" -> principal(k, v, policy.kind(), ctx);
        case "Condition" -> condition(v, ctx);
        default -> { }
      }
    }
    if (!o.has("Effect")) ctx.report(ctx.file(), start(o), o.pointer(), "noEffect");
    pair(o, "Action", "NotAction", true, ctx);
    Set<PolicyKind> kinds = plausibleKinds(policy);
    if (kinds.equals(Set.of(PolicyKind.TRUST))) {
      for (String r : List.of("Resource", "NotResource")) {
        ObjectNode.Entry e = o.entry(r);
        if (e != null) ctx.report(ctx.file(), e.keySpan(), Node.childPointer(o.pointer(), r), "resourceInTrust", r);
      }
    } else {
      // Some resource policies have no Resource (ECR repository policies, for one): it is the
      // resource the policy is attached to.
      pair(o, "Resource", "NotResource",
          kinds.stream().noneMatch(k -> k == PolicyKind.RESOURCE || k == PolicyKind.TRUST), ctx);
    }
    ObjectNode.Entry p = o.entry("Principal");
    ObjectNode.Entry np = o.entry("NotPrincipal");
    if (kinds.equals(Set.of(PolicyKind.IDENTITY))) {
      for (ObjectNode.Entry e : new ObjectNode.Entry[] {p, np}) {
        if (e != null) ctx.report(ctx.file(), e.keySpan(), Node.childPointer(o.pointer(), e.key()), "principalInIdentity", e.key());
      }
    } else if (PRINCIPAL_KINDS.containsAll(kinds)) {
      // SCP / RCP principals are IAM601's
      PolicyKind kind = policy.kind();
      if (p != null && np != null) {
        ctx.report(ctx.file(), np.keySpan(), Node.childPointer(o.pointer(), "NotPrincipal"), "bothOf", "Principal", "NotPrincipal");
      } else if (p == null && np == null) {
        ctx.report(ctx.file(), start(o), o.pointer(), "noPrincipal", kind == PolicyKind.TRUST ? "trust" : "resource-based");
      }
      if (np != null && kinds.equals(Set.of(PolicyKind.TRUST))) {
        ctx.report(ctx.file(), np.keySpan(), Node.childPointer(o.pointer(), "NotPrincipal"), "notPrincipalTrust");
      } else if (np != null && s.isAllow()) {
        ctx.report(ctx.file(), np.keySpan(), Node.childPointer(o.pointer(), "NotPrincipal"), "notPrincipalAllow");
      }
    }
  }

  private static final Set<PolicyKind> PRINCIPAL_KINDS = Set.of(PolicyKind.TRUST, PolicyKind.RESOURCE);

  /** The document's kind and, when it was inferred, the other kinds it could plausibly be. */
  private static Set<PolicyKind> plausibleKinds(PolicyDocument policy) {
    Set<PolicyKind> out = EnumSet.of(policy.kind());
    if (policy.inference() != null) out.addAll(policy.inference().alternatives());
    return out;
  }

  private static String describe(PolicyKind k) {
    return switch (k) {
      case IDENTITY -> "an identity-based policy";
      case TRUST -> "a role trust policy";
      case RESOURCE -> "a resource-based policy";
      case SCP -> "a service control policy";
      case RCP -> "a resource control policy";
    };
  }

  /** The {@code kinds:} key of the configuration that declares a kind (CONFIG.md). */
  private static String configKey(PolicyKind k) {
    return switch (k) {
      case IDENTITY -> "managedPolicy";
      case TRUST -> "trustPolicy";
      case RESOURCE -> "resourcePolicy";
      case SCP -> "scp";
      case RCP -> "rcp";
    };
  }

  private static void pair(ObjectNode o, String a, String b, boolean required, RuleContext ctx) {
    ObjectNode.Entry ea = o.entry(a);
    ObjectNode.Entry eb = o.entry(b);
    if (ea != null && eb != null) {
      ctx.report(ctx.file(), eb.keySpan(), Node.childPointer(o.pointer(), b), "bothOf", a, b);
    } else if (required && ea == null && eb == null) {
      ctx.report(ctx.file(), start(o), o.pointer(), "noneOf", a, b);
    }
  }

  private static void stringOrList(String element, Node v, RuleContext ctx) {
    if (v instanceof ScalarNode s && s.isString()) return;
    if (Intrinsics.isIntrinsic(v)) return;
    if (v instanceof ArrayNode a) {
      for (Node item : a.items()) {
        if (!(item instanceof ScalarNode s && s.isString()) && !Intrinsics.isIntrinsic(item)) {
          ctx.report(item, "itemType", element, article(item));
        }
      }
      return;
    }
    ctx.report(v, "stringOrList", element, article(v));
  }

  private static void principal(String element, Node v, PolicyKind kind, RuleContext ctx) {
    if (kind.isOrganizationPolicy()) return;
    if (v instanceof ScalarNode s && s.isString() && s.text().equals("*")) return;
    if (Intrinsics.isIntrinsic(v)) return;
    if (!(v instanceof ObjectNode o)) {
      ctx.report(v, "principalType", element, article(v));
      return;
    }
    for (ObjectNode.Entry e : o.entries()) {
      // A key its deployment tool fills in ("${trusted_entity_type}") is a template value, judged by nothing.
      if (!PRINCIPAL_TYPES.contains(e.key()) && !Templates.hasTemplateSubstitution(e.key())) {
        ctx.report(ctx.file(), e.keySpan(), Node.childPointer(o.pointer(), e.key()), "principalKey", e.key(),
            suggest(e.key(), List.copyOf(PRINCIPAL_TYPES)));
      }
      stringOrList(element + "." + e.key(), e.value(), ctx);
    }
  }

  private static void condition(Node v, RuleContext ctx) {
    if (Intrinsics.isIntrinsic(v)) return;
    if (!(v instanceof ObjectNode block)) {
      ctx.report(v, "conditionType", article(v));
      return;
    }
    for (ObjectNode.Entry op : block.entries()) {
      if (Intrinsics.isIntrinsic(op.value())) continue;
      if (!(op.value() instanceof ObjectNode keys)) {
        ctx.report(op.value(), "conditionOperatorType", op.key(), article(op.value()));
        continue;
      }
      for (ObjectNode.Entry k : keys.entries()) {
        Node val = k.value();
        if (Intrinsics.isIntrinsic(val)) continue;
        if (val instanceof ArrayNode a) {
          for (Node item : a.items()) {
            if (Intrinsics.isIntrinsic(item)) continue;
            if (!(item instanceof ScalarNode sc) || sc.type() == ScalarNode.Type.NULL) {
              ctx.report(item, "conditionValueType", k.key(), article(item));
            }
          }
        } else if (!(val instanceof ScalarNode sc) || sc.type() == ScalarNode.Type.NULL) {
          ctx.report(val, "conditionValueType", k.key(), article(val));
        }
      }
    }
  }

  private static Span start(Node n) {
    return Span.at(n.span().startLine(), n.span().startColumn());
  }

  private static String article(Node n) {
    String t = n.typeName();
    return (t.equals("object") || t.equals("array") ? "an " : "a ") + t;
  }

  /** " (did you mean X?)" for a near miss, case or a small typo. */
  static String suggest(String key, List<String> known) {
    String best = EditDistance.nearest(key, known, Math.max(1, key.length() / 4));
    return best != null ? " (did you mean \"" + best + "\"?)" : "";
  }
}
