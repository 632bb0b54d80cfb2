package dev.iamlint.core.robust;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.EmbeddedJson;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded, deterministic mutation fuzzing of the loader. Each case takes a seed document (the
 * JSON/YAML files of the shared corpus, plus inline seeds), applies 1-4 random byte or token
 * mutations, loads the mutant from disk and parses any JSON embedded in its string scalars. It
 * checks that nothing throws, that every problem has a position inside the file, and that
 * loading the same bytes twice gives the same problems.
 *
 * <p>Knobs (system properties): {@code iamlint.fuzz.cases} (default 3000 for the corpus, a tenth
 * of it for the inline seeds), {@code iamlint.fuzz.seed} (default 20261126). A long local run:
 *
 * <pre>
 * ./mvnw -B -ntp -o -pl iam-lint-core test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Diamlint.fuzz.cases=200000 -Diamlint.fuzz.seed=12345
 * </pre>
 *
 * (surefire passes {@code -D} user properties on to the test JVM; 40,000 corpus cases take about
 * 100 s on two cores.) A failing mutant is written to {@code target/fuzz-failures/} with the case number and seed in
 * the assertion message, so that it can be replayed.
 */
class FuzzTest {

  private static final long SEED = Long.getLong("iamlint.fuzz.seed", 20261126L);
  private static final int CASES = Integer.getInteger("iamlint.fuzz.cases", 3000);
  /** Only small corpus files: mutations near the start of a 1 MB template teach little. */
  private static final long MAX_SEED_BYTES = 64 * 1024;

  private static final String[] INLINE_SEEDS = {
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:List*\"],"
        + "\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-123\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}}]}",
    "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\n    \"Effect\": \"Deny\",\n    \"NotAction\": \"iam:*\",\n"
        + "    \"Principal\": {\"AWS\": [\"arn:aws:iam::123456789012:root\", \"*\"]},\n    \"Resource\": \"*\"\n  }\n}\n",
    "Version: '2012-10-17'\nStatement:\n  - Sid: A\n    Effect: Allow\n    Action:\n      - s3:GetObject\n    Resource: !Sub 'arn:aws:s3:::${Bucket}/*'\n"
        + "    Condition:\n      StringEquals: {aws:RequestedRegion: [eu-west-1]}\n",
    "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: |\n"
        + "        {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}\n"
        + "  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: '{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}'\n"
        + "      Policies:\n        - PolicyName: p\n          PolicyDocument: &doc\n            Statement: [{Effect: Allow, Action: 's3:*', Resource: !GetAtt B.Arn}]\n"
        + "        - PolicyName: q\n          PolicyDocument: *doc\n---\nother: [1, 2.5, true, null, ~, 0x1F]\n",
    "{\"InlinePolicy\": \"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\", \\\"Action\\\": \\\"s3:*\\\", \\\"Resource\\\": \\\"*\\\"}]}\"}",
  };

  /** Inserted fragments: structure, YAML indicators, bad encodings, odd Unicode, type changes. */
  private static final byte[][] FRAGMENTS = fragments();

  private static byte[][] fragments() {
    List<byte[]> f = new ArrayList<>();
    for (String s : new String[] {"{", "}", "[", "]", "\"", ":", ",", "*", "&a ", "*a", "!Ref ", "!!binary ", "\t", "\n", "\r\n",
        " ", "- ", "? ", "---\n", "...\n", "|\n", ">-\n", "#", "'", "\\", "\\u", "\\uD800", "<<: *a\n", "&a [*a]", "%YAML 1.2\n",
        "1e999999", "-0", "0x", "0o7", "9".repeat(300), "é", "\uD83D\uDE00", "\u2028", "\u0085", "\uFEFF", "\u0000", "null", "true",
        "[[[[[[[[[[", "{\"a\":{\"a\":{\"a\":", "\"aws:SourceIp\"", "${AWS::AccountId}", "{\"Fn::Sub\": \"x\"}"}) {
      f.add(s.getBytes(StandardCharsets.UTF_8));
    }
    f.add(new byte[] {0});
    f.add(new byte[] {(byte) 0xC3});
    f.add(new byte[] {(byte) 0xFF, (byte) 0xFE});
    f.add(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // an encoded surrogate: invalid UTF-8
    f.add(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}); // over U+10FFFF
    f.add(new byte[] {(byte) 0xE2, (byte) 0x82});
    return f.toArray(new byte[0][]);
  }

  private static final String[] TYPE_REPLACEMENTS = {"1", "-2.5e3", "true", "false", "null", "[]", "{}", "[\"a\", 1]", "{\"a\": null}",
    "\"\"", "[[[]]]", "123456789012345678901234567890"};

  @TempDir Path tmp;

  private record Seed(String name, byte[] bytes, Format format) {}

  @Test
  void fuzzInlineSeeds() {
    List<Seed> seeds = new ArrayList<>();
    for (int i = 0; i < INLINE_SEEDS.length; i++) {
      Format f = INLINE_SEEDS[i].startsWith("{") ? Format.JSON : Format.YAML;
      seeds.add(new Seed("inline-" + i, INLINE_SEEDS[i].getBytes(StandardCharsets.UTF_8), f));
    }
    fuzz(seeds, Math.max(100, CASES / 10), SEED ^ 0x5EED);
  }

  @Test
  void fuzzCorpus() throws IOException {
    String dir = System.getProperty("iamlint.corpus");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Paths.get(dir)),
        "shared corpus not found (system property iamlint.corpus = " + dir + "); corpus fuzzing skipped");
    List<Seed> seeds = new ArrayList<>();
    Path base = Paths.get(dir);
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        Format f = n.endsWith(".json") ? Format.JSON : n.endsWith(".yaml") || n.endsWith(".yml") ? Format.YAML : null;
        if (f == null || Files.size(p) > MAX_SEED_BYTES) continue;
        seeds.add(new Seed(base.relativize(p).toString(), Files.readAllBytes(p), f));
      }
    }
    Assumptions.assumeFalse(seeds.isEmpty(), "no JSON/YAML files in the corpus " + dir);
    fuzz(seeds, CASES, SEED);
  }

  private void fuzz(List<Seed> seeds, int cases, long seed) {
    Duration guard = Duration.ofSeconds(60).plusMillis(cases * 50L);
    assertTimeoutPreemptively(guard, () -> {
      Random rnd = new Random(seed);
      Loader loader = new Loader(Limits.DEFAULT);
      // Small limits too, so that the limit paths are hit by ordinary mutants.
      Loader tight = new Loader(new Limits(16 * 1024, 12, 200, 20, 500));
      long started = System.nanoTime();
      long slowest = 0;
      int withProblems = 0;
      for (int c = 0; c < cases; c++) {
        Seed s = seeds.get(rnd.nextInt(seeds.size()));
        byte[] mutant = s.bytes;
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations; m++) mutant = mutate(mutant, rnd);
        Format format = rnd.nextInt(10) == 0 ? (s.format == Format.JSON ? Format.YAML : Format.JSON) : s.format;
        Loader l = rnd.nextInt(4) == 0 ? tight : loader;
        long t0 = System.nanoTime();
        boolean problems = check(c, s, mutant, format, l);
        slowest = Math.max(slowest, System.nanoTime() - t0);
        if (problems) withProblems++;
      }
      long ms = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("FuzzTest: %d cases from %d seeds (seed %d) in %d ms, %d with problems, slowest case %d ms%n",
          cases, seeds.size(), seed, ms, withProblems, slowest / 1_000_000);
    });
  }

  /** Loads one mutant twice and checks it; true when it had problems. */
  private boolean check(int c, Seed s, byte[] mutant, Format format, Loader loader) throws IOException {
    Path file = tmp.resolve("m" + (format == Format.JSON ? ".json" : ".yaml"));
    Files.write(file, mutant);
    SourceFile sf = new SourceFile(file, file.getFileName().toString(), format);
    try {
      LoadedFile a = loader.load(sf);
      LoadedFile b = loader.load(sf);
      String text = a.text() != null ? a.text().text() : new String(mutant, StandardCharsets.UTF_8);
      int lines = lineCount(text);
      List<LoadProblem> all = new ArrayList<>(a.problems());
      List<LoadProblem> embedded = new ArrayList<>();
      for (Node d : a.documents()) embedded(d, loader.limits(), embedded);
      all.addAll(embedded);
      for (LoadProblem p : all) {
        Span sp = p.span();
        assertTrue(sp != null && sp.startLine() >= 1 && sp.startColumn() >= 1 && sp.startLine() <= lines + 1 && sp.endLine() <= lines + 1,
            "problem span " + sp + " outside a file of " + lines + " lines: " + p.kind() + " " + p.message());
        assertTrue(p.message() != null && !p.message().isBlank(), "problem without a message");
      }
      assertTrue(a.problems().equals(b.problems()), "loading the same bytes twice gave different problems:\n" + a.problems() + "\n" + b.problems());
      List<LoadProblem> embedded2 = new ArrayList<>();
      for (Node d : b.documents()) embedded(d, loader.limits(), embedded2);
      assertTrue(embedded.equals(embedded2), "embedded JSON problems differ between two loads");
      return !all.isEmpty();
    } catch (Exception | AssertionError | StackOverflowError t) {
      Path saved = saveFailure(c, s, mutant, format);
      throw new AssertionError("fuzz case " + c + " (seed " + SEED + ", from " + s.name + ", as " + format + ") failed; mutant saved to "
          + saved + ": " + t, t);
    }
  }

  /** Parses every string scalar that looks like JSON, as the extractors do. */
  private static void embedded(Node n, Limits limits, List<LoadProblem> out) {
    if (n instanceof ObjectNode o) {
      for (ObjectNode.Entry e : o.entries()) embedded(e.value(), limits, out);
    } else if (n instanceof ArrayNode a) {
      for (Node i : a.items()) embedded(i, limits, out);
    } else if (n instanceof ScalarNode s && EmbeddedJson.looksLikeJson(s)) {
      EmbeddedJson.Result r = EmbeddedJson.parse(s, limits);
      out.addAll(r.problems());
      if (r.root() != null) embedded(r.root(), limits, out);
    }
  }

  private static int lineCount(String text) {
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\n' || (ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) n++;
    }
    return n;
  }

  private static Path saveFailure(int c, Seed s, byte[] mutant, Format format) {
    try {
      Path dir = Paths.get("target", "fuzz-failures");
      Files.createDirectories(dir);
      Path p = dir.resolve("case-" + c + (format == Format.JSON ? ".json" : ".yaml"));
      Files.write(p, mutant);
      return p.toAbsolutePath();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  // --- mutations ---------------------------------------------------------------------------------

  static byte[] mutate(byte[] in, Random rnd) {
    int n = in.length;
    int op = rnd.nextInt(10);
    if (n == 0) op = 3;
    int pos = n == 0 ? 0 : rnd.nextInt(n + 1);
    switch (op) {
      case 0: { // delete a span of bytes
        int len = Math.min(n - Math.min(pos, n), 1 + rnd.nextInt(16));
        return splice(in, Math.min(pos, n), len, new byte[0]);
      }
      case 1: { // duplicate a span
        int start = Math.min(pos, n);
        int len = Math.min(n - start, 1 + rnd.nextInt(32));
        byte[] dup = java.util.Arrays.copyOfRange(in, start, start + len);
        return splice(in, start, 0, dup);
      }
      case 2: { // swap two tokens
        int[] t1 = token(in, rnd.nextInt(n));
        int[] t2 = token(in, rnd.nextInt(n));
        if (t1[1] <= t2[0] || t2[1] <= t1[0]) {
          int[] a = t1[0] < t2[0] ? t1 : t2;
          int[] b = a == t1 ? t2 : t1;
          ByteArrayOutputStream o = new ByteArrayOutputStream(n);
          o.write(in, 0, a[0]);
          o.write(in, b[0], b[1] - b[0]);
          o.write(in, a[1], b[0] - a[1]);
          o.write(in, a[0], a[1] - a[0]);
          o.write(in, b[1], n - b[1]);
          return o.toByteArray();
        }
        return in;
      }
      case 3: // insert a fragment
      case 4:
        return splice(in, Math.min(pos, n), 0, FRAGMENTS[rnd.nextInt(FRAGMENTS.length)]);
      case 5: { // delete or duplicate a token
        int[] t = token(in, rnd.nextInt(n));
        if (rnd.nextBoolean()) return splice(in, t[0], t[1] - t[0], new byte[0]);
        return splice(in, t[0], 0, java.util.Arrays.copyOfRange(in, t[0], t[1]));
      }
      case 6: { // change a value's type: replace a quoted string or a token
        int q = indexOf(in, (byte) '"', rnd.nextInt(n));
        byte[] repl = TYPE_REPLACEMENTS[rnd.nextInt(TYPE_REPLACEMENTS.length)].getBytes(StandardCharsets.UTF_8);
        if (q >= 0) {
          int end = indexOf(in, (byte) '"', q + 1);
          if (end > q) return splice(in, q, end + 1 - q, repl);
        }
        int[] t = token(in, rnd.nextInt(n));
        return splice(in, t[0], t[1] - t[0], repl);
      }
      case 7: { // replace one byte with any byte
        byte[] out = in.clone();
        out[rnd.nextInt(n)] = (byte) rnd.nextInt(256);
        return out;
      }
      case 8: // truncate
        return java.util.Arrays.copyOf(in, rnd.nextInt(n));
      default: { // repeat a fragment many times (depth, alias and length limits)
        byte[] f = FRAGMENTS[rnd.nextInt(FRAGMENTS.length)];
        int times = 10 + rnd.nextInt(400);
        ByteArrayOutputStream o = new ByteArrayOutputStream(f.length * times);
        for (int i = 0; i < times; i++) o.write(f, 0, f.length);
        return splice(in, Math.min(pos, n), 0, o.toByteArray());
      }
    }
  }

  /** [start, end) of the token around {@code at}: a quoted string, a run of word bytes, or one byte. */
  private static int[] token(byte[] b, int at) {
    int n = b.length;
    if (b[at] == '"') {
      int end = indexOf(b, (byte) '"', at + 1);
      return new int[] {at, end < 0 ? n : end + 1};
    }
    if (!isWord(b[at])) return new int[] {at, at + 1};
    int s = at;
    int e = at;
    while (s > 0 && isWord(b[s - 1])) s--;
    while (e < n && isWord(b[e])) e++;
    return new int[] {s, e};
  }

  private static boolean isWord(byte c) {
    return c < 0 || Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '$' || c == '*';
  }

  private static int indexOf(byte[] b, byte c, int from) {
    for (int i = Math.max(0, from); i < b.length; i++) if (b[i] == c) return i;
    return -1;
  }

  private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
    byte[] out = new byte[in.length - remove + insert.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
    return out;
  }
}
