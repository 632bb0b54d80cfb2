package dev.iamlint.core.rule;

import java.util.Map;

/**
 * Every rule id and name of the published catalogue (RULES.md), implemented in this version or
 * not. Ids are a public contract: configuration that names a catalogued rule not implemented yet
 * is accepted with a notice (so a configuration works across versions), while a name in no
 * catalogue is an error.
 */
public final class RuleCatalogue {

  /** Id to name. */
  public static final Map<String, String> IDS = Map.ofEntries(
      Map.entry("IAM001", "parse-error"),
      Map.entry("IAM002", "invalid-policy-structure"),
      Map.entry("IAM003", "invalid-version"),
      Map.entry("IAM004", "invalid-sid"),
      Map.entry("IAM005", "duplicate-key"),
      Map.entry("IAM006", "policy-size-limit"),
      Map.entry("IAM007", "empty-element"),
      Map.entry("IAM008", "invalid-condition"),
      Map.entry("IAM009", "invalid-arn"),
      Map.entry("IAM010", "missing-file-reference"),
      Map.entry("IAM012", "placeholder-values"),
      Map.entry("IAM101", "unknown-service"),
      Map.entry("IAM102", "unknown-action"),
      Map.entry("IAM103", "unknown-condition-key"),
      Map.entry("IAM104", "resource-type-mismatch"),
      Map.entry("IAM105", "redundant-grant"),
      Map.entry("IAM201", "full-admin-grant"),
      Map.entry("IAM202", "service-wildcard-action"),
      Map.entry("IAM203", "wildcard-resource-on-write"),
      Map.entry("IAM204", "allow-not-action"),
      Map.entry("IAM205", "privilege-escalation"),
      Map.entry("IAM206", "pass-role-unrestricted"),
      Map.entry("IAM207", "credentials-exposure"),
      Map.entry("IAM301", "missing-mfa-condition"),
      Map.entry("IAM302", "mfa-deny-bool-trap"),
      Map.entry("IAM303", "mfa-allow-ifexists-trap"),
      Map.entry("IAM304", "mfa-condition-never-present"),
      Map.entry("IAM305", "mfa-age-unbounded"),
      Map.entry("IAM401", "time-window-inverted"),
      Map.entry("IAM402", "time-window-expired"),
      Map.entry("IAM403", "time-window-malformed"),
      Map.entry("IAM404", "time-window-string-operator"),
      Map.entry("IAM405", "time-window-open-ended"),
      Map.entry("IAM406", "time-window-missing"),
      Map.entry("IAM407", "time-window-too-long"),
      Map.entry("IAM501", "cmp-reference-unresolved"),
      Map.entry("IAM502", "cmp-name-mismatch"),
      Map.entry("IAM503", "cmp-missing-in-target-account"),
      Map.entry("IAM504", "unknown-aws-managed-policy"),
      Map.entry("IAM505", "session-duration-invalid"),
      Map.entry("IAM506", "permission-set-policy-limit"),
      Map.entry("IAM507", "broad-admin-assignment"),
      Map.entry("IAM508", "assignment-unresolved"),
      Map.entry("IAM509", "invalid-permission-set-name"),
      Map.entry("IAM601", "scp-invalid-element"),
      Map.entry("IAM602", "scp-attachment-limit"),
      Map.entry("IAM603", "scp-guardrail-missing"),
      Map.entry("IAM604", "scp-denies-granted-access"),
      Map.entry("IAM605", "scp-unattached"),
      Map.entry("IAM606", "scp-region-deny-blocks-global-services"),
      Map.entry("IAM701", "public-principal"),
      Map.entry("IAM702", "oidc-trust-without-subject"),
      Map.entry("IAM703", "cross-account-trust-without-external-id"),
      Map.entry("IAM704", "service-principal-confused-deputy"),
      Map.entry("IAM801", "new-access-granted"));

  private RuleCatalogue() {}

  /** The catalogued id for an id or name, or null. */
  public static String idOf(String idOrName) {
    for (Map.Entry<String, String> e : IDS.entrySet()) {
      if (e.getKey().equalsIgnoreCase(idOrName) || e.getValue().equals(idOrName)) return e.getKey();
    }
    return null;
  }
}
