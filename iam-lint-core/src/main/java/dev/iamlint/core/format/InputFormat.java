package dev.iamlint.core.format;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.SourceFile;
import java.util.List;

/**
 * One input format (policy files, CloudFormation, Landing Zone Accelerator, ...): which files are
 * what, the documents in them, and their contribution to the organization and deployment model.
 * Stateless; a run's state goes into the contexts. Adding a format is one package with one class
 * implementing this, plus one line in {@link Formats#BUILT_IN}.
 */
public interface InputFormat {

  /** A short stable name ({@code lza}, {@code cloudformation}, ...). */
  String id();

  /**
   * Substrings of a file's text without which the file contributes nothing to the workspace
   * (declarations, organization, deployment, CMPs, permission sets, assignments); the engine may
   * skip parsing non-target files that contain none. Empty: the format contributes only
   * documents (and a file declared by another file must then be read anyway).
   */
  List<String> contextSignals();

  /**
   * Whether this file makes its folder the root of one deployment of its own: a tool that reads
   * its configuration from fixed file names in one folder (Landing Zone Accelerator's
   * {@code accounts-config.yaml}, {@code organization-config.yaml}, {@code iam-config.yaml}) or
   * describes one organization per file (org-formation's {@code organization.yml}) deploys each
   * such folder to its own organization and Identity Center instance. Asked of every file after the
   * walk, before any is parsed: decide by the name, and read the file only for a name that can
   * qualify. A repository holding several of them (a test and a production landing zone, say) is
   * several deployments: the engine gives each its own workspace, so one's permission sets,
   * policies and guardrails are never taken for the other's.
   */
  default boolean rootsDeployment(SourceFile file) {
    return false;
  }

  /**
   * Whether a file of this name is this format's whatever it holds (Landing Zone Accelerator's
   * fixed configuration file names): one that does not parse is then an IAM001 finding, not a
   * file of another tool left alone.
   */
  default boolean ownsByName(String fileName) {
    return false;
  }

  /** Phase 0, once per run: what the run's configuration contributes (the {@code organization:} section). */
  default void configure(Config config, ScanContext ctx) {}

  /**
   * Phase 1, every loaded file, in order, before any document is extracted: what this file
   * declares about other files (kinds of the bare files it names, with file references for
   * IAM010) and what it contributes to the organization and deployment model.
   */
  default void scan(LoadedFile file, ScanContext ctx) {}

  /**
   * Phase 2: the documents of one document root of a file. Returns true when it recognised the
   * format (and added what it found to {@code ctx}), false to let the next format try.
   */
  boolean extract(Node root, ExtractContext ctx);
}
