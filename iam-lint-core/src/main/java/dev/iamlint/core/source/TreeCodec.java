package dev.iamlint.core.source;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A compact binary form of a {@link LoadedFile}: the file's bytes (so that a reader can tell the
 * entry belongs to exactly these bytes), its text when the loader read another one than the file's
 * (unquoted placeholders read as strings), its load problems and its node trees, with every span,
 * tag, scalar value and raw region. Decoding gives a file equal to the one encoded, node for node;
 * a YAML alias stays one shared node. The last four bytes are a CRC-32C of the rest, so a damaged
 * entry is refused rather than read as another tree. Used by {@link TreeCache}; never throws on
 * bad input other than {@link Malformed}.
 */
final class TreeCodec {

  private TreeCodec() {}

  /** Bumped whenever the layout changes: entries of another version are never read. */
  static final int VERSION = 1;

  private static final int MAGIC = 0x49414D54; // "IAMT"

  /** An entry that is truncated, corrupt, or of another layout. */
  static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  // Node header bits: the kind in bits 0-1, then flags; a scalar's type in bits 5-6.
  private static final int OBJECT = 0, ARRAY = 1, SCALAR = 2, SHARED = 3;
  private static final int HAS_POINTER = 1 << 2, HAS_TAG = 1 << 3, HAS_RAW = 1 << 4;

  // Scalar value codes.
  private static final int V_NULL = 0, V_TEXT = 1, V_STRING = 2, V_TRUE = 3, V_FALSE = 4, V_INT = 5, V_LONG = 6,
      V_BIG_INTEGER = 7, V_DOUBLE = 8, V_BIG_DECIMAL = 9, V_FLOAT = 10;

  // ---- encoding -------------------------------------------------------------------------------

  /**
   * The entry for a file loaded from {@code bytes} whose decoded text is {@code decoded}, or null
   * when the file holds something this layout cannot say (a value of another type, a raw region
   * over another text): such a file is simply not cached.
   */
  static byte[] encode(byte[] bytes, String decoded, LoadedFile loaded) {
    if (loaded.text() == null) return null;
    Writer w = new Writer(bytes.length * 2 + 256);
    w.int32(MAGIC);
    w.int32(VERSION);
    w.varint(bytes.length);
    w.bytes(bytes);
    String text = loaded.text().text();
    if (text.equals(decoded)) {
      w.varint(0);
    } else {
      w.varint(1);
      w.string(text);
    }
    w.varint(loaded.problems().size());
    for (LoadProblem p : loaded.problems()) {
      w.varint(p.kind().ordinal());
      w.string(p.message());
      w.span(p.span());
      w.string(p.pointer());
      w.varint(p.related() == null ? 0 : 1);
      if (p.related() != null) w.span(p.related());
    }
    w.varint(loaded.documents().size());
    try {
      for (Node d : loaded.documents()) w.node(d, "", loaded.text());
    } catch (Unencodable e) {
      return null;
    }
    w.int32(checksum(w.buf, w.n));
    return w.toByteArray();
  }

  private static final class Unencodable extends RuntimeException {
    Unencodable() {
      super(null, null, false, false);
    }
  }

  private static final class Writer {
    private byte[] buf;
    private int n;
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<Node, Integer> nodes = new IdentityHashMap<>();

    Writer(int capacity) {
      buf = new byte[capacity];
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, n);
    }

    private void ensure(int more) {
      if (n + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
    }

    void int32(int v) {
      ensure(4);
      buf[n++] = (byte) (v >>> 24);
      buf[n++] = (byte) (v >>> 16);
      buf[n++] = (byte) (v >>> 8);
      buf[n++] = (byte) v;
    }

    void varint(int v) {
      ensure(5);
      while ((v & ~0x7F) != 0) {
        buf[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[n++] = (byte) v;
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    /** 0 for null, 1 + a new string, or 2 + the index of a string written before. */
    void string(String s) {
      if (s == null) {
        varint(0);
        return;
      }
      Integer seen = strings.get(s);
      if (seen != null) {
        varint(seen + 2);
        return;
      }
      strings.put(s, strings.size());
      varint(1);
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      bytes(b);
    }

    void span(Span s) {
      varint(s.startLine());
      varint(s.startColumn());
      varint(s.endLine() - s.startLine());
      varint(s.endColumn());
    }

    /**
     * One node, children first in file order. {@code expected} is the pointer a reader will
     * compute; a node whose own differs (it should not) carries it.
     */
    void node(Node node, String expected, SourceText text) {
      Integer shared = nodes.get(node);
      if (shared != null) {
        varint(SHARED);
        varint(shared);
        return;
      }
      boolean pointer = !node.pointer().equals(expected);
      int flags = (pointer ? HAS_POINTER : 0) | (node.tag() != null ? HAS_TAG : 0);
      if (node instanceof ObjectNode o) {
        varint(OBJECT | flags);
        head(node, pointer);
        varint(o.entries().size());
        for (ObjectNode.Entry e : o.entries()) {
          string(e.key());
          span(e.keySpan());
          node(e.value(), Node.childPointer(node.pointer(), e.key()), text);
        }
      } else if (node instanceof ArrayNode a) {
        varint(ARRAY | flags);
        head(node, pointer);
        varint(a.items().size());
        for (int i = 0; i < a.items().size(); i++) {
          node(a.items().get(i), node.pointer() + "/" + i, text);
        }
      } else {
        ScalarNode s = (ScalarNode) node;
        ScalarNode.RawRegion raw = s.raw();
        if (raw != null && raw.source() != text) throw new Unencodable();
        varint(SCALAR | flags | (raw != null ? HAS_RAW : 0) | (s.type().ordinal() << 5));
        head(node, pointer);
        string(s.text());
        value(s.value(), s.text());
        if (raw != null) {
          varint(raw.start());
          varint(raw.end() - raw.start());
          varint(raw.style());
        }
      }
      nodes.put(node, nodes.size());
    }

    private void head(Node node, boolean pointer) {
      span(node.span());
      if (pointer) string(node.pointer());
      if (node.tag() != null) string(node.tag());
    }

    private void value(Object v, String text) {
      if (v == null) {
        varint(V_NULL);
      } else if (v instanceof String s) {
        if (s.equals(text)) {
          varint(V_TEXT);
        } else {
          varint(V_STRING);
          string(s);
        }
      } else if (v instanceof Boolean b) {
        varint(b ? V_TRUE : V_FALSE);
      } else {
        int code = v instanceof Integer ? V_INT : v instanceof Long ? V_LONG : v instanceof BigInteger ? V_BIG_INTEGER
            : v instanceof Double ? V_DOUBLE : v instanceof BigDecimal ? V_BIG_DECIMAL : v instanceof Float ? V_FLOAT : -1;
        if (code < 0) throw new Unencodable();
        varint(code);
        string(v.toString());
      }
    }
  }

  /** The big-endian int at {@code at}. */
  private static int int32(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  /** CRC-32C of the first {@code length} bytes: the entry's last four bytes, so damage is seen. */
  private static int checksum(byte[] b, int length) {
    CRC32C crc = new CRC32C();
    crc.update(b, 0, length);
    return (int) crc.getValue();
  }

  // ---- decoding -------------------------------------------------------------------------------

  /**
   * The file an entry holds when the entry was made from exactly {@code bytes}, or null when it
   * was made from other bytes.
   *
   * @param decoded the text of {@code bytes} as the loader decodes it
   * @param maxDepth deepest nesting to accept (a corrupt entry must not overflow the stack)
   * @throws Malformed when the entry is truncated, corrupt or of another layout
   */
  static LoadedFile decode(byte[] entry, SourceFile file, byte[] bytes, String decoded, int maxDepth) {
    int end = entry.length - 4;
    if (end < 8 || checksum(entry, end) != int32(entry, end)) {
      throw new Malformed("checksum mismatch: a damaged entry");
    }
    try {
      Reader r = new Reader(entry, maxDepth);
      if (r.int32() != MAGIC || r.int32() != VERSION) throw new Malformed("not an entry of this layout");
      int length = r.varint();
      if (length != bytes.length || !Arrays.equals(entry, r.at, r.at + length, bytes, 0, length)) return null;
      r.at += length;
      SourceText text = new SourceText(r.varint() == 0 ? decoded : r.string());
      int problemCount = r.count();
      List<LoadProblem> problems = new ArrayList<>(problemCount);
      LoadProblem.Kind[] kinds = LoadProblem.Kind.values();
      for (int i = 0; i < problemCount; i++) {
        int kind = r.varint();
        if (kind >= kinds.length) throw new Malformed("unknown problem kind");
        String message = r.string();
        Span span = r.span();
        String pointer = r.string();
        Span related = r.varint() == 0 ? null : r.span();
        problems.add(new LoadProblem(kinds[kind], message, span, pointer, related));
      }
      int docCount = r.count();
      List<Node> documents = new ArrayList<>(docCount);
      for (int i = 0; i < docCount; i++) documents.add(r.node("", text, 0));
      if (r.at != end) throw new Malformed("trailing bytes");
      return new LoadedFile(file, text, documents, problems);
    } catch (IndexOutOfBoundsException | IllegalArgumentException | NullPointerException e) {
      throw new Malformed("corrupt entry: " + e);
    }
  }

  private static final class Reader {
    private final byte[] buf;
    private final int maxDepth;
    int at;
    private final List<String> strings = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    Reader(byte[] buf, int maxDepth) {
      this.buf = buf;
      this.maxDepth = maxDepth;
    }

    int int32() {
      int v = TreeCodec.int32(buf, at);
      at += 4;
      return v;
    }

    int varint() {
      int v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        byte b = buf[at++];
        v |= (b & 0x7F) << shift;
        if (b >= 0) {
          if (v < 0) throw new Malformed("negative number");
          return v;
        }
      }
      throw new Malformed("number too long");
    }

    /** A count of things that follow, each at least one byte long. */
    int count() {
      int c = varint();
      if (c > buf.length - at) throw new Malformed("count past the end");
      return c;
    }

    String string() {
      int code = varint();
      if (code == 0) return null;
      if (code >= 2) return strings.get(code - 2);
      int length = count();
      String s = new String(buf, at, length, StandardCharsets.UTF_8);
      at += length;
      strings.add(s);
      return s;
    }

    String requiredString() {
      String s = string();
      if (s == null) throw new Malformed("missing string");
      return s;
    }

    Span span() {
      int startLine = varint();
      int startColumn = varint();
      int endLine = startLine + varint();
      int endColumn = varint();
      return new Span(startLine, startColumn, endLine, endColumn);
    }

    Node node(String expected, SourceText text, int depth) {
      if (depth > maxDepth) throw new Malformed("nesting deeper than the limit");
      int head = varint();
      int kind = head & 3;
      if (kind == SHARED) {
        int index = varint();
        if (index >= nodes.size()) throw new Malformed("reference to an unknown node");
        return nodes.get(index);
      }
      Span span = span();
      String pointer = (head & HAS_POINTER) != 0 ? requiredString() : expected;
      String tag = (head & HAS_TAG) != 0 ? requiredString() : null;
      Node node = switch (kind) {
        case OBJECT -> {
          int size = count();
          List<ObjectNode.Entry> entries = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            String key = requiredString();
            Span keySpan = span();
            entries.add(new ObjectNode.Entry(key, keySpan, node(Node.childPointer(pointer, key), text, depth + 1)));
          }
          yield new ObjectNode(span, pointer, tag, entries);
        }
        case ARRAY -> {
          int size = count();
          List<Node> items = new ArrayList<>(size);
          for (int i = 0; i < size; i++) items.add(node(pointer + "/" + i, text, depth + 1));
          yield new ArrayNode(span, pointer, tag, items);
        }
        default -> scalar(head, span, pointer, tag, text);
      };
      nodes.add(node);
      return node;
    }

    private ScalarNode scalar(int head, Span span, String pointer, String tag, SourceText text) {
      ScalarNode.Type[] types = ScalarNode.Type.values();
      int type = (head >>> 5) & 3;
      String scalarText = requiredString();
      Object value = switch (varint()) {
        case V_NULL -> null;
        case V_TEXT -> scalarText;
        case V_STRING -> requiredString();
        case V_TRUE -> Boolean.TRUE;
        case V_FALSE -> Boolean.FALSE;
        case V_INT -> Integer.valueOf(requiredString());
        case V_LONG -> Long.valueOf(requiredString());
        case V_BIG_INTEGER -> new BigInteger(requiredString());
        case V_DOUBLE -> Double.valueOf(requiredString());
        case V_BIG_DECIMAL -> new BigDecimal(requiredString());
        case V_FLOAT -> Float.valueOf(requiredString());
        default -> throw new Malformed("unknown value code");
      };
      ScalarNode.RawRegion raw = null;
      if ((head & HAS_RAW) != 0) {
        int start = varint();
        int end = start + varint();
        int style = varint();
        if (end > text.length() || style > Character.MAX_VALUE) throw new Malformed("raw region outside the text");
        raw = new ScalarNode.RawRegion(text, start, end, (char) style);
      }
      return new ScalarNode(span, pointer, tag, types[type], value, scalarText, raw);
    }
  }
}
