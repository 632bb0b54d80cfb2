package dev.iamlint.core.analysis.access;

import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.util.Set;

/**
 * One step of the chain that decides a request: a statement that grants or denies, a level of the
 * organization that allows nothing, an exemption.
 *
 * @param layer which kind of policy speaks
 * @param effect what this step does to the request
 * @param text what it is, for people ({@code SCP DenyLeave (Root): statement 0 denies organizations:*})
 * @param file where it is written, or null (an AWS managed policy, FullAWSAccess)
 * @param span the smallest element that explains it, or null
 * @param dependsOn the condition keys (or {@code resource}) an open step depends on
 */
public record Reason(Layer layer, Verdict effect, String text, SourceFile file, Span span, Set<String> dependsOn) {

  public Reason {
    dependsOn = Set.copyOf(dependsOn);
  }

  /** The kinds of policy in AWS's evaluation, in the order {@code explain-access} prints them. */
  public enum Layer { IDENTITY, BOUNDARY, SCP, RCP, EXEMPT }

  /** {@code path:line} or {@code path}, or empty when the step has no place in the repository. */
  public String where() {
    if (file == null) return "";
    return span == null ? file.relativePath() : file.relativePath() + ":" + span.startLine();
  }
}
