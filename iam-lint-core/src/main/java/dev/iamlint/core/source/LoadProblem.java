package dev.iamlint.core.source;

/**
 * Something the loader could not accept, or accepted leniently ({@link Kind#NOT_STRICT}).
 * {@link Kind#DUPLICATE_KEY} is reported by the duplicate-key rule, every other kind by the
 * parse-error rule.
 *
 * @param related a second position that explains the problem (the first occurrence of a
 *     duplicate key), or null
 */
public record LoadProblem(Kind kind, String message, Span span, String pointer, Span related) {

  public enum Kind {
    /** Not valid JSON or YAML; the span is the parser's position. */
    SYNTAX,
    /** Not UTF-8, binary, or an unsupported encoding. */
    ENCODING,
    /** Over a configured limit: file size, nesting depth, string length, alias expansion. */
    LIMIT,
    /** The file could not be read. */
    IO,
    /** The same key twice in one object. */
    DUPLICATE_KEY,
    /**
     * Read, but not as strictly as the file's name says: a {@code .json} CloudFormation template
     * that is valid YAML only (a trailing comma). The file is linted; the problem is a note.
     */
    NOT_STRICT
  }

  public static LoadProblem of(Kind kind, String message, Span span) {
    return new LoadProblem(kind, message, span, null, null);
  }
}
