package dev.iamlint.core.source;

import java.util.List;

/**
 * The result of loading one file: its text (null when it could not be read or decoded), its
 * documents (a YAML file may hold several, separated by {@code ---}), and the problems found. A
 * file with a syntax error has the documents read before the error.
 */
public record LoadedFile(SourceFile file, SourceText text, List<Node> documents, List<LoadProblem> problems) {

  public LoadedFile {
    documents = List.copyOf(documents);
    problems = List.copyOf(problems);
  }

  /**
   * True when the file parses only leniently ({@link LoadProblem.Kind#NOT_STRICT}): once its
   * unquoted template placeholders are read as strings, or a {@code .json} template as YAML. Like a
   * file that does not parse, it may not be iam-lint's business (a Helm chart's template).
   */
  public boolean lenient() {
    for (LoadProblem p : problems) {
      if (p.kind() == LoadProblem.Kind.NOT_STRICT) return true;
    }
    return false;
  }

  /** True when the file could not be fully parsed (syntax, encoding, limit or I/O problem). */
  public boolean failed() {
    for (LoadProblem p : problems) {
      if (p.kind() != LoadProblem.Kind.DUPLICATE_KEY && p.kind() != LoadProblem.Kind.NOT_STRICT) return true;
    }
    return false;
  }
}
