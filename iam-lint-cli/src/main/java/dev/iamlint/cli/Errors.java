package dev.iamlint.cli;

import dev.iamlint.core.LintException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** How the CLI tells the user that a run failed: one line, a stack trace only when asked. */
final class Errors {

  private Errors() {}

  /** Prints {@code iam-lint: error: <message>} and, for internal errors with verbose, the stack trace. */
  static void report(PrintWriter err, Throwable e, boolean verbose) {
    err.println("iam-lint: error: " + message(e));
    if (verbose) {
      e.printStackTrace(err);
    } else if (isInternal(e)) {
      err.println("iam-lint: this is a bug in iam-lint or a rule; run again with --verbose for the stack trace");
    }
    err.flush();
  }

  /** Errors the user can fix (configuration, usage, files) as opposed to bugs. */
  static boolean isInternal(Throwable e) {
    return !(e instanceof OutOfMemoryError || e instanceof LintException || e instanceof UsageException || e instanceof UncheckedIOException);
  }

  static String message(Throwable e) {
    if (e instanceof OutOfMemoryError) return outOfMemory();
    if (e instanceof LintException || e instanceof UsageException) return oneLine(e.getMessage());
    if (e instanceof UncheckedIOException u && u.getCause() != null) {
      return oneLine(u.getMessage()) + ": " + describe(u.getCause());
    }
    return describe(e);
  }

  /** What to do when the heap is too small: the launcher and the hook read IAMLINT_JAVA_OPTS. */
  static String outOfMemory() {
    long max = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return "out of memory: this run needs more than the Java heap's " + max + " MB; give it more with"
        + " IAMLINT_JAVA_OPTS=\"-Xmx2g\" (the launcher and the pre-commit hook) or java -Xmx2g -jar";
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    String type = e.getClass().getSimpleName();
    return m == null || m.isBlank() ? type : type + ": " + oneLine(m);
  }

  private static String oneLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /** A bad option value found after parsing (e.g. two reports to standard output). */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
