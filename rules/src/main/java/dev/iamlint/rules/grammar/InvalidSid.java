package dev.iamlint.rules.grammar;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code Sid} duplicated within one policy, empty (a note, identity and organization policies
 * only), or with characters the policy kind does not
 * accept (IAM User Guide, "IAM JSON policy elements: Sid": identity policies take ASCII letters
 * and digits only and the Sid must be unique within the policy). Resource and trust policies
 * accept any string (SNS and SQS write Sids such as {@code __default_statement_ID}). A Sid that
 * is not a string is IAM002's.
 */
@RuleInfo(
    id = "IAM004",
    name = "invalid-sid",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 3.0,
    tags = {"grammar"},
    summary = "A statement's Sid is duplicated in the policy or uses characters the policy kind does not accept "
        + "(errors); an empty Sid in an identity policy, SCP or RCP (note).",
    description = "IAM requires the Sid to be unique within a policy and, in identity-based policies (including "
        + "permission-set inline policies) and in SCPs and RCPs, to hold only ASCII letters and digits; AWS rejects "
        + "the policy otherwise. Resource and trust policies accept any string, but a duplicate Sid still makes the "
        + "statements ambiguous to anyone reading or referring to them.",
    messages = {
      @RuleInfo.Message(id = "duplicate", text = "Sid \"{0}\" is already used on line {1} of this policy; Sids must be unique within a policy"),
      @RuleInfo.Message(id = "duplicateResource", level = Level.WARNING,
          text = "Sid \"{0}\" is already used on line {1} of this policy; some services require unique Sids in their "
              + "resource policies (Amazon SNS, Amazon SQS) and tools that manage statements by Sid act on the wrong one"),
      @RuleInfo.Message(id = "empty", level = Level.NOTE,
          text = "Sid is empty; IAM accepts it, but it names nothing: remove it or give the statement a name"),
      @RuleInfo.Message(id = "characters",
          text = "Sid \"{0}\" has characters {1} that {2} do not accept; use only ASCII letters and digits (A-Z, a-z, 0-9)")
    })
public final class InvalidSid implements DocumentRule {

  private static final Pattern ALNUM = Pattern.compile("[A-Za-z0-9]+");

  @Override
  public void onPolicy(PolicyDocument policy, RuleContext ctx) {
    // Statements in different branches of one Fn::If are never deployed together, so they may
    // share a Sid; compare each with the earlier ones it can coexist with.
    Map<String, List<Statement>> seen = new HashMap<>();
    for (Statement s : policy.statements()) {
      ObjectNode o = s.object();
      if (o == null) continue;
      ObjectNode.Entry e = o.entry("Sid");
      if (e == null || !(e.value() instanceof ScalarNode sid) || !sid.isString()) continue;
      String text = sid.text();
      if (text.isEmpty()) {
        // AWS's own examples write "Sid": "" (the Cognito identity-pool role trust policy) and
        // IAM saves it; Access Analyzer calls it a suggestion. So only a note, and only where Sids
        // are restricted to letters and digits; resource and trust policies take any string.
        if (alphanumericOnly(policy.kind()) != null) ctx.report(sid, "empty");
        continue;
      }
      Statement firstStatement = seen.getOrDefault(text, List.of()).stream()
          .filter(t -> !t.exclusiveWith(s)).findFirst().orElse(null);
      if (firstStatement != null) {
        ScalarNode first = (ScalarNode) firstStatement.object().entry("Sid").value();
        // IAM rejects duplicates ("Statement IDs (SID) in a single policy must be unique"), and so
        // do Organizations for SCPs/RCPs; resource policies follow their service: S3 and ECR accept
        // duplicates, SNS and SQS may not (IAM User Guide, "IAM JSON policy elements: Sid").
        String id = policy.mayBe(PolicyKind.RESOURCE) ? "duplicateResource" : "duplicate";
        ctx.report(sid, id, text, String.valueOf(first.span().startLine()))
            .related(ctx.file(), first.span(), "first use of Sid \"" + text + "\"");
      } else {
        seen.computeIfAbsent(text, k -> new ArrayList<>()).add(s);
      }
      String whose = alphanumericOnly(policy.kind());
      if (whose != null && !ALNUM.matcher(text).matches()) {
        ctx.report(sid, "characters", text, badChars(text), whose);
      }
    }
  }

  /** Who accepts letters and digits only, for the message; null when any string is accepted. */
  private static String alphanumericOnly(PolicyKind kind) {
    return switch (kind) {
      case IDENTITY -> "identity-based policies";
      case SCP -> "service control policies";
      case RCP -> "resource control policies";
      default -> null;
    };
  }

  private static String badChars(String text) {
    StringBuilder sb = new StringBuilder();
    text.codePoints().filter(c -> !(c < 128 && Character.isLetterOrDigit(c))).distinct().limit(5).forEach(c -> {
      if (sb.length() > 0) sb.append(' ');
      sb.append(c == ' ' ? "(space)" : "'" + new String(Character.toChars(c)) + "'");
    });
    return sb.toString();
  }
}
