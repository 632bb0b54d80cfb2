package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon behind {@code IAMLINT_DAEMON=1}, served on a thread of the test's JVM: it answers as
 * the caller would have answered itself, in the caller's directory; it refuses another build and
 * stops when its own jar changes; it stops when idle; a second daemon leaves the first alone; a
 * client never waits on a daemon that does not take its request; rehearsals write nothing.
 */
class DaemonTest {

  @TempDir Path tmp;
  private Path repo;
  private Path socket;
  private Path jar;
  private final List<CompletableFuture<Void>> serving = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX file system here");
    repo = Files.createDirectories(tmp.resolve("repo"));
    Files.createDirectories(repo.resolve("policies"));
    Files.writeString(repo.resolve("policies/admin.json"), MainTest.ADMIN);
    Files.writeString(repo.resolve("policies/clean.json"), MainTest.CLEAN);
    // a short directory of the test's own: a socket's path is limited to ~100 bytes
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "ild");
    socket = dir.resolve("d.sock");
    jar = Files.writeString(tmp.resolve("iam-lint-cli-all.jar"), "a jar");
  }

  @AfterEach
  void tearDown() throws Exception {
    Files.deleteIfExists(socket); // a daemon stops when its socket is gone
    for (CompletableFuture<Void> f : serving) f.get(30, TimeUnit.SECONDS);
    try (var files = Files.list(socket.getParent())) {
      for (Path p : files.toList()) Files.delete(p);
    }
    Files.delete(socket.getParent());
  }

  private String identity() {
    return Daemon.identity(jar, System.getProperty("java.home"));
  }

  /** A daemon on the test's socket, serving on another thread; started when the socket is there. */
  private Daemon serve(Duration idle, DaemonWire.Request first) throws Exception {
    return serve(new Daemon(socket, this::identity, idle), first);
  }

  private Daemon serve(Daemon d, DaemonWire.Request first) throws Exception {
    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
      try {
        d.serve(first);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    serving.add(f);
    for (int i = 0; i < 300 && !d.listening() && !f.isDone(); i++) Thread.sleep(20);
    assertTrue(d.listening() && Files.exists(socket), "the daemon listens");
    return d;
  }

  private Invocation in(Path cwd) {
    return new Invocation(cwd, Map.of("TERM", "xterm"), false);
  }

  private DaemonClient client(Invocation where) {
    return new DaemonClient(socket, jar, System.getProperty("java.home"), where);
  }

  /** What the command prints and returns when run here, without a daemon. */
  private static Ran here(Invocation where, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    int code = Main.commandLine(o, e, args, where).execute(args);
    o.flush();
    e.flush();
    return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Ran viaDaemon(Invocation where, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer code = client(where).run(args, out, err);
    return code == null ? null : new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record Ran(int code, String out, String err) {}

  @Test
  void answersAsTheCallerWouldInTheCallersDirectory() throws Exception {
    serve(Duration.ofMinutes(1), null);
    Invocation where = in(repo.resolve("policies"));
    // relative to the caller's directory, which is not this JVM's
    String[] args = {"check", "admin.json", "clean.json", "--no-cache", "-f", "json", "-o", "../out/r.json", "-f", "text"};
    Ran daemon = viaDaemon(where, args);
    assertNotNull(daemon, "the daemon answered");
    byte[] daemonReport = Files.readAllBytes(repo.resolve("out/r.json"));
    Files.delete(repo.resolve("out/r.json"));
    Ran local = here(where, args);
    assertEquals(1, local.code(), local.out() + local.err());
    assertEquals(local, daemon);
    assertTrue(daemon.out().contains("admin.json:6:17: error IAM201"), daemon.out());
    assertArrayEquals(Files.readAllBytes(repo.resolve("out/r.json")), daemonReport);
    assertFalse(Files.exists(Path.of("../out/r.json")), "nothing written relative to the JVM's own directory");

    // a usage error is answered too, with the exit code and message a local run gives
    String[] bad = {"check", "--fail-level", "sometimes"};
    Ran badDaemon = viaDaemon(where, bad);
    assertEquals(here(where, bad), badDaemon);
    assertEquals(2, badDaemon.code());
  }

  @Test
  void refusesAnotherBuildAndStopsWhenItsJarChanges() throws Exception {
    serve(Duration.ofMinutes(1), null);
    Invocation where = in(repo);
    DaemonClient other = new DaemonClient(socket, tmp.resolve("other.jar"), System.getProperty("java.home"), where);
    assertNull(other.run(new String[] {"check"}, new ByteArrayOutputStream(), new ByteArrayOutputStream()),
        "another jar's request is refused: the client runs it itself");
    assertNotNull(viaDaemon(where, "check", "--no-cache"), "and the daemon serves its own build after");

    Files.writeString(jar, "a rebuilt jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(10)));
    assertNull(viaDaemon(where, "check", "--no-cache"), "a rebuilt jar is not this daemon's");
    serving.get(0).get(30, TimeUnit.SECONDS); // and it stopped
    assertFalse(Files.exists(socket), "its socket is gone");
  }

  @Test
  void stopsWhenIdleAndASecondDaemonLeavesTheFirstAlone() throws Exception {
    serve(Duration.ofMillis(1500), null);
    Daemon second = new Daemon(socket, this::identity, Duration.ofMinutes(1));
    long t0 = System.nanoTime();
    second.serve(null); // the first holds the lock
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "returned at once");
    assertNotNull(viaDaemon(in(repo), "check", "--no-cache"), "the first still serves");
    serving.get(0).get(30, TimeUnit.SECONDS);
    assertFalse(Files.exists(socket), "idle, it stopped and took its socket away");
    assertNull(viaDaemon(in(repo), "check", "--no-cache"), "no daemon: the client runs the check itself");
  }

  @Test
  void bytesThatAreNoRequestDoNotStopIt() throws Exception {
    serve(Duration.ofMinutes(1), null);
    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      c.write(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      c.shutdownOutput();
      assertEquals(-1, c.read(ByteBuffer.allocate(64)), "no answer to that");
    }
    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      // a request that claims 2 GB of arguments costs the daemon nothing
      c.write(ByteBuffer.wrap(new byte[] {0x49, 0x41, 0x4d, 0x4c, 0x7f, 0x7f, 0x7f, 0x7f}));
      c.shutdownOutput();
      assertEquals(-1, c.read(ByteBuffer.allocate(64)));
    }
    assertNotNull(viaDaemon(in(repo), "check", "--no-cache"), "still serving");
  }

  @Test
  void aConnectionThatSendsNothingDoesNotHoldIt() throws Exception {
    serve(new Daemon(socket, this::identity, Duration.ofMinutes(1), Duration.ofMillis(300)), null);
    try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      long t0 = System.nanoTime();
      assertNotNull(viaDaemon(in(repo), "check", "--no-cache"), "served after the silent one's time is up");
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20));
      assertEquals(-1, silent.read(ByteBuffer.allocate(4)), "the silent one was hung up on");
    }
  }

  @Test
  void aClientDoesNotWaitForADaemonThatDoesNotTakeItsRequest() throws Exception {
    try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      mute.bind(UnixDomainSocketAddress.of(socket));
      try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket));
          SocketChannel accepted = mute.accept()) {
        long t0 = System.nanoTime();
        assertFalse(DaemonClient.acknowledged(c, Duration.ofMillis(300)));
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(250) && waited < TimeUnit.SECONDS.toNanos(5), waited + " ns");
      }
    }
  }

  @Test
  void rehearsalsWriteNothing() throws Exception {
    Invocation where = in(repo);
    DaemonWire.Request first = new DaemonWire.Request(identity(), where,
        List.of("check", "--no-cache", "-f", "sarif", "-o", "r.sarif"));
    Daemon d = serve(Duration.ofMinutes(1), first);
    for (int i = 0; i < 1500 && d.rehearsals() < 4; i++) Thread.sleep(20);
    assertEquals(4, d.rehearsals(), "the first request was rehearsed");
    assertFalse(Files.exists(repo.resolve("r.sarif")), "without its report");
    assertNotNull(viaDaemon(where, "check", "--no-cache", "-f", "sarif", "-o", "r.sarif"));
    assertTrue(Files.exists(repo.resolve("r.sarif")), "the real run writes it");
  }

  /** {@code java -cp <test class path> dev.iamlint.cli.Main ARGS} in the repository, with this environment. */
  private Ran cli(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.iamlint.cli.Main"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI finished");
    return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void theFirstRunStartsADaemonThatAnswersTheNext() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no POSIX shell here");
    Path runtime = socket.getParent(); // short, the test's own, deleted after it
    Map<String, String> env = Map.of("IAMLINT_DAEMON", "1", "XDG_RUNTIME_DIR", runtime.toString(),
        "IAMLINT_CACHE_DIR", tmp.resolve("cache").toString());
    String[] args = {"check", "policies/admin.json", "--verbose", "--no-color", "-f", "sarif", "-o", "out/r.sarif"};
    try {
      Ran first = cli(env, args);
      assertEquals(1, first.code(), first.err());
      assertFalse(first.err().contains("run by the daemon"), first.err());
      byte[] firstReport = Files.readAllBytes(repo.resolve("out/r.sarif"));
      Path dir = runtime.resolve("iam-lint");
      Path sock = null;
      for (int i = 0; i < 600 && sock == null; i++) {
        Thread.sleep(50);
        try (var files = Files.list(dir)) {
          sock = files.filter(f -> f.toString().endsWith(".sock")).findFirst().orElse(null);
        } catch (IOException e) {
          // not made yet
        }
      }
      assertNotNull(sock, "the first run started a daemon");
      Ran second = null;
      for (int i = 0; i < 100; i++) { // it listens a moment after its socket appears
        second = cli(env, args);
        if (second.err().contains("run by the daemon")) break;
        Thread.sleep(100);
      }
      assertTrue(second.err().contains("run by the daemon"), second.err());
      assertEquals(first.code(), second.code());
      assertEquals(first.out(), second.out());
      assertArrayEquals(firstReport, Files.readAllBytes(repo.resolve("out/r.sarif")));
    } finally {
      // deleting its socket stops the daemon within a second
      try (var walk = Files.walk(runtime)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(runtime) && !p.equals(socket)) Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void onlyChecksWhoseArgumentsMeanTheSameThereAreHandedOver() {
    assertTrue(DaemonClient.delegable(new String[] {"check", "a.json", "-f", "sarif", "-o", "x"}));
    assertTrue(DaemonClient.delegable(new String[] {"check"}));
    assertFalse(DaemonClient.delegable(new String[] {}));
    assertFalse(DaemonClient.delegable(new String[] {"rules"}));
    assertFalse(DaemonClient.delegable(new String[] {"check", "@args.txt"}), "picocli reads @files from its own directory");
    assertFalse(DaemonClient.delegable(new String[] {"check", "--help"}), "help fits the terminal's width");
    assertFalse(DaemonClient.delegable(new String[] {"check", "-V"}));

    assertTrue(DaemonClient.wanted(Map.of("IAMLINT_DAEMON", "1")));
    assertTrue(DaemonClient.wanted(Map.of("IAMLINT_DAEMON", " On ")));
    assertFalse(DaemonClient.wanted(Map.of("IAMLINT_DAEMON", "0")));
    assertFalse(DaemonClient.wanted(Map.of()));
  }

  @Test
  void socketsAreNamedShortPerJarAndJdk() {
    String a = DaemonClient.socketName(Path.of("/a/iam-lint-cli-all.jar"), "/jdk17");
    assertEquals(22, a.length(), a);
    assertTrue(a.matches("d[0-9a-f]{16}\\.sock"), a);
    assertNotEquals(a, DaemonClient.socketName(Path.of("/b/iam-lint-cli-all.jar"), "/jdk17"));
    assertNotEquals(a, DaemonClient.socketName(Path.of("/a/iam-lint-cli-all.jar"), "/jdk25"));
    assertEquals("j_doe_x.y-z", DaemonClient.fileName("j doe/x.y-z"));
    assertEquals("___", DaemonClient.fileName("é/;"));
  }

  @Test
  void theSocketDirectoryIsItsOwnersAlone() throws Exception {
    Path made = DaemonClient.ownedDirectory(tmp.resolve("sockets"));
    assertNotNull(made);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
    assertEquals(made, DaemonClient.ownedDirectory(made), "used again");

    Path open = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertNull(DaemonClient.ownedDirectory(open), "others may enter it");

    Path link = Files.createSymbolicLink(tmp.resolve("link"), made);
    assertNull(DaemonClient.ownedDirectory(link), "a link may point anywhere later");
  }
}
