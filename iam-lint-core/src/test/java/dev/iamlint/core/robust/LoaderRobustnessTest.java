package dev.iamlint.core.robust;

import static dev.iamlint.core.robust.RobustSupport.assertNoProblems;
import static dev.iamlint.core.robust.RobustSupport.assertProblem;
import static dev.iamlint.core.robust.RobustSupport.assertSpansValid;
import static dev.iamlint.core.robust.RobustSupport.load;
import static dev.iamlint.core.robust.RobustSupport.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadProblem.Kind;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken input: the loader reports a problem with a position, never throws or hangs. */
class LoaderRobustnessTest {

  private static final Duration GUARD = Duration.ofSeconds(20);

  @TempDir Path dir;

  private LoadedFile loadGuarded(String name, byte[] bytes) {
    return assertTimeoutPreemptively(GUARD, () -> load(dir, name, bytes));
  }

  private LoadedFile loadGuarded(String name, String text) {
    return loadGuarded(name, text.getBytes(StandardCharsets.UTF_8));
  }

  // --- invalid JSON ------------------------------------------------------------------------------

  @Test
  void truncatedJson() {
    LoadedFile f = loadGuarded("t.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
    assertProblem(f, Kind.SYNTAX, 4, 1);
  }

  @Test
  void jsonTrailingComma() {
    LoadedFile f = loadGuarded("t.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [],\n}\n");
    assertProblem(f, Kind.SYNTAX, 4, 1);
  }

  @Test
  void jsonUnclosedString() {
    LoadedFile f = loadGuarded("t.json", "{\n  \"Version\": \"2012-10-17\n}\n");
    LoadProblem p = problem(f);
    assertEquals(Kind.SYNTAX, p.kind(), p.message());
    assertEquals(2, p.span().startLine(), p.span() + " " + p.message());
    assertSpansValid(f, "{\n  \"Version\": \"2012-10-17\n}\n");
  }

  // --- invalid YAML ------------------------------------------------------------------------------

  @Test
  void yamlTabIndentation() {
    LoadedFile f = loadGuarded("t.yaml", "Version: '2012-10-17'\nStatement:\n\t- Effect: Allow\n");
    assertProblem(f, Kind.SYNTAX, 3, 1);
  }

  @Test
  void yamlBadFlow() {
    LoadedFile f = loadGuarded("t.yaml", "Version: '2012-10-17'\nStatement: [ {Effect: Allow, ]\n");
    LoadProblem p = problem(f);
    assertEquals(Kind.SYNTAX, p.kind(), p.message());
    assertEquals(2, p.span().startLine(), p.span() + " " + p.message());
    assertTrue(p.span().startColumn() > 1, p.span().toString());
  }

  // --- degenerate documents ----------------------------------------------------------------------

  @Test
  void emptyFiles() {
    assertProblem(loadGuarded("e.json", ""), Kind.SYNTAX, 1, 1);
    assertProblem(loadGuarded("e.yaml", ""), Kind.SYNTAX, 1, 1);
    assertProblem(loadGuarded("w.json", "  \n\n"), Kind.SYNTAX, 1, 1);
  }

  @Test
  void nullArrayAndNumberDocumentsLoad() {
    for (String ext : new String[] {"json", "yaml"}) {
      LoadedFile n = loadGuarded("n." + ext, "null\n");
      assertNoProblems(n);
      assertEquals(1, n.documents().size());
      assertEquals(ScalarNode.Type.NULL, ((ScalarNode) n.documents().get(0)).type());
      LoadedFile a = loadGuarded("a." + ext, "[]\n");
      assertNoProblems(a);
      assertInstanceOf(ArrayNode.class, a.documents().get(0));
      LoadedFile num = loadGuarded("num." + ext, "42\n");
      assertNoProblems(num);
      assertEquals(ScalarNode.Type.NUMBER, ((ScalarNode) num.documents().get(0)).type());
    }
  }

  // --- encodings ---------------------------------------------------------------------------------

  @Test
  void invalidUtf8IsReportedAtItsPosition() {
    byte[] head = "{\n  \"Version\": \"".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(head);
    b.write(0xC3); // a lead byte followed by an ASCII byte: malformed
    b.writeBytes("(\"\n}\n".getBytes(StandardCharsets.UTF_8));
    LoadedFile f = loadGuarded("bad.json", b.toByteArray());
    assertProblem(f, Kind.ENCODING, 2, 15);
    assertNull(f.text());
  }

  @Test
  void binaryFileWithJsonExtension() {
    byte[] bin = new byte[256];
    for (int i = 0; i < bin.length; i++) bin[i] = (byte) (i * 7);
    bin[0] = 'P';
    bin[1] = 'K';
    bin[2] = 3;
    bin[3] = 0; // NUL at byte offset 3
    LoadedFile f = loadGuarded("archive.json", bin);
    assertProblem(f, Kind.ENCODING, 1, 4);
    assertTrue(f.problems().get(0).message().contains("binary"), f.problems().get(0).message());
  }

  @Test
  void utf8BomIsAccepted() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0xEF);
    b.write(0xBB);
    b.write(0xBF);
    b.writeBytes("{\n  \"Version\": \"2012-10-17\"\n}\n".getBytes(StandardCharsets.UTF_8));
    LoadedFile f = loadGuarded("bom.json", b.toByteArray());
    assertNoProblems(f);
    ObjectNode root = (ObjectNode) f.documents().get(0);
    Node v = root.get("Version").orElseThrow();
    assertEquals(2, v.span().startLine());
    assertEquals(14, v.span().startColumn());

    LoadedFile y = loadGuarded("bom.yaml", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        "Version: '2012-10-17'\n".getBytes(StandardCharsets.UTF_8)));
    assertNoProblems(y);
  }

  @Test
  void crlfLineEndsGiveCorrectPositions() {
    String json = "{\r\n  \"Version\": \"2012-10-17\",\r\n  \"Statement\": [\r\n    {\"Effect\": \"Allow\"}\r\n  ]\r\n}\r\n";
    LoadedFile f = loadGuarded("crlf.json", json);
    assertNoProblems(f);
    ObjectNode root = (ObjectNode) f.documents().get(0);
    Node stmt = ((ArrayNode) root.get("Statement").orElseThrow()).items().get(0);
    assertEquals(4, stmt.span().startLine(), stmt.span().toString());
    assertEquals(5, stmt.span().startColumn(), stmt.span().toString());

    String yaml = "Version: '2012-10-17'\r\nStatement:\r\n  - Effect: Allow\r\n    Action: s3:GetObject\r\n";
    LoadedFile y = loadGuarded("crlf.yaml", yaml);
    assertNoProblems(y);
    ObjectNode s = (ObjectNode) ((ArrayNode) ((ObjectNode) y.documents().get(0)).get("Statement").orElseThrow()).items().get(0);
    Node action = s.get("Action").orElseThrow();
    assertEquals(4, action.span().startLine(), action.span().toString());
    assertEquals(13, action.span().startColumn(), action.span().toString());

    LoadedFile bad = loadGuarded("crlfbad.json", "{\r\n  \"a\": 1,\r\n  \"b\": ]\r\n}\r\n");
    assertProblem(bad, Kind.SYNTAX, 3, 8);
  }

  // --- limits ------------------------------------------------------------------------------------

  @Test
  void fileOverMaxFileBytes() throws Exception {
    Limits small = new Limits(1024, 200, 1_000_000, 200, 2_000_000);
    String big = "{\"Sid\": \"" + "x".repeat(2000) + "\"}";
    LoadedFile f = assertTimeoutPreemptively(GUARD, () -> load(dir, "big.json", big.getBytes(StandardCharsets.UTF_8), small));
    assertProblem(f, Kind.LIMIT, 1, 1);
    assertTrue(f.problems().get(0).message().contains("maxFileBytes"), f.problems().get(0).message());
  }

  @Test
  void veryLongLineParses() {
    StringBuilder sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
    int i = 0;
    while (sb.length() < 1_000_000) {
      if (i > 0) sb.append(',');
      sb.append("{\"Sid\":\"S").append(i++).append("\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");
    }
    sb.append("]}");
    LoadedFile f = loadGuarded("long.json", sb.toString());
    assertNoProblems(f);
    ArrayNode stmts = (ArrayNode) ((ObjectNode) f.documents().get(0)).get("Statement").orElseThrow();
    assertEquals(i, stmts.items().size());
    Node last = stmts.items().get(i - 1);
    assertEquals(1, last.span().startLine());
    assertTrue(last.span().startColumn() > 990_000, last.span().toString());
  }

  @Test
  void deepJsonNestingIsALimit() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    LoadedFile f = loadGuarded("deep.json", deep);
    assertEquals(Kind.LIMIT, problem(f).kind(), problem(f).message());
    assertEquals(1, problem(f).span().startLine());
  }

  @Test
  void deepYamlNestingIsALimit() {
    String flow = "[".repeat(10_000) + "]".repeat(10_000);
    LoadedFile f = loadGuarded("deep.yaml", flow);
    assertEquals(Kind.LIMIT, problem(f).kind(), problem(f).message());

    LoadedFile g = loadGuarded("deepblock.yaml", nestedBlockSequence(10_000));
    assertTrue(g.failed(), "deep block YAML must be reported");
    assertSpansValid(g, nestedBlockSequence(10_000));
  }

  private static String nestedBlockSequence(int depth) {
    // "- - - - ... x": one line, one more level per "- "
    return "- ".repeat(depth) + "x\n";
  }

  @Test
  void hugeNumberLiteralIsAProblem() {
    String digits = "1" + "0".repeat(4999);
    LoadedFile j = loadGuarded("num.json", "{\n  \"Version\": " + digits + "\n}\n");
    LoadProblem pj = problem(j);
    assertEquals(Kind.LIMIT, pj.kind(), pj.message());
    assertEquals(2, pj.span().startLine(), pj.span().toString());
    assertEquals(14, pj.span().startColumn(), pj.span().toString());

    LoadedFile y = loadGuarded("num.yaml", "Version: " + digits + "\n");
    LoadProblem py = problem(y);
    assertEquals(Kind.LIMIT, py.kind(), py.message());
    assertEquals(1, py.span().startLine(), py.span().toString());
  }

  @Test
  void bigHexAndOctalYamlIntegersLoad() {
    LoadedFile f = loadGuarded("hex.yaml", "a: 0xFFFFFFFFFFFFFFFFFFFF\nb: 0o7777777777777777777777777\n");
    assertNoProblems(f);
    ObjectNode root = (ObjectNode) f.documents().get(0);
    assertEquals(new java.math.BigInteger("FFFFFFFFFFFFFFFFFFFF", 16), ((ScalarNode) root.get("a").orElseThrow()).value());
    assertEquals(new java.math.BigInteger("7777777777777777777777777", 8), ((ScalarNode) root.get("b").orElseThrow()).value());
  }

  /** Found by FuzzTest: snakeyaml-engine threw IndexOutOfBoundsException for an emoji at char 1024. */
  @Test
  void emojiAcrossTheYamlReadBufferLoads() {
    for (int k = 1000; k < 1040; k++) {
      for (int emojis = 1; emojis <= 3; emojis++) {
        String text = "a: '" + "x".repeat(k) + "\uD83D\uDE00".repeat(emojis) + "'\nb: c\n";
        LoadedFile f = loadGuarded("emoji.yaml", text);
        assertNoProblems(f);
        ObjectNode root = (ObjectNode) f.documents().get(0);
        assertEquals("x".repeat(k) + "\uD83D\uDE00".repeat(emojis), ((ScalarNode) root.get("a").orElseThrow()).text());
        assertEquals(2, root.get("b").orElseThrow().span().startLine());
      }
    }
  }

  @Test
  void yamlBillionLaughsIsALimit() {
    StringBuilder sb = new StringBuilder("a0: &a0 [\"lol\"]\n");
    for (int lvl = 1; lvl <= 9; lvl++) {
      sb.append("a").append(lvl).append(": &a").append(lvl).append(" [");
      for (int k = 0; k < 10; k++) sb.append(k == 0 ? "" : ", ").append("*a").append(lvl - 1);
      sb.append("]\n");
    }
    long t0 = System.nanoTime();
    LoadedFile f = assertTimeoutPreemptively(GUARD, () -> load(dir, "lol.yaml", sb.toString()));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    LoadProblem p = problem(f);
    assertEquals(Kind.LIMIT, p.kind(), p.message());
    assertTrue(p.span().startLine() >= 2 && p.span().startLine() <= 10, p.span().toString());
    assertTrue(ms < 5_000, "billion laughs took " + ms + " ms");
  }

  @Test
  void recursiveAliasIsAProblem() {
    LoadedFile f = loadGuarded("rec.yaml", "a: &a [*a]\n");
    assertProblem(f, Kind.SYNTAX, 1, 8);
  }

  @Test
  void unknownTagsLoad() {
    LoadedFile f = loadGuarded("tag.yaml", "Value: !Foo bar\nOther: !Bar [1, 2]\nMap: !Baz {a: b}\n");
    assertNoProblems(f);
    ObjectNode root = (ObjectNode) f.documents().get(0);
    assertEquals("Foo", root.get("Value").orElseThrow().tag());
    assertEquals("bar", ((ScalarNode) root.get("Value").orElseThrow()).text());
    assertEquals("Bar", root.get("Other").orElseThrow().tag());
  }

  @Test
  void multipleYamlDocumentsLoadEach() {
    LoadedFile f = loadGuarded("multi.yaml", "Version: '2012-10-17'\n---\n- 1\n---\nnull\n...\n---\nx: y\n");
    assertNoProblems(f);
    assertEquals(4, f.documents().size());
    assertEquals(8, f.documents().get(3).span().startLine());
  }

  @Test
  void vanishedFileIsAnIoProblem() throws Exception {
    Path p = dir.resolve("gone.json");
    Files.writeString(p, "{}");
    SourceFile sf = RobustSupport.sourceFile(p, dir);
    Files.delete(p);
    LoadedFile f = assertTimeoutPreemptively(GUARD, () -> new Loader(Limits.DEFAULT).load(sf));
    assertProblem(f, Kind.IO, 1, 1);
  }

  @Test
  void unreadableFileIsAnIoProblem() throws Exception {
    Path p = dir.resolve("secret.json");
    Files.writeString(p, "{}");
    try {
      Files.setPosixFilePermissions(p, java.util.Set.of());
    } catch (UnsupportedOperationException e) {
      org.junit.jupiter.api.Assumptions.abort("no POSIX permissions on this file system");
    }
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(p), "running as root: chmod 000 does not stop reading");
      LoadedFile f = new Loader(Limits.DEFAULT).load(RobustSupport.sourceFile(p, dir));
      assertProblem(f, Kind.IO, 1, 1);
    } finally {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
