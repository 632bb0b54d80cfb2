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
 * Resources whose properties are one grant that AWS writes into a resource policy as a statement
 * ({@code AWS::Lambda::Permission}, {@code AWS::Lambda::LayerVersionPermission}, the legacy
 * {@code AWS::Events::EventBusPolicy}), read as that statement.
 *
 * <p>{@code AWS::Lambda::Permission} as the statement Lambda adds to the function's resource-based
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
final class GrantProperties {

  private GrantProperties() {}

  /** The properties of {@code AWS::Lambda::Permission} that AWS turns into conditions. */
  private static final List<Mapped> LAMBDA_PERMISSION_CONDITIONS = List.of(
      new Mapped("SourceArn", "ArnLike", "aws:SourceArn"),
      new Mapped("SourceAccount", "StringEquals", "aws:SourceAccount"),
      new Mapped("PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID"),
      new Mapped("FunctionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType"));

  /** The synthesized one-statement policy, or null when the permission has no Principal. */
  static PolicyDocument read(SourceFile file, ObjectNode p, String where) {
    return synthesize(file, p, where, LAMBDA_PERMISSION_CONDITIONS, true);
  }

  /**
   * {@code AWS::Lambda::LayerVersionPermission}: grants {@code Action} on a layer version to
   * {@code Principal} (an account id or {@code *}), limited to an organization by
   * {@code OrganizationId} (template reference, aws-resource-lambda-layerversionpermission.html).
   */
  static PolicyDocument readLayer(SourceFile file, ObjectNode p, String where) {
    return synthesize(file, p, where, List.of(new Mapped("OrganizationId", "StringEquals", "aws:PrincipalOrgID")), false);
  }

  /**
   * The legacy form of {@code AWS::Events::EventBusPolicy} without {@code Statement}:
   * {@code Action}, {@code Principal} (an account id or {@code *}) and {@code Condition}
   * {@code {Type, Key, Value}} (template reference, aws-resource-events-eventbuspolicy.html: "If
   * you specify Condition with an AWS organization ID, and specify "*" as the value for Principal,
   * you grant permission to all the accounts in the named organization").
   */
  static PolicyDocument readEventBusLegacy(SourceFile file, ObjectNode p, String where) {
    PolicyDocument d = synthesize(file, p, where, List.of(), false);
    if (d == null) return null;
    ObjectNode.Entry c = p.entry("Condition");
    if (c == null || !(c.value() instanceof ObjectNode cond)) return d;
    ObjectNode.Entry type = cond.entry("Type");
    ObjectNode.Entry key = cond.entry("Key");
    ObjectNode.Entry value = cond.entry("Value");
    if (type == null || key == null || value == null || !(type.value() instanceof ScalarNode t) || !(key.value() instanceof ScalarNode k)) {
      return d;
    }
    Statement s = d.statements().get(0);
    Condition mapped = new Condition(Str.of(t), ConditionOperator.parse(t.text()), Str.of(k),
        ValueList.of(Str.key(value, cond.pointer()), value.value()));
    Statement withCondition = new Statement(0, s.node(), null, null, s.effect(), s.principal(), null, s.action(), null, null,
        null, Str.key(c, p.pointer()), List.of(mapped));
    return new PolicyDocument(file, p, null, PolicyKind.RESOURCE, Set.of(PolicyUse.RESOURCE), null, null, null, null,
        List.of(withCondition), false, where, false, null, PolicyDocument.Shape.SYNTHESIZED, null);
  }

  /** A property that AWS turns into a condition of the statement. */
  private record Mapped(String property, String operator, String key) {}

  /**
   * One Allow statement from {@code Principal}, {@code Action} and the mapped properties; a
   * principal is a service when {@code servicePrincipals} and it names one ({@code s3.amazonaws.com}),
   * else an account or {@code *}. Null when there is no Principal.
   */
  private static PolicyDocument synthesize(SourceFile file, ObjectNode p, String where, List<Mapped> mapped,
      boolean servicePrincipals) {
    ObjectNode.Entry principalEntry = p.entry("Principal");
    if (principalEntry == null) return null;
    String ptr = p.pointer();
    Str principalKey = Str.key(principalEntry, ptr);
    ValueList principalValues = ValueList.of(principalKey, principalEntry.value());
    Str star = principalValues.find("*");
    Map<String, ValueList> byType = new LinkedHashMap<>();
    if (star == null) {
      boolean service = servicePrincipals
          && principalValues.values().stream().anyMatch(v -> v.text().contains(".amazonaws.com"));
      byType.put(service ? "Service" : "AWS", principalValues);
    }
    Principal principal = new Principal(principalKey, principalEntry.value(), star, byType);
    ObjectNode.Entry actionEntry = p.entry("Action");
    ValueList action = actionEntry == null ? null : ValueList.of(Str.key(actionEntry, ptr), actionEntry.value());
    Str effect = new Str("Allow", principalKey.span(), principalKey.pointer());
    List<Condition> conditions = new ArrayList<>();
    for (Mapped m : mapped) condition(p, m.property(), m.operator(), m.key(), conditions);
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
