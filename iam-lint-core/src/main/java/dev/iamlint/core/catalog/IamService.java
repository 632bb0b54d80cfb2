package dev.iamlint.core.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS service: its prefix, name, actions, resource types and condition keys. Immutable from the
 * outside; its contents are decoded from the catalogue on first use (see
 * {@link CatalogReader.ServiceSource}) and never change after that.
 */
public final class IamService {
  private final String prefix;
  private final String name;
  private final CatalogReader.ServiceSource source;
  // Written once under the lock, read without it: Body has only final fields.
  private volatile Body body;

  /** The decoded contents of a service. */
  static final class Body {
    final List<IamAction> actions;
    final List<ResourceType> resourceTypes;
    final List<ConditionKey> conditionKeys;
    // Lower-cased action names, parallel to actions: wildcard expansion matches against these.
    final String[] lowerActionNames;
    final Map<String, IamAction> actionsByLowerName;
    final Map<String, ResourceType> resourceTypesByLowerName;

    Body(List<IamAction> actions, List<ResourceType> resourceTypes, List<ConditionKey> conditionKeys) {
      this.actions = List.copyOf(actions);
      this.resourceTypes = List.copyOf(resourceTypes);
      this.conditionKeys = List.copyOf(conditionKeys);
      this.lowerActionNames = new String[this.actions.size()];
      Map<String, IamAction> byName = new HashMap<>(this.actions.size() * 2);
      for (int i = 0; i < lowerActionNames.length; i++) {
        IamAction a = this.actions.get(i);
        lowerActionNames[i] = a.name().toLowerCase(Locale.ROOT);
        byName.put(lowerActionNames[i], a);
      }
      this.actionsByLowerName = byName;
      Map<String, ResourceType> rts = new HashMap<>();
      for (ResourceType r : this.resourceTypes) {
        rts.put(r.name().toLowerCase(Locale.ROOT), r);
      }
      this.resourceTypesByLowerName = rts;
    }
  }

  IamService(String prefix, String name, CatalogReader.ServiceSource source) {
    this.prefix = prefix;
    this.name = name;
    this.source = source;
  }

  private Body body() {
    Body b = body;
    if (b == null) {
      synchronized (this) {
        b = body;
        if (b == null) {
          b = source.decode(prefix);
          body = b;
        }
      }
    }
    return b;
  }

  /** The service prefix used in actions, e.g. {@code s3}. */
  public String prefix() {
    return prefix;
  }

  /** The service's name, e.g. {@code Amazon S3}. */
  public String name() {
    return name;
  }

  /** All actions, sorted by name. */
  public List<IamAction> actions() {
    return body().actions;
  }

  public List<ResourceType> resourceTypes() {
    return body().resourceTypes;
  }

  /** The condition keys the service supports, including the global tag keys it lists. */
  public List<ConditionKey> conditionKeys() {
    return body().conditionKeys;
  }

  /** The action with this name (without prefix), case-insensitively. */
  public Optional<IamAction> action(String actionName) {
    return Optional.ofNullable(body().actionsByLowerName.get(actionName.toLowerCase(Locale.ROOT)));
  }

  /** The resource type with this name, case-insensitively. */
  public Optional<ResourceType> resourceType(String typeName) {
    return Optional.ofNullable(body().resourceTypesByLowerName.get(typeName.toLowerCase(Locale.ROOT)));
  }

  String lowerActionName(int i) {
    return body().lowerActionNames[i];
  }

  @Override
  public String toString() {
    return prefix + " (" + name + ")";
  }
}
