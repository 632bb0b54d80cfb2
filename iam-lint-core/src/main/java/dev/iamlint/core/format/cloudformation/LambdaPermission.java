package dev.iamlint.core.format.cloudformation;

import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.ConditionOperator;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Principal;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.ValueList;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code AWS::Lambda::Permission} as the statement Lambda adds to the function's resource-based
 * policy (template reference, aws-resource-lambda-permission.html: "This resource adds a statement
 * to a resource-based permission policy for the function"; Lambda developer guide,
 * access-control-resource-based.html, shows the statement AddPermission writes): an Allow of
 * {@code Action} to {@code Principal} (a service principal, an account id, an ARN, or {@code *}),
 * conditioned by {@code SourceArn} ({@code ArnLike aws:SourceArn}), {@code SourceAccount}
 * ({@code StringEquals aws:SourceAccount}), {@code PrincipalOrgID}
 * ({@code StringEquals aws:PrincipalOrgID}) and {@code FunctionUrlAuthType}
 * ({@code StringEquals lambda:FunctionUrlAuthType}). The statement's resource is the function
 * itself, so it has no {@code Resource} to check. Positions point at the properties.
 */
final class LambdaPermission {

  private LambdaPermission() {}

  /** The synthesized one-statement policy, or null when the permission has no Principal. */
  static PolicyDocument read(SourceFile file, ObjectNode p, String where) {
    ObjectNode.Entry principalEntry = p.entry("Principal");
    if (principalEntry == null) return null;
    String ptr = p.pointer();
    Str principalKey = Str.key(principalEntry, ptr);
    ValueList principalValues = ValueList.of(principalKey, principalEntry.value());
    Str star = principalValues.find("*");
    Map<String, ValueList> byType = new LinkedHashMap<>();
    if (star == null) {
      boolean service = principalValues.values().stream().anyMatch(v -> v.text().contains(".amazonaws.com"));
      byType.put(service ? "Service" : "AWS", principalValues);
    }
    Principal principal = new Principal(principalKey, principalEntry.value(), star, byType);
    ObjectNode.Entry actionEntry = p.entry("Action");
    ValueList action = actionEntry == null ? null : ValueList.of(Str.key(actionEntry, ptr), actionEntry.value());
    Str effect = new Str("Allow", principalKey.span(), principalKey.pointer());
    List<Condition> conditions = new ArrayList<>();
    condition(p, "SourceArn", "ArnLike", "aws:SourceArn", conditions);
    condition(p, "SourceAccount", "StringEquals", "aws:SourceAccount", conditions);
    condition(p, "PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID", conditions);
    condition(p, "FunctionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType", conditions);
    Statement s = new Statement(0, p, null, null, effect, principal, null, action, null, null, null,
        conditions.isEmpty() ? null : principalKey, conditions);
    return new PolicyDocument(file, p, null, PolicyKind.RESOURCE, Set.of(PolicyUse.RESOURCE), null, null, null, null,
        List.of(s), false, where, false, null, PolicyDocument.Shape.SYNTHESIZED, null);
  }

  private static void condition(ObjectNode p, String property, String operator, String key, List<Condition> out) {
    ObjectNode.Entry e = p.entry(property);
    if (e == null || (e.value() instanceof ScalarNode s && s.type() == ScalarNode.Type.NULL)) return;
    Str at = Str.key(e, p.pointer());
    out.add(new Condition(new Str(operator, at.span(), at.pointer()), ConditionOperator.parse(operator),
        new Str(key, at.span(), at.pointer()), ValueList.of(at, e.value())));
  }
}
