package dev.iamlint.core.source;

import dev.iamlint.core.source.LoadProblem.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads files into {@link Node} trees that keep positions. Never throws for bad content: every
 * problem (I/O, encoding, syntax, limits, duplicate keys) comes back as a {@link LoadProblem}
 * with a position. Stateless and thread-safe.
 */
public final class Loader {

  private final Limits limits;

  public Loader(Limits limits) {
    this.limits = limits;
  }

  public Limits limits() {
    return limits;
  }

  /** Reads and parses a file from disk. */
  public LoadedFile load(SourceFile file) {
    Read r = read(file);
    return r.failure() != null ? r.failure() : parse(file, r.text());
  }

  /**
   * Reads and parses a file from disk, through the cache: a file the cache keeps (YAML) whose bytes
   * were parsed by an earlier run is read from the cache, any other is parsed (and kept, if YAML).
   */
  public LoadedFile load(SourceFile file, TreeCache cache) {
    if (!cache.keeps(file)) return load(file);
    byte[] bytes = bytesOrNull(file.path(), limits.maxFileBytes());
    // Unreadable or over the limit: load says why, as without the cache.
    return bytes == null ? load(file) : load(file, bytes, cache);
  }

  /**
   * The file's bytes by {@link #readAtMost}, or null when it holds more than {@code max} or cannot
   * be read: for callers that read a file only if they can, and leave the reason to {@link #load}.
   */
  public static byte[] bytesOrNull(Path path, long max) {
    try {
      return readAtMost(path, max).bytes();
    } catch (IOException | SecurityException | OutOfMemoryError e) {
      return null;
    }
  }

  /** A file's bytes, or null bytes when it holds more than the limit; {@code size} as it was opened. */
  public record Bytes(byte[] bytes, long size) {}

  /**
   * Reads a file of at most {@code max} bytes with one open and one {@code fstat}: asking its size
   * first ({@code Files.size}) would be another system call for every file of the repository, and
   * system calls are dear on a virtual machine. What a file holds is read up to the size it had
   * when opened; one whose size the system does not know (a pipe) is read to its end, and is over
   * the limit once it passes it.
   */
  public static Bytes readAtMost(Path path, long max) throws IOException {
    try (var channel = Files.newByteChannel(path)) {
      long size = channel.size();
      if (size > max) return new Bytes(null, size);
      byte[] b = new byte[(int) size];
      int n = 0;
      for (;;) {
        // The size the file had when opened is read, and no further: one read call fewer than
        // reading to the end. A file whose size the system does not know (0) is read to its end.
        if (n == b.length && size > 0) break;
        if (n == b.length) {
          if (n > max) return new Bytes(null, n);
          // Full, and its size was not known: read on, to one byte past the limit.
          b = Arrays.copyOf(b, (int) Math.min(Math.max(8192L, b.length * 2L), max + 1));
        }
        int r = channel.read(ByteBuffer.wrap(b, n, b.length - n));
        if (r < 0) break;
        n += r;
      }
      return new Bytes(n == b.length ? b : Arrays.copyOf(b, n), size);
    }
  }

  /** Parses bytes already read from a file, through the cache (see {@link #load(SourceFile, TreeCache)}). */
  public LoadedFile load(SourceFile file, byte[] bytes, TreeCache cache) {
    Read r = read(file, bytes);
    if (r.failure() != null) return r.failure();
    if (!cache.keeps(file)) return parse(file, r.text());
    LoadedFile cached = cache.get(file, bytes, r.text());
    if (cached != null) return cached;
    LoadedFile parsed = parse(file, r.text());
    cache.put(file, bytes, r.text(), parsed);
    return parsed;
  }

  /**
   * The decoded text of a file, or the failed result (I/O, size limit, encoding). Lets a caller
   * look at the text before paying for the parse.
   */
  public record Read(String text, LoadedFile failure) {}

  /** Reads and decodes a file without parsing it. */
  public Read read(SourceFile file) {
    byte[] bytes;
    try {
      Bytes b = readAtMost(file.path(), limits.maxFileBytes());
      if (b.bytes() == null) {
        return new Read(null, failed(file, Kind.LIMIT, "file is " + b.size() + " bytes, over the limit of " + limits.maxFileBytes()
            + " bytes; not linted (raise limits.maxFileBytes in .iam-lint.yaml if this file is really a policy)"));
      }
      bytes = b.bytes();
    } catch (NoSuchFileException e) {
      return new Read(null, failed(file, Kind.IO, "file disappeared before it could be read"));
    } catch (AccessDeniedException e) {
      return new Read(null, failed(file, Kind.IO, "permission denied: cannot read the file"));
    } catch (IOException | SecurityException | OutOfMemoryError e) {
      return new Read(null, failed(file, Kind.IO, "cannot read the file: " + oneLine(e.getMessage())));
    }
    return read(file, bytes);
  }

  /** Decodes bytes already read from a file. */
  public Read read(SourceFile file, byte[] bytes) {
    if (bytes.length > limits.maxFileBytes()) {
      return new Read(null, failed(file, Kind.LIMIT, "file is over the limit of " + limits.maxFileBytes() + " bytes; not linted"));
    }
    Decoded d = decode(bytes);
    if (d.problem != null) return new Read(null, new LoadedFile(file, null, List.of(), List.of(d.problem)));
    return new Read(d.text, null);
  }

  /** Parses text already in memory (the BOM, if any, must have been removed). */
  public LoadedFile parse(SourceFile file, String text) {
    SourceText source = new SourceText(text);
    LoadedFile strict = switch (file.format()) {
      case JSON -> {
        LoadedFile json = new JsonTreeBuilder(source, limits).build(file);
        LoadedFile lenient = json.failed() ? asYamlTemplate(file, source, json) : null;
        yield lenient != null ? lenient : json;
      }
      case YAML -> new YamlTreeBuilder(source, limits).build(file);
    };
    if (!strict.failed() || firstSyntaxProblem(strict) == null) return strict;
    LoadedFile substituted = withPlaceholdersQuoted(file, text, strict);
    if (substituted != null && !substituted.failed()) return substituted;
    LoadedFile spaced = file.format() == Format.YAML ? withSeparatingTabsAsSpaces(file, text, strict) : null;
    if (spaced != null) return spaced;
    // Still failing with its placeholders read as strings: the error further on is the file's.
    return substituted != null ? substituted : strict;
  }

  /**
   * A YAML file that parses once the tabs that separate its tokens are read as spaces (see
   * {@link SeparatingTabs}): linted, with a note saying so, instead of an unlintable file. Its
   * placeholders, if it also has some, are read as strings too.
   */
  private LoadedFile withSeparatingTabsAsSpaces(SourceFile file, String text, LoadedFile strict) {
    String spaced = SeparatingTabs.spaced(text);
    if (spaced == null) return null;
    LoadedFile again = new YamlTreeBuilder(new SourceText(spaced), limits).build(file);
    if (again.failed()) again = withPlaceholdersQuoted(file, spaced, again);
    if (again == null || again.failed()) return null;
    return readLeniently(again, "a tab separates or ends a value here: YAML 1.2 allows it, but many YAML parsers "
        + "(PyYAML, SnakeYAML) reject it; read with the tab as a space", firstSyntaxProblem(strict).span());
  }

  /**
   * A file that parses once its unquoted template placeholders are read as strings (see
   * {@link UnquotedPlaceholders}): linted, with a note saying so, instead of an unlintable file.
   * One that still fails, further on, gives that failure; null when it holds no placeholder or
   * fails no further.
   */
  private LoadedFile withPlaceholdersQuoted(SourceFile file, String text, LoadedFile strict) {
    UnquotedPlaceholders.Quoted quoted = UnquotedPlaceholders.quote(text, file.format());
    if (quoted == null) return null;
    SourceText source = new SourceText(quoted.text());
    LoadedFile again = file.format() == Format.JSON
        ? new JsonTreeBuilder(source, limits).build(file) : new YamlTreeBuilder(source, limits).build(file);
    LoadProblem syntax = firstSyntaxProblem(strict);
    if (again.failed()) {
      // Read with its placeholders as strings, the file still fails, further on: that is its real
      // error (an alias with no anchor, say), not the placeholder the strict parse stopped at.
      LoadProblem later = firstSyntaxProblem(again);
      if (later == null || later.span().compareTo(syntax.span()) <= 0) return null;
      return new LoadedFile(file, strict.text(), List.of(), List.of(later));
    }
    return readLeniently(again, placeholdersNote(quoted.styles()), syntax.span());
  }

  /** The note of a file read with its placeholders as strings, naming the kinds it held. */
  private static String placeholdersNote(java.util.Set<UnquotedPlaceholders.Style> styles) {
    boolean template = styles.contains(UnquotedPlaceholders.Style.TEMPLATE);
    boolean build = styles.contains(UnquotedPlaceholders.Style.BUILD);
    if (!build) {
      return "holds unquoted template placeholders that the tool deploying it substitutes before reading it "
          + "(as Landing Zone Accelerator does); read with them as strings";
    }
    return template
        ? "holds unquoted template ({{ }}) and build (%NAME%) placeholders that are substituted before it is "
            + "deployed; read with them as strings"
        : "holds unquoted build placeholders (%NAME%) that its build substitutes before it is deployed (as AWS "
            + "Solutions templates do); read with them as strings";
  }

  /**
   * A {@code .json} file that is not JSON but is valid YAML, when it is a CloudFormation template.
   * CloudFormation accepts YAML templates ("CloudFormation template format": "You can author
   * CloudFormation templates in JSON or YAML formats"), YAML's flow style is a superset of JSON
   * that allows a trailing comma, and such templates deploy (cfn-lint reads them as YAML too).
   * Positions stay those of the text. A policy file gets no such leniency: IAM parses JSON.
   */
  private LoadedFile asYamlTemplate(SourceFile file, SourceText source, LoadedFile json) {
    if (json.problems().stream().anyMatch(p -> p.kind() != Kind.SYNTAX && p.kind() != Kind.DUPLICATE_KEY)) return null;
    LoadedFile yaml = new YamlTreeBuilder(source, limits).build(file);
    if (yaml.failed() || yaml.documents().size() != 1) return null;
    if (!(yaml.documents().get(0) instanceof ObjectNode o) || !(o.has("AWSTemplateFormatVersion") || o.has("Resources"))) {
      return null;
    }
    LoadProblem syntax = firstSyntaxProblem(json);
    return readLeniently(yaml, "not strict JSON (" + syntax.message() + "); read as YAML, as CloudFormation reads "
        + "templates", syntax.span());
  }

  /** The first syntax problem of a parse, or null. */
  private static LoadProblem firstSyntaxProblem(LoadedFile f) {
    for (LoadProblem p : f.problems()) {
      if (p.kind() == Kind.SYNTAX) return p;
    }
    return null;
  }

  /** A lenient read's result: its tree and problems, with the note that says how it was read, at {@code at}. */
  private static LoadedFile readLeniently(LoadedFile read, String note, Span at) {
    List<LoadProblem> problems = new java.util.ArrayList<>(read.problems());
    problems.add(new LoadProblem(Kind.NOT_STRICT, note, at, null, null));
    return new LoadedFile(read.file(), read.text(), read.documents(), problems);
  }

  private static LoadedFile failed(SourceFile file, Kind kind, String message) {
    return new LoadedFile(file, null, List.of(), List.of(LoadProblem.of(kind, message, Span.FILE_START)));
  }

  record Decoded(String text, LoadProblem problem) {}

  /**
   * Strict UTF-8 (AWS requires policies in UTF-8). A UTF-8 byte order mark is accepted and
   * dropped; UTF-16/32 marks, NUL bytes and malformed sequences are reported at their position.
   */
  static Decoded decode(byte[] bytes) {
    int n = bytes.length;
    if (n >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      return new Decoded(null, LoadProblem.of(Kind.ENCODING,
          "file is UTF-16 or UTF-32 (byte order mark found); policies must be UTF-8", Span.FILE_START));
    }
    int start = (n >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) ? 3 : 0;
    for (int i = start; i < n; i++) {
      if (bytes[i] == 0) {
        return new Decoded(null, LoadProblem.of(Kind.ENCODING,
            "binary file (NUL byte at byte offset " + i + "); not a JSON or YAML policy", positionOf(bytes, start, i)));
      }
    }
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, n - start);
    CharBuffer out = CharBuffer.allocate(n - start + 1);
    CoderResult r = dec.decode(in, out, true);
    if (!r.isError()) r = dec.flush(out);
    if (r.isError()) {
      int bad = in.position();
      return new Decoded(null, LoadProblem.of(Kind.ENCODING, String.format(
          "not valid UTF-8: byte 0x%02X at byte offset %d; policies must be UTF-8", bytes[bad] & 0xFF, bad),
          positionOf(bytes, start, bad)));
    }
    out.flip();
    return new Decoded(out.toString(), null);
  }

  /** Line and column of a byte offset, counting the valid UTF-8 before it. */
  private static Span positionOf(byte[] bytes, int start, int offset) {
    String prefix = new String(bytes, start, Math.max(0, offset - start), StandardCharsets.UTF_8);
    SourceText t = new SourceText(prefix);
    int end = prefix.length();
    return Span.at(t.line(end), t.column(end));
  }

  static String oneLine(String s) {
    if (s == null) return "unknown error";
    String first = s.strip();
    int nl = first.indexOf('\n');
    return nl < 0 ? first : first.substring(0, nl).strip();
  }
}
