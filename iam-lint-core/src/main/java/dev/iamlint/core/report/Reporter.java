package dev.iamlint.core.report;

import dev.iamlint.core.engine.LintResult;
import java.io.IOException;
import java.io.Writer;

/** Renders a {@link LintResult} in one output format. Stateless. */
public interface Reporter {

  /** Writes the whole report. The writer is not closed. */
  void write(LintResult result, Writer out) throws IOException;
}
