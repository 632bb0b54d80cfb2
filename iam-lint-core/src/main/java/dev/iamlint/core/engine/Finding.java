package dev.iamlint.core.engine;

import dev.iamlint.core.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One result of a rule. Immutable.
 *
 * @param ruleId stable id such as {@code IAM201}
 * @param ruleName kebab-case rule name such as {@code full-admin-grant}
 * @param level the effective level (after configuration)
 * @param messageId the id of the rule's message template that produced {@code message}
 * @param message the rendered message
 * @param location the primary location
 * @param related further locations that explain the finding (e.g. the denying SCP statement)
 * @param fingerprint a hash that stays the same when unrelated lines move (rule, path, pointer,
 *     and the text of the element), used for SARIF partialFingerprints and baselines
 * @param suppression why this finding is suppressed, or null when it is not
 */
public record Finding(
    String ruleId,
    String ruleName,
    Level level,
    String messageId,
    String message,
    Location location,
    List<RelatedLocation> related,
    String fingerprint,
    Suppression suppression) {

  /** Deterministic order: path, position, rule id, message. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::location)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(ruleId);
    Objects.requireNonNull(level);
    Objects.requireNonNull(message);
    Objects.requireNonNull(location);
    related = List.copyOf(related);
  }

  public boolean suppressed() {
    return suppression != null;
  }

  public Finding withLevel(Level newLevel) {
    return new Finding(ruleId, ruleName, newLevel, messageId, message, location, related, fingerprint, suppression);
  }

  public Finding withSuppression(Suppression s) {
    return new Finding(ruleId, ruleName, level, messageId, message, location, related, fingerprint, s);
  }

  /** A secondary location with a short message. */
  public record RelatedLocation(Location location, String message) {}

  /** A suppression from the configuration (reason is mandatory there). */
  public record Suppression(String reason, String expires) {}
}
