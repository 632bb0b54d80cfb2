package dev.iamlint.core.model;

import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import java.util.List;

/**
 * One policy statement. Elements absent from the source are null. When the statement is not an
 * object, {@code object} is null and everything else is empty; the structure rule reports it.
 *
 * @param index position in the {@code Statement} list (0 for a single-object Statement)
 * @param node the statement as written
 * @param condition the {@code Condition} block's key, or null
 * @param branches the CloudFormation {@code Fn::If} branches the statement sits in, outermost
 *     first; empty when it is always deployed
 */
public record Statement(
    int index,
    Node node,
    ObjectNode object,
    Str sid,
    Str effect,
    Principal principal,
    Principal notPrincipal,
    ValueList action,
    ValueList notAction,
    ValueList resource,
    ValueList notResource,
    Str condition,
    List<Condition> conditions,
    List<Branch> branches) {

  /**
   * One {@code Fn::If} choice: the pointer of the {@code Fn::If} and of the branch taken. Only
   * one branch of an {@code Fn::If} is ever deployed.
   */
  public record Branch(String ifPointer, String branchPointer) {}

  public Statement {
    conditions = List.copyOf(conditions);
    branches = List.copyOf(branches);
  }

  public Statement(int index, Node node, ObjectNode object, Str sid, Str effect, Principal principal,
      Principal notPrincipal, ValueList action, ValueList notAction, ValueList resource, ValueList notResource,
      Str condition, List<Condition> conditions) {
    this(index, node, object, sid, effect, principal, notPrincipal, action, notAction, resource, notResource, condition,
        conditions, List.of());
  }

  public Statement withBranches(List<Branch> b) {
    return new Statement(index, node, object, sid, effect, principal, notPrincipal, action, notAction, resource,
        notResource, condition, conditions, b);
  }

  /**
   * True when the two statements are never deployed together: they sit in different branches of
   * one {@code Fn::If}, so uniqueness checks must not compare them.
   */
  public boolean exclusiveWith(Statement other) {
    for (Branch a : branches) {
      for (Branch b : other.branches) {
        if (a.ifPointer().equals(b.ifPointer()) && !a.branchPointer().equals(b.branchPointer())) return true;
      }
    }
    return false;
  }

  public boolean isAllow() {
    return effect != null && "Allow".equals(effect.text());
  }

  public boolean isDeny() {
    return effect != null && "Deny".equals(effect.text());
  }

  /** {@code Action} or, failing that, {@code NotAction}; null when neither is present. */
  public ValueList actions() {
    return action != null ? action : notAction;
  }

  /** {@code Resource} or, failing that, {@code NotResource}; null when neither is present. */
  public ValueList resources() {
    return resource != null ? resource : notResource;
  }

  public boolean hasConditions() {
    return !conditions.isEmpty();
  }

  /** The conditions on one key (case-insensitive). */
  public List<Condition> conditionsOn(String key) {
    return conditions.stream().filter(c -> c.isKey(key)).toList();
  }
}
