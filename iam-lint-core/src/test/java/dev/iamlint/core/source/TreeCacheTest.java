package dev.iamlint.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parse cache: an entry gives back exactly the file it was made from, and only for its bytes. */
class TreeCacheTest {

  private static final Loader LOADER = new Loader(Limits.DEFAULT);

  /** Every node field, the raw regions by their text: two dumps are equal when the files are. */
  static String dump(LoadedFile f) {
    StringBuilder sb = new StringBuilder();
    sb.append("text=").append(f.text() == null ? null : f.text().text()).append('\n');
    for (LoadProblem p : f.problems()) sb.append("problem ").append(p).append('\n');
    for (Node d : f.documents()) dump(d, sb, 0);
    return sb.toString();
  }

  private static void dump(Node n, StringBuilder sb, int depth) {
    sb.append("  ".repeat(depth)).append(n.getClass().getSimpleName()).append(' ').append(n.span()).append(" '")
        .append(n.pointer()).append("' tag=").append(n.tag());
    if (n instanceof ScalarNode s) {
      sb.append(' ').append(s.type()).append(" value=").append(s.value() == null ? "null" : s.value().getClass().getSimpleName()
          + ":" + s.value()).append(" text=").append(s.text());
      if (s.raw() != null) {
        sb.append(" raw=").append(s.raw().start()).append('-').append(s.raw().end()).append((int) s.raw().style())
            .append(" [").append(s.raw().source().text(), s.raw().start(), s.raw().end()).append(']');
      }
      sb.append('\n');
    } else if (n instanceof ObjectNode o) {
      sb.append('\n');
      for (ObjectNode.Entry e : o.entries()) {
        sb.append("  ".repeat(depth + 1)).append("key ").append(e.key()).append(' ').append(e.keySpan()).append('\n');
        dump(e.value(), sb, depth + 2);
      }
    } else {
      sb.append('\n');
      for (Node i : ((ArrayNode) n).items()) dump(i, sb, depth + 1);
    }
  }

  private static final String JSON_POLICY = """
      {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "iam:Pass\\u0052ole"], "Resource": "*",
          "Condition": {"NumericLessThan": {"s3:max-keys": 10}, "Bool": {"aws:MultiFactorAuthPresent": true}}}],
        "Big": 123456789012345678901234567890, "Long": 12345678901, "Float": 1.5e300, "Exact": 0.1000,
        "Nothing": null, "Nope": false, "Embedded": "{\\"Version\\": \\"2012-10-17\\"}", "Ünïcode": "日本 /~"
      }
      """;

  private static final String YAML_TEMPLATE = """
      %YAML 1.2
      ---
      AWSTemplateFormatVersion: "2010-09-09"
      Resources:
        Role: &role
          Type: AWS::IAM::Role
          Properties:
            RoleName: !Sub '${AWS::StackName}-role'
            Path: /a~b/
            Policies:
              - PolicyName: inline
                PolicyDocument: |
                  {"Version": "2012-10-17", "Statement": []}
            Count: 0x1F
            Ratio: .5
            Huge: 123456789012345678901234567890
            Yes: True
            Empty: ~
            Inf: -.inf
            Folded: >
              one
              two
        Copy: *role
        Same: *role
      ---
      second: [a, 'b', "c"]
      """;

  private static LoadedFile load(Format format, String text) {
    return LOADER.parse(new SourceFile(Path.of("f"), "f", format), text);
  }

  private static LoadedFile roundTrip(Format format, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    LoadedFile original = load(format, text);
    byte[] entry = TreeCodec.encode(bytes, text, original);
    assertNotNull(entry, "encodable");
    LoadedFile back = TreeCodec.decode(entry, original.file(), bytes, text, 200);
    assertNotNull(back);
    assertEquals(dump(original), dump(back));
    return back;
  }

  @Test
  void jsonComesBackNodeForNode() {
    LoadedFile back = roundTrip(Format.JSON, JSON_POLICY);
    ObjectNode root = (ObjectNode) back.documents().get(0);
    ScalarNode embedded = root.string("Embedded").orElseThrow();
    assertSame(back.text(), embedded.raw().source(), "raw regions point into the file's text, for embedded JSON");
    assertEquals(embedded.raw().source().text().substring(embedded.raw().start(), embedded.raw().end()),
        "{\\\"Version\\\": \\\"2012-10-17\\\"}");
  }

  @Test
  void yamlComesBackWithTagsStylesNumbersAndSharedAliases() {
    LoadedFile back = roundTrip(Format.YAML, YAML_TEMPLATE);
    assertEquals(2, back.documents().size());
    ObjectNode resources = ((ObjectNode) back.documents().get(0)).object("Resources").orElseThrow();
    assertSame(resources.get("Role").orElseThrow(), resources.get("Copy").orElseThrow(),
        "an alias is the anchored node itself, as the loader gives it");
    assertSame(resources.get("Copy").orElseThrow(), resources.get("Same").orElseThrow());
  }

  @Test
  void problemsAndALenientTextComeBack() {
    // Duplicate keys; a .json template that is YAML only; unquoted placeholders read as strings
    // (the file's text is then not the text the loader read).
    roundTrip(Format.JSON, "{\"a\": 1,\n \"a\": 2}");
    roundTrip(Format.JSON, "{\"Resources\": {\"R\": {\"Type\": \"AWS::SNS::Topic\",},},\n \"Outputs\": {}}");
    LoadedFile quoted = load(Format.YAML, "accounts:\n  - name: {{ account }}\n    email: x\n");
    assertTrue(quoted.problems().stream().anyMatch(p -> p.kind() == LoadProblem.Kind.NOT_STRICT), dump(quoted));
    roundTrip(Format.YAML, "accounts:\n  - name: {{ account }}\n    email: x\n");
    roundTrip(Format.YAML, "a: [1, 2\n"); // a syntax error keeps what was read before it
  }

  @Test
  void anEntryIsForItsBytesOnly() {
    byte[] bytes = JSON_POLICY.getBytes(StandardCharsets.UTF_8);
    LoadedFile original = load(Format.JSON, JSON_POLICY);
    byte[] entry = TreeCodec.encode(bytes, JSON_POLICY, original);
    byte[] other = bytes.clone();
    other[other.length / 2] ^= 1;
    assertNull(TreeCodec.decode(entry, original.file(), other, new String(other, StandardCharsets.UTF_8), 200));
    assertNull(TreeCodec.decode(entry, original.file(), new byte[] {'{', '}'}, "{}", 200));
  }

  /** Any damage is a miss ({@link TreeCodec.Malformed}), never another tree and never another exception. */
  @Test
  void aDamagedEntryIsRefused() {
    byte[] bytes = YAML_TEMPLATE.getBytes(StandardCharsets.UTF_8);
    LoadedFile original = load(Format.YAML, YAML_TEMPLATE);
    byte[] entry = TreeCodec.encode(bytes, YAML_TEMPLATE, original);
    for (int cut = 0; cut < entry.length; cut += 7) {
      byte[] truncated = java.util.Arrays.copyOf(entry, cut);
      assertMalformed(() -> TreeCodec.decode(truncated, original.file(), bytes, YAML_TEMPLATE, 200));
    }
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      byte[] damaged = entry.clone();
      damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
      assertMalformed(() -> TreeCodec.decode(damaged, original.file(), bytes, YAML_TEMPLATE, 200));
    }
  }

  private static void assertMalformed(Runnable r) {
    try {
      r.run();
    } catch (TreeCodec.Malformed expected) {
      return;
    }
    throw new AssertionError("a damaged entry was read");
  }

  @Test
  void aDeepTreeBeyondTheLimitIsRefused() {
    String deep = "[".repeat(50) + "]".repeat(50);
    byte[] bytes = deep.getBytes(StandardCharsets.UTF_8);
    LoadedFile original = load(Format.JSON, deep);
    byte[] entry = TreeCodec.encode(bytes, deep, original);
    assertNotNull(TreeCodec.decode(entry, original.file(), bytes, deep, 60));
    assertMalformed(() -> TreeCodec.decode(entry, original.file(), bytes, deep, 20));
  }

  @Test
  void theCacheAnswersTheSecondRunAndOnlyForTheSameBytes(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("repo/iam-config.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, YAML_TEMPLATE);
    SourceFile source = new SourceFile(file, "iam-config.yaml", Format.YAML);
    Path dir = tmp.resolve("cache");

    TreeCache first = TreeCache.open(dir, Limits.DEFAULT);
    LoadedFile parsed = LOADER.load(source, first);
    first.close();
    assertEquals(0, first.hits());
    assertEquals(1, first.writes());
    assertTrue(Files.exists(first.directory().resolve("CACHEDIR.TAG")));
    assertEquals("# created by iam-lint: a cache, never committed\n*\n",
        Files.readString(first.directory().resolve(".gitignore")));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(first.directory()), s.toList(), "nothing but this build's directory in the one the user named");
    }

    TreeCache second = TreeCache.open(dir, Limits.DEFAULT);
    LoadedFile cached = LOADER.load(source, second);
    assertEquals(1, second.hits());
    assertEquals(0, second.writes());
    assertEquals(dump(parsed), dump(cached));

    Files.writeString(file, YAML_TEMPLATE.replace("inline", "INLINE"));
    TreeCache third = TreeCache.open(dir, Limits.DEFAULT);
    LoadedFile edited = LOADER.load(source, third);
    assertEquals(0, third.hits(), "same length, other bytes: parsed again");
    assertEquals(dump(LOADER.load(source)), dump(edited));

    // Other limits are another parse: their own directory.
    TreeCache stricter = TreeCache.open(dir, new Limits(1024, 200, 1_000_000, 200, 2_000_000));
    assertTrue(!stricter.directory().equals(third.directory()));
    LoadedFile tooBig = LOADER.load(source, stricter);
    assertEquals(LOADER.load(source).problems().size(), tooBig.problems().size());
  }

  /** Workers fill a new cache side by side: none may find the directory half made and turn the cache off. */
  @Test
  void workersWritingAFreshCacheTogetherAllSucceed(@TempDir Path tmp) throws Exception {
    int n = 16;
    List<SourceFile> sources = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path file = tmp.resolve("repo/iam-config-" + i + ".yaml");
      Files.createDirectories(file.getParent());
      Files.writeString(file, YAML_TEMPLATE.replace("inline", "inline" + i));
      sources.add(new SourceFile(file, file.getFileName().toString(), Format.YAML));
    }
    for (int round = 0; round < 20; round++) {
      TreeCache cache = TreeCache.open(tmp.resolve("cache-" + round), Limits.DEFAULT);
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (SourceFile f : sources) {
          done.add(pool.submit(() -> {
            start.await();
            return LOADER.load(f, cache);
          }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> d : done) d.get();
      } finally {
        pool.shutdownNow();
      }
      assertEquals(n, cache.writes(), "round " + round);
    }
  }

  /** JSON is parsed every time: reading an entry back would cost what Jackson's parse does. */
  @Test
  void jsonFilesAreNotKept(@TempDir Path tmp) throws IOException {
    SourceFile source = written(tmp, "policy.json", Format.JSON, JSON_POLICY);
    Path file = source.path();
    TreeCache cache = TreeCache.open(tmp.resolve("cache"), Limits.DEFAULT);
    assertEquals(dump(LOADER.load(source)), dump(LOADER.load(source, cache)));
    assertEquals(dump(LOADER.load(source)), dump(LOADER.load(source, Files.readAllBytes(file), cache)));
    assertEquals(0, cache.writes() + cache.hits() + cache.misses());
    assertTrue(!Files.exists(tmp.resolve("cache")));
  }

  @Test
  void aCacheThatCannotBeWrittenIsOnlyAMiss(@TempDir Path tmp) throws IOException {
    SourceFile source = written(tmp, "a.yaml", Format.YAML, YAML_TEMPLATE);
    Path notADirectory = Files.writeString(tmp.resolve("plain-file"), "x");
    TreeCache cache = TreeCache.open(notADirectory.resolve("cache"), Limits.DEFAULT);
    assertEquals(dump(LOADER.load(source)), dump(LOADER.load(source, cache)));
    assertEquals(dump(LOADER.load(source)), dump(LOADER.load(source, cache)));
    assertEquals(0, cache.writes());
    cache.close();
  }

  @Test
  void aCorruptEntryOnDiskIsReplaced(@TempDir Path tmp) throws IOException {
    SourceFile source = written(tmp, "a.yaml", Format.YAML, YAML_TEMPLATE);
    TreeCache cache = TreeCache.open(tmp.resolve("cache"), Limits.DEFAULT);
    LOADER.load(source, cache);
    List<Path> entries = entries(cache.directory());
    assertEquals(1, entries.size());
    Files.write(entries.get(0), new byte[] {1, 2, 3});
    TreeCache again = TreeCache.open(tmp.resolve("cache"), Limits.DEFAULT);
    assertEquals(dump(LOADER.load(source)), dump(LOADER.load(source, again)));
    assertEquals(0, again.hits());
    assertEquals(1, again.writes());
    assertEquals(dump(LOADER.load(source)), dump(LOADER.load(source, TreeCache.open(tmp.resolve("cache"), Limits.DEFAULT))));
  }

  @Test
  void pruningDeletesTheOldestPastABound(@TempDir Path tmp) throws IOException {
    Instant now = Instant.now();
    for (int i = 0; i < 10; i++) {
      Path e = Files.write(tmp.resolve("y" + i + "-0.tree"), new byte[100]);
      Files.setLastModifiedTime(e, FileTime.from(now.minusSeconds(100 - i)));
    }
    Path part = Files.write(tmp.resolve("entry1.part"), new byte[1]);
    Files.setLastModifiedTime(part, FileTime.from(now.minusSeconds(7200)));
    TreeCache.prune(tmp, 20, 10_000);
    assertEquals(10, entries(tmp).size(), "under both bounds: nothing deleted");
    assertTrue(!Files.exists(part), "a crashed run's half-written entry is removed");
    TreeCache.prune(tmp, 8, 10_000);
    List<String> left = entries(tmp).stream().map(p -> p.getFileName().toString()).sorted().toList();
    assertEquals(List.of("y4-0.tree", "y5-0.tree", "y6-0.tree", "y7-0.tree", "y8-0.tree", "y9-0.tree"), left,
        "past a bound, the oldest go until 3/4 of it is used");
    TreeCache.prune(tmp, 100, 350);
    assertEquals(2, entries(tmp).size(), "the byte bound too");
  }

  @Test
  void otherBuildsUnusedForADayAreRemoved(@TempDir Path tmp) throws IOException {
    Path old = Files.createDirectories(tmp.resolve("trees-old"));
    Files.write(old.resolve("y1-0.tree"), new byte[1]);
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3 * 86400)));
    Path recent = Files.createDirectories(tmp.resolve("trees-recent"));
    TreeCache cache = TreeCache.open(tmp, Limits.DEFAULT);
    LOADER.load(written(tmp, "a.yaml", Format.YAML, YAML_TEMPLATE), cache);
    cache.close();
    assertTrue(!Files.exists(old));
    assertTrue(Files.exists(recent), "another build used today (another iam-lint on the same machine) keeps its entries");
    assertEquals(1, entries(cache.directory()).size());
  }

  @Test
  void aPassIsForItsCheckAndItsBytesOnly(@TempDir Path tmp) throws IOException {
    byte[] bytes = "failLevel: warning\n".getBytes(StandardCharsets.UTF_8);
    String check = TreeCache.checkName("config-schema", "{\"type\": \"object\"}".getBytes(StandardCharsets.UTF_8),
        TreeCache.class);
    TreeCache cache = TreeCache.open(tmp.resolve("cache"), Limits.DEFAULT);
    assertFalse(cache.passed(check, bytes));
    cache.recordPass(check, bytes);
    TreeCache again = TreeCache.open(tmp.resolve("cache"), Limits.DEFAULT);
    assertTrue(again.passed(check, bytes));
    assertFalse(again.passed(check, "failLevel: error\n".getBytes(StandardCharsets.UTF_8)), "other bytes");
    assertFalse(again.passed(TreeCache.checkName("config-schema", "{}".getBytes(StandardCharsets.UTF_8), TreeCache.class),
        bytes), "another definition of the check");
    assertFalse(TreeCache.open(tmp.resolve("cache"), new Limits(1000, 10, 100, 10, 1000)).passed(check, bytes),
        "other limits: another directory");
    assertFalse(TreeCache.NONE.passed(check, bytes));
    assertFalse(again.passed(null, bytes), "a check whose code cannot be told is never trusted");
    // An entry whose content is not the bytes (damaged, or a colliding checksum) is no pass.
    try (Stream<Path> s = Files.list(cache.directory())) {
      Path entry = s.filter(p -> p.toString().endsWith(".pass")).findFirst().orElseThrow();
      byte[] other = bytes.clone();
      other[0] = 'F';
      Files.write(entry, other);
    }
    assertFalse(again.passed(check, bytes));
  }

  @Test
  void aPassThatCannotBeWrittenIsNoError(@TempDir Path tmp) throws IOException {
    Path notADirectory = Files.writeString(tmp.resolve("plain-file"), "x");
    TreeCache cache = TreeCache.open(notADirectory.resolve("cache"), Limits.DEFAULT);
    String check = TreeCache.checkName("c", new byte[0], TreeCache.class);
    cache.recordPass(check, new byte[] {1});
    assertFalse(cache.passed(check, new byte[] {1}));
    cache.close();
  }

  @Test
  void theUserDirectoryFollowsTheEnvironment() {
    assertEquals(Path.of("/c/own").toAbsolutePath(), TreeCache.userDirectory(Map.of("IAMLINT_CACHE_DIR", "/c/own",
        "XDG_CACHE_HOME", "/x"), "/home/u", "Linux"));
    assertEquals(Path.of("/x/iam-lint"), TreeCache.userDirectory(Map.of("XDG_CACHE_HOME", "/x"), "/home/u", "Linux"));
    assertEquals(Path.of("/home/u/.cache/iam-lint"), TreeCache.userDirectory(Map.of("XDG_CACHE_HOME", "relative"), "/home/u", "Linux"),
        "XDG: a relative path is ignored");
    assertEquals(Path.of("/home/u/.cache/iam-lint"), TreeCache.userDirectory(Map.of(), "/home/u", "Linux"));
    assertNull(TreeCache.userDirectory(Map.of(), "?", "Linux"));
    assertNull(TreeCache.open(null, Limits.DEFAULT).directory());
  }

  private static SourceFile written(Path dir, String name, Format format, String text) throws IOException {
    return new SourceFile(Files.writeString(dir.resolve(name), text), name, format);
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(p -> p.toString().endsWith(".tree")).toList());
    }
  }
}
