import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The bare-parse floor of the iam-lint benchmark (tools/bench/run.sh): finds the files iam-lint
 * would lint (*.json, *.yaml, *.yml, *.template; the same skipped folders), reads each one,
 * decodes it as strict UTF-8 and parses it with the parsers iam-lint uses, without building
 * anything: Jackson 3's streaming JsonParser for JSON (every token, every string and name
 * materialised) and snakeyaml-engine's low-level event parser with marks for YAML. A
 * {@code .template} file is JSON when its first non-blank byte is '{' or '['.
 *
 * <p>Usage: {@code java -cp <iam-lint-cli-all.jar>:<dir> BareParse [--threads N] PATH...}
 * (threads 0 or absent: one per processor, like iam-lint). Prints one line of key=value pairs.
 * Compiled at run time against the shaded CLI jar; not part of any Maven module.
 */
public final class BareParse {

  /** Folders iam-lint never walks into (FileDiscovery.SKIPPED_DIRS). */
  static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git", ".hg", ".svn", ".terraform", "cdk.out", ".idea");

  static final JsonFactory JSON = JsonFactory.builder().build();

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    int threads = 0;
    List<Path> roots = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--threads")) threads = Integer.parseInt(args[++i]);
      else roots.add(Path.of(args[i]));
    }
    if (threads <= 0) threads = Runtime.getRuntime().availableProcessors();
    List<Path> files = new ArrayList<>();
    for (Path r : roots) discover(r, files);
    files.sort(null);
    long t1 = System.nanoTime();

    AtomicLong bytes = new AtomicLong(), tokens = new AtomicLong(), json = new AtomicLong(), yaml = new AtomicLong(), errors = new AtomicLong();
    Runnable[] work = new Runnable[files.size()];
    for (int i = 0; i < work.length; i++) {
      Path f = files.get(i);
      work[i] = () -> {
        try {
          byte[] b = Files.readAllBytes(f);
          bytes.addAndGet(b.length);
          String text = decode(b);
          if (isJson(f, text)) {
            json.incrementAndGet();
            tokens.addAndGet(parseJson(text));
          } else {
            yaml.incrementAndGet();
            tokens.addAndGet(parseYaml(f, text));
          }
        } catch (Exception | StackOverflowError e) {
          errors.incrementAndGet(); // broken files are part of the corpus; iam-lint reports them
          if (System.getenv("BAREPARSE_VERBOSE") != null) System.err.println(f + ": " + e);
        }
      };
    }
    if (threads == 1) {
      for (Runnable r : work) r.run();
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> fs = new ArrayList<>(work.length);
      for (Runnable r : work) fs.add(pool.submit(r));
      for (Future<?> f : fs) f.get();
      pool.shutdown();
    }
    long t2 = System.nanoTime();
    System.out.printf("files=%d json=%d yaml=%d bytes=%d tokens=%d errors=%d threads=%d discover_ms=%d parse_ms=%d total_ms=%d%n",
        files.size(), json.get(), yaml.get(), bytes.get(), tokens.get(), errors.get(), threads,
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000);
  }

  static void discover(Path root, List<Path> out) throws IOException {
    if (!Files.isDirectory(root)) {
      out.add(root);
      return;
    }
    Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
        return !d.equals(root) && SKIPPED.contains(d.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
        String n = f.getFileName().toString();
        if (a.isRegularFile() && (n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".template"))) {
          out.add(f);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Strict UTF-8 without a byte order mark, as iam-lint's Loader decodes. */
  static String decode(byte[] b) throws IOException {
    int start = b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(java.nio.ByteBuffer.wrap(b, start, b.length - start)).toString();
  }

  static boolean isJson(Path f, String text) {
    String n = f.getFileName().toString();
    if (n.endsWith(".json")) return true;
    if (!n.endsWith(".template")) return false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
      return c == '{' || c == '[';
    }
    return true;
  }

  static long parseJson(String text) {
    long n = 0;
    long h = 0;
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        n++;
        if (t == JsonToken.PROPERTY_NAME) h += p.currentName().length();
        else if (t == JsonToken.VALUE_STRING) h += p.getString().length();
        h += p.currentTokenLocation().getCharOffset(); // iam-lint asks every token for its offset
      }
    }
    return h == Long.MIN_VALUE ? -1 : n; // keep h alive
  }

  static long parseYaml(Path f, String text) {
    LoadSettings settings = LoadSettings.builder().setLabel(f.toString()).setUseMarks(true).setAllowDuplicateKeys(true).build();
    long n = 0;
    for (Event e : new Parse(settings).parseString(text)) n++;
    return n;
  }
}
