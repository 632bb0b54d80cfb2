package dev.iamlint.core.source;

import dev.iamlint.core.source.LoadProblem.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Builds a {@link Node} tree from JSON with Jackson's streaming parser. Jackson gives the char
 * offset where each token starts; ends are found by scanning the text, so every span is exact.
 * The same builder parses JSON embedded in a string: then {@code offsets} maps each char of the
 * parsed text to its char in the file.
 */
final class JsonTreeBuilder {

  private final SourceText file;
  private final String text;
  private final int[] offsets;
  private final String basePointer;
  private final Limits limits;
  private final List<LoadProblem> problems = new ArrayList<>();
  private JsonParser parser;

  /** For a whole file. */
  JsonTreeBuilder(SourceText file, Limits limits) {
    this(file, file.text(), null, "", limits);
  }

  /**
   * For JSON inside a string: {@code text} is the decoded string, {@code offsets[i]} the file
   * offset of its char i (length text.length() + 1), {@code basePointer} the string's pointer.
   */
  JsonTreeBuilder(SourceText file, String text, int[] offsets, String basePointer, Limits limits) {
    this.file = file;
    this.text = text;
    this.offsets = offsets;
    this.basePointer = basePointer;
    this.limits = limits;
  }

  /**
   * The factory for the default limits, shared: a JsonFactory is thread-safe and meant to be
   * reused, and building one per file (its symbol tables and constraints) was a tenth of the
   * parse time. Runs with configured limits build one per parse, as before.
   */
  private static final JsonFactory DEFAULT_FACTORY = newFactory(Limits.DEFAULT);

  private static JsonFactory factory(Limits limits) {
    // Identity first: the record's equals is bootstrapped (invokedynamic) on its first call.
    return limits == Limits.DEFAULT || limits.equals(Limits.DEFAULT) ? DEFAULT_FACTORY : newFactory(limits);
  }

  private static JsonFactory newFactory(Limits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNumberLength(limits.maxNumberLength())
            .maxNameLength(limits.maxStringLength())
            .build())
        .build();
  }

  LoadedFile build(SourceFile source) {
    List<Node> docs = new ArrayList<>(1);
    Node root = parseRoot();
    if (root != null) docs.add(root);
    return new LoadedFile(source, file, docs, problems);
  }

  /** Parses the single JSON value of the text; null (with a problem recorded) on failure. */
  Node parseRoot() {
    try (JsonParser p = factory(limits).createParser(ObjectReadContext.empty(), text)) {
      this.parser = p;
      JsonToken t = p.nextToken();
      if (t == null) {
        problems.add(LoadProblem.of(Kind.SYNTAX, "empty file: expected a JSON value", span(0, 0)));
        return null;
      }
      Node root = read(t, basePointer);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        int at = (int) p.currentTokenLocation().getCharOffset();
        problems.add(LoadProblem.of(Kind.SYNTAX,
            "unexpected content after the end of the JSON value (only one value is allowed)", span(at, at + 1)));
      }
      return root;
    } catch (StreamConstraintsException e) {
      problems.add(LoadProblem.of(Kind.LIMIT, limitMessage(e), limitSpan(e)));
    } catch (JacksonException e) {
      Span at = errorSpan(e.getLocation());
      problems.add(LoadProblem.of(Kind.SYNTAX, syntaxMessage(e) + placeholderHint(e.getLocation()), at));
    } catch (StackOverflowError e) {
      problems.add(LoadProblem.of(Kind.LIMIT, "nesting too deep to parse", span(0, 0)));
    }
    return null;
  }

  List<LoadProblem> problems() {
    return problems;
  }

  private Node read(JsonToken t, String pointer) {
    int start = (int) parser.currentTokenLocation().getCharOffset();
    switch (t) {
      case START_OBJECT: {
        List<ObjectNode.Entry> entries = new ArrayList<>();
        Map<String, Span> seen = new HashMap<>();
        JsonToken k;
        while ((k = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
          String key = parser.currentName();
          int keyStart = (int) parser.currentTokenLocation().getCharOffset();
          Span keySpan = span(keyStart, stringEnd(keyStart));
          String childPointer = Node.childPointer(pointer, key);
          Span first = seen.put(key, keySpan); // the previous occurrence: this one replaces its value
          if (first != null) {
            problems.add(new LoadProblem(Kind.DUPLICATE_KEY,
                "duplicate key \"" + key + "\": the value at line " + first.startLine() + " is silently replaced by this one",
                keySpan, childPointer, first));
          }
          Node value = read(parser.nextToken(), childPointer);
          entries.add(new ObjectNode.Entry(key, keySpan, value));
        }
        int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
        return new ObjectNode(span(start, end), pointer, null, entries);
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        JsonToken v;
        while ((v = parser.nextToken()) != JsonToken.END_ARRAY) {
          items.add(read(v, pointer + "/" + items.size()));
        }
        int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
        return new ArrayNode(span(start, end), pointer, null, items);
      }
      case VALUE_STRING: {
        String value = parser.getString();
        int end = stringEnd(start);
        ScalarNode.RawRegion raw = new ScalarNode.RawRegion(file, map(start + 1), map(Math.max(start + 1, end - 1)), '"');
        return new ScalarNode(span(start, end), pointer, null, ScalarNode.Type.STRING, value, value, raw);
      }
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT: {
        String literal = parser.getString();
        Number n = parser.getNumberValue();
        return new ScalarNode(span(start, start + literal.length()), pointer, null, ScalarNode.Type.NUMBER, n, literal, null);
      }
      case VALUE_TRUE:
        return new ScalarNode(span(start, start + 4), pointer, null, ScalarNode.Type.BOOLEAN, Boolean.TRUE, "true", null);
      case VALUE_FALSE:
        return new ScalarNode(span(start, start + 5), pointer, null, ScalarNode.Type.BOOLEAN, Boolean.FALSE, "false", null);
      case VALUE_NULL:
        return new ScalarNode(span(start, start + 4), pointer, null, ScalarNode.Type.NULL, null, "null", null);
      default:
        throw new IllegalStateException("unexpected token " + t);
    }
  }

  /** Offset just past the closing quote of the string starting at {@code start}. */
  private int stringEnd(int start) {
    int n = text.length();
    for (int i = start + 1; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\\') i++;
      else if (c == '"') return i + 1;
    }
    return n;
  }

  private int map(int offset) {
    if (offsets == null) return offset;
    return offsets[Math.max(0, Math.min(offset, offsets.length - 1))];
  }

  private Span span(int start, int end) {
    return file.span(map(start), map(end));
  }

  /**
   * Jackson reports a number over maxNumberLength with no location while it reads the number
   * token, and the parser's own location is then past it; point at the number instead: the first
   * too-long run of number characters after the previous token.
   */
  private Span limitSpan(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (e.getLocation() == null && parser != null && m.startsWith("Number value length")) {
      long prev = parser.currentToken() == null ? 0 : parser.currentTokenLocation().getCharOffset();
      int i = (int) Math.max(0, Math.min(prev, text.length()));
      if (i < text.length() && text.charAt(i) == '"') i = stringEnd(i);
      int n = text.length();
      while (i < n) {
        int j = i;
        while (j < n && "0123456789-+.eE".indexOf(text.charAt(j)) >= 0) j++;
        if (j - i > limits.maxNumberLength()) return span(i, i);
        i = Math.max(j, i + 1);
      }
    }
    return errorSpan(e.getLocation());
  }

  private Span errorSpan(TokenStreamLocation loc) {
    if (loc == null && parser != null) loc = parser.currentLocation();
    if (loc == null) return span(0, 0);
    long off = loc.getCharOffset();
    if (off >= 0) {
      int o = (int) Math.min(off, text.length());
      return span(o, o);
    }
    if (offsets == null && loc.getLineNr() > 0) {
      return Span.at(loc.getLineNr(), Math.max(1, loc.getColumnNr()));
    }
    return span(0, 0);
  }

  /** LZA and CloudFormation placeholders left unquoted make a file invalid JSON until substituted. */
  private String placeholderHint(TokenStreamLocation loc) {
    if (loc == null || loc.getCharOffset() < 0) return "";
    int o = (int) Math.min(loc.getCharOffset(), text.length());
    int from = Math.max(0, o - 2);
    String near = text.substring(from, Math.min(text.length(), o + 3));
    return near.contains("${") || near.contains("{{")
        ? " (an unsubstituted template placeholder such as ${ACCEL_LOOKUP::...}? the tool that deploys this file substitutes it first)"
        : "";
  }

  private static String syntaxMessage(JacksonException e) {
    String m = Loader.oneLine(e.getOriginalMessage());
    // Jackson's messages name its own API ("Unexpected character ('}' (code 125))"); keep the
    // part a user can act on.
    m = m.replaceAll(" \\(code \\d+\\)", "");
    if (m.contains("was expecting double-quote to start field name")) {
      m += " (trailing comma or unquoted key?)";
    }
    return "invalid JSON: " + m;
  }

  private static String limitMessage(StreamConstraintsException e) {
    String m = Loader.oneLine(e.getOriginalMessage());
    if (m.contains("nesting depth")) return "nesting deeper than the limit (limits.maxDepth); not linted: " + m;
    return "over a parser limit; not linted: " + m;
  }
}
