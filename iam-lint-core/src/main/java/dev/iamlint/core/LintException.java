package dev.iamlint.core;

/**
 * The run cannot start or finish: a bad configuration, a missing path, an unreadable catalogue.
 * The message is one line for the user (CLI exit code 2, Maven MojoExecutionException).
 */
public final class LintException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LintException(String message) {
    super(message);
  }

  public LintException(String message, Throwable cause) {
    super(message, cause);
  }
}
