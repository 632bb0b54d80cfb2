package dev.iamlint.core.engine;

import dev.iamlint.core.format.Formats;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.SourceFile;
import java.util.List;

/**
 * Which context files (under the root, not targets) must be parsed for the workspace: those whose
 * text holds a word that a workspace contribution cannot be written without (a CMP name, a
 * permission set, an assignment, an organization or manifest key). A file without any of them
 * contributes nothing but its own documents, which only its own document rules would read, so a
 * one-file run pays for reading the repository's text, not for parsing it. Files declared by the
 * configuration or a manifest are read whatever their text.
 */
final class ContextFiles {

  private ContextFiles() {}

  /** The substrings every format declares (see {@link InputFormat#contextSignals()}), matched case-sensitively. */
  private static final List<String> SIGNALS = List.copyOf(Formats.contextSignals());

  /** The parsed file when its text can contribute to the workspace, else null. */
  static LoadedFile loadIfRelevant(SourceFile file, Loader loader) {
    Loader.Read r = loader.read(file);
    if (r.failure() != null || !relevant(r.text())) return null;
    return loader.parse(file, r.text());
  }

  static boolean relevant(String text) {
    for (String s : SIGNALS) {
      if (text.contains(s)) return true;
    }
    return false;
  }
}
