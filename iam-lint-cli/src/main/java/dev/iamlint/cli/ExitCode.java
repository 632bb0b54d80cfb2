package dev.iamlint.cli;

/** The process exit codes of {@code iam-lint}; scripts and CI gates depend on them, so they never change. */
public enum ExitCode {
  /** Nothing at or above the fail level. */
  OK(0),
  /** At least one unsuppressed finding at or above the fail level. */
  FINDINGS(1),
  /** Usage, configuration or I/O error, or an internal error: the run did not produce a verdict. */
  ERROR(2);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
