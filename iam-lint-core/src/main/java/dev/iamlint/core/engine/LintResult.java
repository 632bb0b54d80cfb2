package dev.iamlint.core.engine;

import dev.iamlint.core.config.FailLevel;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleDescriptor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything a run produced, in memory; reporters render it and the CLI / Maven goal decide the
 * exit code or build result from it, never from a written report.
 *
 * @param root the lint root (findings' paths are relative to it)
 * @param rules the rules that ran, sorted by id (SARIF {@code tool.driver.rules})
 * @param findings all findings in deterministic order, suppressed ones included (marked)
 * @param notifications problems of the run itself (I/O, configuration warnings, rule failures)
 * @param filesScanned files read
 * @param documentsChecked access documents found in them (policies, permission sets, ...)
 * @param failLevel the effective fail level
 * @param now the clock the time-window rules used
 * @param catalogDate the data date of the IAM catalogue, or null when it was not loaded
 * @param durationMillis wall time of the run
 * @param category the run's category (SARIF {@code automationDetails.id}), or null for the default
 * @param parseCache what the parse cache did (for {@code --verbose}; no report shows it, so reports
 *     are the same with and without the cache)
 */
public record LintResult(
    Path root,
    List<RuleDescriptor> rules,
    List<Finding> findings,
    List<Notification> notifications,
    int filesScanned,
    int documentsChecked,
    FailLevel failLevel,
    Instant now,
    String catalogDate,
    long durationMillis,
    String category,
    CacheUse parseCache) {

  public LintResult {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
    notifications = List.copyOf(notifications);
    if (parseCache == null) parseCache = CacheUse.OFF;
  }

  /** A result without parse-cache figures (reporters' tests, results built by hand). */
  public LintResult(Path root, List<RuleDescriptor> rules, List<Finding> findings, List<Notification> notifications,
      int filesScanned, int documentsChecked, FailLevel failLevel, Instant now, String catalogDate, long durationMillis,
      String category) {
    this(root, rules, findings, notifications, filesScanned, documentsChecked, failLevel, now, catalogDate,
        durationMillis, category, CacheUse.OFF);
  }

  /**
   * What the parse cache did in a run.
   *
   * @param directory this build's directory of the cache, or null when the run had none
   * @param read trees read from it instead of parsing their files
   * @param written trees parsed and kept for later runs
   */
  public record CacheUse(Path directory, int read, int written) {
    public static final CacheUse OFF = new CacheUse(null, 0, 0);
  }

  /** Findings that are not suppressed. */
  public List<Finding> activeFindings() {
    return findings.stream().filter(f -> !f.suppressed()).toList();
  }

  /** True when an unsuppressed finding is at or above the fail level (never for NONE). */
  public boolean failed() {
    for (Finding f : findings) {
      if (!f.suppressed() && failLevel.fails(f.level())) return true;
    }
    return false;
  }

  /** The rules that threw (each with the file and the exception); the run's verdict is incomplete. */
  public List<Notification> ruleFailures() {
    return notifications.stream().filter(n -> n.failure() != null).toList();
  }

  /**
   * False when a rule threw or a file or directory could not be read (an error-level
   * notification): the findings may be incomplete, so the run fails whatever they are (SARIF
   * {@code executionSuccessful}, CLI exit code 2, a Maven build error).
   */
  public boolean executionSuccessful() {
    return notifications.stream().noneMatch(n -> n.level() == Level.ERROR);
  }

  /** Unsuppressed findings at a given level. */
  public long count(Level level) {
    return findings.stream().filter(f -> !f.suppressed() && f.level() == level).count();
  }

  public long suppressedCount() {
    return findings.stream().filter(Finding::suppressed).count();
  }
}
