package dev.iamlint.core.source;

import dev.iamlint.core.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * Parsed trees kept on disk between runs, so that a run over one file (the pre-commit hook) does
 * not parse the repository's manifests again: the Landing Zone Accelerator, Control Tower and
 * organization files every run needs as context are large YAML, and parsing them was most of such
 * a run's work.
 *
 * <p>Only YAML files are kept (see {@link #keeps}). Correct by construction, never by timestamps: an entry is found by a checksum of the file's
 * bytes and holds those bytes, which are compared in full before the entry is used, so an entry
 * is used only for the very bytes it was made from. Entries live in a directory named for the
 * build that wrote them and the loader's limits (the only inputs of a parse besides the bytes and
 * the format, which is in the entry's name), so a rebuilt iam-lint or other limits never read an
 * older tree. Entries are written to a temporary file and renamed into place, so concurrent runs
 * see whole entries or none.
 *
 * <p>Besides trees, an entry can record that a check whose verdict depends only on a file's bytes
 * passed them ({@link #passed}): the configuration file's schema validation, which costs a run
 * more than the rest of loading the configuration.
 *
 * <p>The cache can only save time: any failure (a read-only or full disk, a corrupt or foreign
 * entry) is a miss, and a cache that cannot write stops trying for the rest of the run. The
 * directory stays bounded: when a run has written entries, the oldest are deleted past
 * {@value #MAX_ENTRIES} entries or {@value #MAX_BYTES} bytes, and directories of other builds
 * unused for a day are removed.
 */
public final class TreeCache {

  /** The cache that never has anything: no directory, no I/O. */
  public static final TreeCache NONE = new TreeCache(null, Limits.DEFAULT);

  static final int MAX_ENTRIES = 4096;
  static final long MAX_BYTES = 256L * 1024 * 1024;
  private static final Duration OTHER_BUILDS_KEPT = Duration.ofDays(1);
  private static final String SUFFIX = ".tree";
  /** An entry saying a check passed the bytes it holds ({@link #passed}). */
  private static final String PASS_SUFFIX = ".pass";

  private final Path dir;
  private final Limits limits;
  private final AtomicBoolean writable = new AtomicBoolean(true);
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger passWrites = new AtomicInteger();
  /** Whether the directory exists with its tag files; {@link #prepare} runs once, under the lock. */
  private volatile boolean prepared;
  private final Object prepareLock = new Object();

  private TreeCache(Path dir, Limits limits) {
    this.dir = dir;
    this.limits = limits;
  }

  /**
   * The cache under {@code root} (created when missing) for this build and these limits; or
   * {@link #NONE} when {@code root} is null. Never fails: a directory that cannot be created makes
   * every lookup a miss.
   */
  public static TreeCache open(Path root, Limits limits) {
    if (root == null) return NONE;
    String key = buildKey(limits);
    // Code of unknown origin cannot tell one build from the next: no cache rather than a wrong one.
    return key == null ? NONE : new TreeCache(root.resolve("trees-" + key), limits);
  }

  /**
   * The user's cache directory for iam-lint, from this process's environment: {@code IAMLINT_CACHE_DIR}, else
   * {@code $XDG_CACHE_HOME/iam-lint}, else {@code %LOCALAPPDATA%/iam-lint/cache} on Windows,
   * else {@code ~/.cache/iam-lint}; null when none can be told (no home directory). Outside the
   * repository: a cache is no business of the checkout, and entries are found by content, so one
   * directory serves every repository of the user.
   */
  public static Path userDirectory() {
    return userDirectory(System.getenv(), System.getProperty("user.home"), System.getProperty("os.name"));
  }

  /** {@link #userDirectory()} from these settings. */
  public static Path userDirectory(Map<String, String> env, String userHome, String osName) {
    try {
      return userDirectoryOrThrow(env, userHome, osName);
    } catch (InvalidPathException e) {
      return null; // a variable that is no path: no cache rather than a failed run
    }
  }

  private static Path userDirectoryOrThrow(Map<String, String> env, String userHome, String osName) {
    String own = env.get("IAMLINT_CACHE_DIR");
    if (own != null && !own.isBlank()) return Path.of(own).toAbsolutePath().normalize();
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "iam-lint");
    String local = env.get("LOCALAPPDATA");
    if (osName != null && osName.startsWith("Windows") && local != null && !local.isBlank()) {
      return Path.of(local, "iam-lint", "cache");
    }
    if (userHome == null || userHome.isBlank() || userHome.equals("?")) return null;
    return Path.of(userHome, ".cache", "iam-lint");
  }

  /** Lookups answered from the cache in this run. */
  public int hits() {
    return hits.get();
  }

  /** Lookups the cache could not answer in this run. */
  public int misses() {
    return misses.get();
  }

  /** Entries written in this run. */
  public int writes() {
    return writes.get();
  }

  /** The directory of this build's entries, or null for {@link #NONE}. */
  public Path directory() {
    return dir;
  }

  /**
   * Whether a file's tree is worth keeping: YAML only. snakeyaml-engine reads YAML at a fraction of
   * the speed Jackson reads JSON, while reading an entry back costs about what Jackson's parse of
   * the same JSON does (1,600 permission-set JSON files as context: a warm cache saved nothing, and
   * writing the entries made the first run slower), so JSON files are parsed every time.
   */
  boolean keeps(SourceFile file) {
    return dir != null && file.format() == Format.YAML;
  }

  /**
   * The file as it was loaded from exactly these bytes in an earlier run, or null.
   *
   * @param decoded the text of the bytes as the loader decodes them
   */
  LoadedFile get(SourceFile file, byte[] bytes, String decoded) {
    if (dir == null) return null;
    LoadedFile found = null;
    try {
      byte[] entry = Files.readAllBytes(dir.resolve(name(file, bytes)));
      found = TreeCodec.decode(entry, file, bytes, decoded, limits.maxDepth() + 1);
    } catch (NoSuchFileException e) {
      // a miss
    } catch (IOException | SecurityException | TreeCodec.Malformed | OutOfMemoryError | StackOverflowError e) {
      // unreadable or corrupt: a miss, and the next write replaces it
    }
    (found != null ? hits : misses).incrementAndGet();
    return found;
  }

  /** Keeps the file loaded from these bytes for later runs (when the cache can). */
  void put(SourceFile file, byte[] bytes, String decoded, LoadedFile loaded) {
    if (dir == null || !writable.get()) return;
    try {
      byte[] entry = TreeCodec.encode(bytes, decoded, loaded);
      if (entry == null) return;
      write(name(file, bytes), entry);
      writes.incrementAndGet();
    } catch (IOException | SecurityException | UnsupportedOperationException | OutOfMemoryError | StackOverflowError e) {
      writable.set(false); // read-only, full or foreign: no more attempts in this run
    }
  }

  /**
   * Whether {@code check} passed exactly these bytes in an earlier run of this build, as {@link
   * #recordPass} recorded it. For a check whose verdict depends on nothing but the bytes and the
   * build (the configuration file's schema validation): {@code check} names it and must change
   * with anything else it depends on. The entry holds the bytes, compared in full.
   */
  public boolean passed(String check, byte[] bytes) {
    if (dir == null || check == null) return false;
    try {
      return Arrays.equals(Files.readAllBytes(dir.resolve(passName(check, bytes))), bytes);
    } catch (IOException | SecurityException | OutOfMemoryError e) {
      return false; // a miss, or unreadable: the check runs
    }
  }

  /**
   * A check's name for {@link #passed}: {@code name} and a checksum of what its verdict depends on
   * besides the bytes and this build's parser, the check's own definition (a schema) and the code
   * that runs it (identified as the parser's code is). Null when that code's origin cannot be told:
   * then nothing is recorded.
   */
  public static String checkName(String name, byte[] definition, Class<?>... code) {
    StringBuilder key = new StringBuilder().append(crc(definition));
    for (Class<?> c : code) {
      String id = codeIdentity(c);
      if (id == null) return null;
      key.append('|').append(id);
    }
    return name + "-" + Long.toHexString(crc(key.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** Records that {@code check} passed these bytes (when the cache can), for {@link #passed}. */
  public void recordPass(String check, byte[] bytes) {
    if (dir == null || check == null || !writable.get()) return;
    try {
      write(passName(check, bytes), bytes);
      passWrites.incrementAndGet();
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      writable.set(false);
    }
  }

  /** Writes an entry whole or not at all: to a temporary file, then renamed into place. */
  private void write(String name, byte[] entry) throws IOException {
    // Every writer waits for the directory: workers write side by side, and one that went on
    // while another was still creating it failed, which turned the cache off for the run.
    if (!prepared) {
      synchronized (prepareLock) {
        if (!prepared) {
          prepare();
          prepared = true;
        }
      }
    }
    Path tmp = Files.createTempFile(dir, "entry", ".part");
    try {
      Files.write(tmp, entry);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Ends the run's use of the cache: when it wrote entries, deletes the oldest past the bounds and
   * other builds' directories unused for a day. Never fails.
   */
  public void close() {
    if (dir == null || writes.get() + passWrites.get() == 0) return;
    try {
      prune(dir, MAX_ENTRIES, MAX_BYTES);
      removeOtherBuilds();
    } catch (IOException | SecurityException | UncheckedIOException e) {
      // a later run prunes
    }
  }

  /**
   * Creates this build's directory and marks it as a cache that backup tools and git skip. The
   * marks go inside it, never into the directory the user named, which may be anything (a
   * repository's root given as --cache-dir must not get a .gitignore that hides the repository).
   */
  private void prepare() throws IOException {
    Files.createDirectories(dir);
    Path tag = dir.resolve("CACHEDIR.TAG");
    if (!Files.exists(tag)) {
      // https://bford.info/cachedir/: backup tools skip a directory holding this file.
      Files.writeString(tag, "Signature: 8a477f597d28d172789f06886806bc55\n"
          + "# This file is a cache directory tag created by iam-lint.\n", StandardCharsets.US_ASCII);
    }
    Path ignore = dir.resolve(".gitignore");
    if (!Files.exists(ignore)) Files.writeString(ignore, "# created by iam-lint: a cache, never committed\n*\n");
  }

  /** Deletes the oldest entries until at most 3/4 of each bound is used, when a bound is passed. */
  static void prune(Path dir, int maxEntries, long maxBytes) throws IOException {
    record Entry(Path path, FileTime modified, long size) {}
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    Instant stalePart = Instant.now().minus(Duration.ofHours(1));
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String name = p.getFileName().toString();
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          continue; // pruned by a concurrent run
        }
        if (name.endsWith(".part")) {
          // a crashed run's half-written entry
          if (a.lastModifiedTime().toInstant().isBefore(stalePart)) Files.deleteIfExists(p);
        } else if (name.endsWith(SUFFIX) || name.endsWith(PASS_SUFFIX)) {
          entries.add(new Entry(p, a.lastModifiedTime(), a.size()));
          total += a.size();
        }
      }
    }
    if (entries.size() <= maxEntries && total <= maxBytes) return;
    entries.sort(Comparator.comparing(Entry::modified));
    int count = entries.size();
    for (Entry e : entries) {
      if (count <= maxEntries * 3L / 4 && total <= maxBytes * 3 / 4) break;
      Files.deleteIfExists(e.path());
      count--;
      total -= e.size();
    }
  }

  private void removeOtherBuilds() throws IOException {
    Instant unused = Instant.now().minus(OTHER_BUILDS_KEPT);
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.getParent(), "trees-*")) {
      for (Path other : s) {
        if (other.equals(dir) || !Files.isDirectory(other)) continue;
        if (Files.getLastModifiedTime(other).toInstant().isAfter(unused)) continue;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(other)) {
          for (Path e : entries) Files.deleteIfExists(e);
        }
        Files.deleteIfExists(other);
      }
    }
  }

  /** A pass entry's file name: the check, the length and a CRC-32C of the bytes. */
  private static String passName(String check, byte[] bytes) {
    return "p-" + check + "-" + bytes.length + "-" + Long.toHexString(crc(bytes)) + PASS_SUFFIX;
  }

  private static long crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }

  /** The entry's file name: the format, the length and a CRC-32C of the bytes. */
  private static String name(SourceFile file, byte[] bytes) {
    return (file.format() == Format.JSON ? "j" : "y") + bytes.length + "-" + Long.toHexString(crc(bytes)) + SUFFIX;
  }

  /**
   * What a parse depends on besides the bytes and the format: the layout, iam-lint's version, the
   * code that parses (the jar or class directories of the loader, snakeyaml-engine and Jackson,
   * identified by path, size and modification time, so a rebuild of a snapshot counts) and the
   * limits. Null when the code's origin cannot be told.
   */
  static String buildKey(Limits limits) {
    StringBuilder key = new StringBuilder();
    // The limits field by field: a record's toString is bootstrapped at first use, which costs a
    // one-file run more than the rest of this method.
    key.append(TreeCodec.VERSION).append('|').append(Version.get()).append('|').append(limits.maxFileBytes())
        .append(',').append(limits.maxDepth()).append(',').append(limits.maxStringLength()).append(',')
        .append(limits.maxNumberLength()).append(',').append(limits.maxNodes());
    for (Class<?> c : new Class<?>[] {TreeCache.class, org.snakeyaml.engine.v2.api.LoadSettings.class,
        tools.jackson.core.json.JsonFactory.class}) {
      String code = codeIdentity(c);
      if (code == null) return null;
      key.append('|').append(code);
    }
    // Two independent 32-bit hashes of the key (no MessageDigest: its provider lookup is slow to
    // start): builds that differ never share a directory short of a 64-bit accident.
    byte[] bytes = key.toString().getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(Arrays.hashCode(bytes));
  }

  /**
   * Path, size and time of the jar a class comes from; of its package's class files for a
   * directory (tests, an IDE); null when unknown.
   */
  private static String codeIdentity(Class<?> c) {
    try {
      URL location = c.getProtectionDomain().getCodeSource() == null ? null : c.getProtectionDomain().getCodeSource().getLocation();
      if (location == null) return null;
      Path p = Path.of(location.toURI());
      if (!Files.isDirectory(p)) return p + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
      Path pkg = p.resolve(c.getPackageName().replace('.', '/'));
      StringBuilder sb = new StringBuilder(p.toString());
      try (DirectoryStream<Path> s = Files.newDirectoryStream(pkg)) {
        List<String> parts = new ArrayList<>();
        for (Path f : s) parts.add(f.getFileName() + ":" + Files.size(f) + ":" + Files.getLastModifiedTime(f).toMillis());
        parts.sort(null);
        for (String part : parts) sb.append(',').append(part);
      }
      return sb.toString();
    } catch (IOException | URISyntaxException | SecurityException | IllegalArgumentException
        | FileSystemNotFoundException e) {
      return null;
    }
  }
}
