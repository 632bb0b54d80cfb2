package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void outOfMemoryIsAdviceNotABugReport() {
    StringWriter s = new StringWriter();
    Errors.report(new PrintWriter(s), new OutOfMemoryError("Java heap space"), false);
    String text = s.toString();
    assertTrue(text.startsWith("iam-lint: error: out of memory: this run needs more than the Java heap's "), text);
    assertTrue(text.contains("IAMLINT_JAVA_OPTS=\"-Xmx2g\""), text);
    assertFalse(text.contains("bug"), text);
    assertFalse(text.contains("\tat "), "no stack trace: " + text);
  }
}
