package dev.iamlint.core.source;

import dev.iamlint.core.source.LoadProblem.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Builds {@link Node} trees from YAML parser events (snakeyaml-engine, the YAML 1.2 parser under
 * jackson-dataformat-yaml). Working on events rather than on Jackson's token stream gives the
 * exact error mark, scalar styles (needed to map JSON embedded in a block scalar back to file
 * positions), anchors on scalars, and tags such as CloudFormation's {@code !Sub}.
 *
 * <p>Aliases are resolved by sharing the anchored node, never by copying, and every alias counts
 * the size of what it stands for against {@link Limits#maxNodes()}, so an expansion attack ends
 * with a finding instead of exhausting memory or time in the rules that walk the tree.
 */
final class YamlTreeBuilder {

  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

  private final SourceText file;
  private final Limits limits;
  private final int[] cpToChar;
  private final List<LoadProblem> problems = new ArrayList<>();
  private final Map<String, Node> anchors = new HashMap<>();
  private final Map<Node, Long> anchoredSize = new IdentityHashMap<>();
  private Iterator<Event> events;
  private long nodes;

  YamlTreeBuilder(SourceText file, Limits limits) {
    this.file = file;
    this.limits = limits;
    this.cpToChar = codePointMap(file.text());
  }

  /** Raised to stop building at the first problem that makes the rest unreliable. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  /**
   * Hands the text to snakeyaml-engine so that no read ends on a high surrogate: its
   * StreamReader (3.0.1) indexes past its buffer when a read chunk ends in the first half of a
   * surrogate pair (an emoji at char 1024 of a file threw IndexOutOfBoundsException).
   */
  private static final class SurrogateSafeReader extends java.io.Reader {
    private final String text;
    private int pos;

    SurrogateSafeReader(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (len == 0) return 0;
      if (pos >= text.length()) return -1;
      int end = Math.min(text.length(), pos + len);
      if (end < text.length() && end - pos > 1 && Character.isHighSurrogate(text.charAt(end - 1))) end--;
      text.getChars(pos, end, buf, off);
      int n = end - pos;
      pos = end;
      return n;
    }

    @Override
    public void close() {}
  }

  LoadedFile build(SourceFile source) {
    List<Node> docs = new ArrayList<>();
    LoadSettings settings = LoadSettings.builder()
        .setLabel(source.relativePath())
        .setUseMarks(true)
        .setAllowDuplicateKeys(true)
        .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes() + 1))
        .build();
    try {
      events = new Parse(settings).parseReader(new SurrogateSafeReader(file.text())).iterator();
      while (events.hasNext()) {
        Event e = events.next();
        switch (e.getEventId()) {
          case DocumentStart -> {
            anchors.clear();
            Event first = events.next();
            docs.add(read(first, "", 1));
            Event end = events.next();
            if (end.getEventId() != Event.ID.DocumentEnd) throw new IllegalStateException("expected document end");
          }
          default -> { }
        }
      }
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
      problems.add(LoadProblem.of(Kind.SYNTAX, "invalid YAML: " + yamlMessage(e), m == null ? Span.FILE_START : at(m)));
    } catch (YamlEngineException e) {
      problems.add(LoadProblem.of(Kind.SYNTAX, "invalid YAML: " + Loader.oneLine(e.getMessage()), Span.FILE_START));
    } catch (Stop e) {
      // the problem is recorded
    } catch (StackOverflowError e) {
      problems.add(LoadProblem.of(Kind.LIMIT, "nesting too deep to parse", Span.FILE_START));
    } catch (RuntimeException e) {
      // A parser bug must not end the run: report it on this file like a syntax error.
      problems.add(LoadProblem.of(Kind.SYNTAX, "the YAML parser failed on this file: " + Loader.oneLine(String.valueOf(e)), Span.FILE_START));
    }
    if (docs.isEmpty() && problems.isEmpty()) {
      problems.add(LoadProblem.of(Kind.SYNTAX, "empty file: no YAML document", Span.FILE_START));
    }
    return new LoadedFile(source, file, docs, problems);
  }

  private Node read(Event e, String pointer, int depth) {
    if (depth > limits.maxDepth()) {
      problems.add(LoadProblem.of(Kind.LIMIT, "nesting deeper than the limit of " + limits.maxDepth()
          + " (limits.maxDepth); not linted", start(e)));
      throw new Stop();
    }
    long before = nodes;
    count(1, e);
    Node node;
    switch (e.getEventId()) {
      case Scalar -> node = scalar((ScalarEvent) e, pointer);
      case Alias -> {
        String name = ((AliasEvent) e).getAlias().getValue();
        Node target = anchors.get(name);
        if (target == null) {
          problems.add(LoadProblem.of(Kind.SYNTAX, "unknown alias *" + name
              + " (no anchor &" + name + " before it, or the alias refers to its own enclosing node)", span(e)));
          throw new Stop();
        }
        count(anchoredSize.getOrDefault(target, 1L), e);
        return target;
      }
      case MappingStart -> node = mapping((MappingStartEvent) e, pointer, depth);
      case SequenceStart -> node = sequence((SequenceStartEvent) e, pointer, depth);
      default -> throw new IllegalStateException("unexpected YAML event " + e.getEventId());
    }
    Optional<String> anchor = ((NodeEvent) e).getAnchor().map(a -> a.getValue());
    if (anchor.isPresent()) {
      anchors.put(anchor.get(), node);
      anchoredSize.put(node, nodes - before);
    }
    return node;
  }

  private void count(long n, Event e) {
    nodes += n;
    if (nodes > limits.maxNodes()) {
      problems.add(LoadProblem.of(Kind.LIMIT, "more than " + limits.maxNodes()
          + " nodes once aliases are expanded (limits.maxNodes); possible alias expansion attack; not linted", start(e)));
      throw new Stop();
    }
  }

  private ObjectNode mapping(MappingStartEvent start, String pointer, int depth) {
    List<ObjectNode.Entry> entries = new ArrayList<>();
    Map<String, Span> seen = new HashMap<>();
    List<Node> merges = new ArrayList<>();
    Event k;
    while ((k = events.next()).getEventId() != Event.ID.MappingEnd) {
      if (k.getEventId() != Event.ID.Scalar) {
        String what = k.getEventId() == Event.ID.Alias ? "an alias" : "a " + (k.getEventId() == Event.ID.MappingStart ? "mapping" : "sequence");
        int at = offset(k.getStartMark().orElse(null));
        String hint = file.text().startsWith("{{", at) || (at > 0 && file.text().startsWith("{{", at - 1))
            ? " (an unsubstituted template placeholder such as {{ Name }}? LZA substitutes these before reading the file)" : "";
        problems.add(LoadProblem.of(Kind.SYNTAX, "invalid YAML for a policy file: " + what + " is used as a mapping key" + hint, start(k)));
        throw new Stop();
      }
      ScalarEvent keyEvent = (ScalarEvent) k;
      String key = keyEvent.getValue();
      Span keySpan = span(k);
      count(1, k);
      String childPointer = Node.childPointer(pointer, key);
      Node value = read(events.next(), childPointer, depth + 1);
      if ("<<".equals(key) && keyEvent.isPlain()) {
        merges.add(value);
        continue;
      }
      Span first = seen.put(key, keySpan); // the previous occurrence: this one replaces its value
      if (first != null) {
        problems.add(new LoadProblem(Kind.DUPLICATE_KEY,
            "duplicate key \"" + key + "\": the value at line " + first.startLine() + " is silently replaced by this one",
            keySpan, childPointer, first));
      }
      entries.add(new ObjectNode.Entry(key, keySpan, value));
    }
    // YAML merge keys: explicit keys win, earlier merge sources win over later ones.
    for (Node m : merges) {
      List<Node> sources = m instanceof ArrayNode a ? a.items() : List.of(m);
      for (Node src : sources) {
        if (!(src instanceof ObjectNode o)) continue;
        for (ObjectNode.Entry me : o.entries()) {
          if (seen.putIfAbsent(me.key(), me.keySpan()) == null) entries.add(me);
        }
      }
    }
    return new ObjectNode(span(start, k), pointer, tag(start), entries);
  }

  private ArrayNode sequence(SequenceStartEvent start, String pointer, int depth) {
    List<Node> items = new ArrayList<>();
    Event v;
    while ((v = events.next()).getEventId() != Event.ID.SequenceEnd) {
      items.add(read(v, pointer + "/" + items.size(), depth + 1));
    }
    return new ArrayNode(span(start, v), pointer, tag(start), items);
  }

  private ScalarNode scalar(ScalarEvent e, String pointer) {
    String value = e.getValue();
    if (value.length() > limits.maxStringLength()) {
      problems.add(LoadProblem.of(Kind.LIMIT, "string longer than the limit of " + limits.maxStringLength()
          + " characters (limits.maxStringLength); not linted", span(e)));
      throw new Stop();
    }
    String tag = e.getTag().map(YamlTreeBuilder::shortTag).orElse(null);
    ScalarNode.Type type = ScalarNode.Type.STRING;
    Object resolved = value;
    if (e.isPlain() && tag == null) {
      if (value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null") || value.equals("NULL")) {
        type = ScalarNode.Type.NULL;
        resolved = null;
      } else if (value.equals("true") || value.equals("True") || value.equals("TRUE")) {
        type = ScalarNode.Type.BOOLEAN;
        resolved = Boolean.TRUE;
      } else if (value.equals("false") || value.equals("False") || value.equals("FALSE")) {
        type = ScalarNode.Type.BOOLEAN;
        resolved = Boolean.FALSE;
      } else if (value.length() > limits.maxNumberLength() && (INT.matcher(value).matches() || FLOAT.matcher(value).matches())) {
        problems.add(LoadProblem.of(Kind.LIMIT, "number longer than the limit of " + limits.maxNumberLength()
            + " characters (limits.maxNumberLength); not linted", span(e)));
        throw new Stop();
      } else if (value.length() <= limits.maxNumberLength() && INT.matcher(value).matches()) {
        type = ScalarNode.Type.NUMBER;
        resolved = parseInt(value);
      } else if (value.length() <= limits.maxNumberLength() && FLOAT.matcher(value).matches()) {
        type = ScalarNode.Type.NUMBER;
        resolved = parseFloat(value);
      }
    } else if ("tag:yaml.org,2002:str".equals(tag)) {
      tag = null;
    }
    int s = offset(e.getStartMark().orElse(null));
    int end = offset(e.getEndMark().orElse(null));
    // Block scalars end after their trailing line breaks; a finding should end at the text.
    while (end > s && Character.isWhitespace(file.text().charAt(end - 1))) end--;
    char style = styleChar(e.getScalarStyle());
    int rawStart = s;
    String lead = file.text().substring(s, Math.min(end, s + 64));
    if (style == '"' || style == '\'') {
      int q = lead.indexOf(style);
      rawStart = q < 0 ? s : s + q + 1;
    } else if (style == '|' || style == '>') {
      int nl = lead.indexOf('\n');
      rawStart = nl < 0 ? s : s + nl + 1;
    } else if (tag != null && lead.startsWith("!")) {
      int sp = lead.indexOf(' ');
      rawStart = sp < 0 ? s : s + sp + 1;
    }
    int rawEnd = (style == '"' || style == '\'') ? Math.max(rawStart, end - 1) : end;
    ScalarNode.RawRegion raw = new ScalarNode.RawRegion(file, rawStart, rawEnd, style);
    String text = type == ScalarNode.Type.NULL ? "null" : value;
    return new ScalarNode(file.span(s, end), pointer, tag, type, resolved, text, raw);
  }

  private static Number parseInt(String v) {
    try {
      if (v.startsWith("0o")) return Long.parseLong(v.substring(2), 8);
      if (v.startsWith("0x")) return Long.parseLong(v.substring(2), 16);
      return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
    } catch (NumberFormatException e) {
      // Over a long: keep the radix (0x and 0o digits are not decimal).
      if (v.startsWith("0o")) return new java.math.BigInteger(v.substring(2), 8);
      if (v.startsWith("0x")) return new java.math.BigInteger(v.substring(2), 16);
      return new java.math.BigInteger(v.startsWith("+") ? v.substring(1) : v);
    }
  }

  private static Number parseFloat(String v) {
    String l = v.toLowerCase(java.util.Locale.ROOT);
    if (l.endsWith(".inf")) return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    if (l.endsWith(".nan")) return Double.NaN;
    return new java.math.BigDecimal(v.startsWith("+") ? v.substring(1) : v.startsWith(".") ? "0" + v : v.startsWith("-.") ? "-0" + v.substring(1) : v);
  }

  private static char styleChar(ScalarStyle s) {
    return switch (s) {
      case DOUBLE_QUOTED, JSON_SCALAR_STYLE -> '"';
      case SINGLE_QUOTED -> '\'';
      case LITERAL -> '|';
      case FOLDED -> '>';
      default -> 0;
    };
  }

  private static String tag(CollectionStartEvent e) {
    return e.getTag().map(YamlTreeBuilder::shortTag).orElse(null);
  }

  /** {@code !Sub} becomes {@code Sub}; standard tags keep their full form. */
  private static String shortTag(String tag) {
    if (tag.startsWith("!")) return tag.substring(1);
    return tag;
  }

  private static String yamlMessage(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem().strip();
    String context = e.getContext() == null ? "" : e.getContext().strip();
    String m = context.isEmpty() ? problem : problem.isEmpty() ? context : problem + " (" + context + ")";
    if (m.contains("\\t(TAB)") || m.contains("(TAB)")) m += "; YAML does not allow tabs for indentation";
    return Loader.oneLine(m.replace('\n', ' '));
  }

  private Span span(Event e) {
    return file.span(offset(e.getStartMark().orElse(null)), offset(e.getEndMark().orElse(null)));
  }

  private Span span(Event start, Event end) {
    int s = offset(start.getStartMark().orElse(null));
    int en = offset(end.getEndMark().orElse(null));
    while (en > s && Character.isWhitespace(file.text().charAt(en - 1))) en--;
    return file.span(s, en);
  }

  private Span start(Event e) {
    int s = offset(e.getStartMark().orElse(null));
    return file.span(s, s);
  }

  private Span at(Mark m) {
    int o = offset(m);
    return file.span(o, o);
  }

  private int offset(Mark m) {
    if (m == null) return 0;
    int cp = m.getIndex();
    if (cpToChar == null) return Math.min(cp, file.length());
    return cpToChar[Math.max(0, Math.min(cp, cpToChar.length - 1))];
  }

  /** Code point index to char index, or null when they are the same (no surrogate pairs). */
  private static int[] codePointMap(String s) {
    boolean surrogates = false;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        surrogates = true;
        break;
      }
    }
    if (!surrogates) return null;
    int[] map = new int[s.codePointCount(0, s.length()) + 1];
    int cp = 0;
    for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) map[cp++] = i;
    map[cp] = s.length();
    return map;
  }
}
