package dev.iamlint.core.model;

import java.util.List;

/**
 * Where a deployment goes, as written (LZA {@code deploymentTargets}): OUs (or the root) and
 * accounts by id or name, minus excluded accounts. Resolved against the organization in the
 * workspace.
 */
public record DeploymentTargets(List<Str> organizationalUnits, List<Str> accounts, List<Str> excludedAccounts) {

  public static final DeploymentTargets NONE = new DeploymentTargets(List.of(), List.of(), List.of());

  public DeploymentTargets {
    organizationalUnits = List.copyOf(organizationalUnits);
    accounts = List.copyOf(accounts);
    excludedAccounts = List.copyOf(excludedAccounts);
  }
}
