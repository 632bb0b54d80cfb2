package dev.iamlint.core.rule;

import dev.iamlint.core.RuleOptions;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.time.Instant;

/**
 * What a rule can see and do while it runs: its options, the catalogue, the clock, and report
 * findings. Positions come from the model (a {@link Str} or a {@link Node}); rules never count
 * lines. One context per rule per file; not shared between threads.
 */
public interface RuleContext {

  RuleDescriptor rule();

  RuleOptions options();

  /** The run's configuration (kinds, temporary globs, organization, ...). */
  Config config();

  /** The IAM catalogue, loaded on first use. */
  IamCatalog catalog();

  /** "Now" for time-window rules: {@code --now}, config {@code now}, or the real time. */
  Instant now();

  /** The file being checked (document rules); null in workspace rules. */
  SourceFile file();

  /**
   * Whether findings in this file are reported in this run: a run over some paths (a pre-commit
   * hook's staged files) reads the whole repository as context but reports only on its targets.
   * A workspace rule may skip the work whose findings could only land elsewhere; it never has to.
   */
  default boolean reportable(SourceFile file) {
    return true;
  }

  /** Reports at a piece of text of the current file. */
  default Report report(Str at, String messageId, Object... args) {
    return report(file(), at.span(), at.pointer(), messageId, args);
  }

  /** Reports at a node of the current file. */
  default Report report(Node at, String messageId, Object... args) {
    return report(file(), at.span(), at.pointer(), messageId, args);
  }

  /** Reports at a piece of text of any file (workspace rules). */
  default Report report(SourceFile in, Str at, String messageId, Object... args) {
    return report(in, at.span(), at.pointer(), messageId, args);
  }

  /** Reports at an explicit position. */
  Report report(SourceFile in, Span span, String pointer, String messageId, Object... args);

  /** A reported finding, to which related locations can be added. */
  interface Report {
    Report related(SourceFile in, Span span, String message);
  }
}
