package dev.iamlint.cli;

import dev.iamlint.core.Version;
import dev.iamlint.core.engine.Engine;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The opt-in resident process behind {@code IAMLINT_DAEMON=1}: it runs {@code check} for
 * {@linkplain DaemonClient clients} so that a pre-commit run does not pay for a JVM's start, class
 * loading and cold code on every commit. Each request is an ordinary run (a new command line, a new
 * engine, every file read again, the parse cache checked by content), in the client's directory and
 * environment ({@link Invocation}); what stays warm is only code and the read-only bundled
 * catalogue, so the answer is the one the client would have given itself.
 *
 * <p>One daemon per jar and JDK (the socket's name), serving one request at a time. It refuses a
 * request from another build of iam-lint or another JDK ({@link #identity}), and stops when its
 * own jar has changed (a rebuild), when it has been idle for {@link #IDLE}, or when its socket is
 * gone. The socket lives in a directory only its user may enter ({@link DaemonClient#directory}).
 */
public final class Daemon {

  /** How long a daemon waits for a request before it exits. */
  static final Duration IDLE = Duration.ofMinutes(10);

  /** Bumped when {@link DaemonWire} changes, so that an old daemon refuses a new client. */
  private static final int PROTOCOL = 1;

  /** Rehearsals after each request, and in a daemon's life: enough for the JIT, bounded CPU. */
  private static final int REHEARSALS_PER_REQUEST = 3;
  private static final int REHEARSALS_IN_ALL = 30;
  private static final Duration REHEARSE_UNDER = Duration.ofSeconds(1);

  private final Path socket;
  private final Supplier<String> identity;
  private final Duration idle;
  /** One engine for every run: its rules hold no state between runs, and discovering them costs. */
  private Engine engine;
  /** Whether it accepts connections; read by tests from another thread. */
  private volatile boolean listening;
  /** Rehearsals so far; read by tests from another thread. */
  private volatile int rehearsals;

  Daemon(Path socket, Supplier<String> identity, Duration idle) {
    this.socket = socket;
    this.identity = identity;
    this.idle = idle;
  }

  /**
   * {@code Daemon SOCKET [FIRST]}: serves on SOCKET until idle; started by {@link
   * DaemonClient#start}, which leaves in FIRST the request of the run that started it, rehearsed
   * before any client comes.
   */
  public static void main(String[] args) throws IOException {
    Path jar = DaemonClient.ownJar();
    if (args.length < 1 || args.length > 2 || jar == null) {
      System.err.println("usage: java -cp iam-lint-cli-all.jar dev.iamlint.cli.Daemon SOCKET [FIRST]");
      System.exit(2);
    }
    DaemonWire.Request first = args.length == 2 ? DaemonClient.readFirst(Path.of(args[1])) : null;
    String javaHome = System.getProperty("java.home");
    new Daemon(Path.of(args[0]), () -> identity(jar, javaHome), IDLE).serve(first);
    System.exit(0);
  }

  /**
   * What a client and a daemon must share for the daemon's answer to be the client's: the same
   * jar, unchanged (path, size, modification time), the same JDK, the same protocol.
   */
  static String identity(Path jar, String javaHome) {
    try {
      return jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis() + "|" + javaHome
          + "|" + Version.get() + "|" + PROTOCOL;
    } catch (IOException e) {
      return jar + "|gone";
    }
  }

  /**
   * Serves until idle, until its socket is gone, or until its own identity changes. Returns at
   * once when another daemon holds the socket's lock: two clients may start a daemon for the same
   * socket together, and one serves. Between requests it rehearses the last one ({@code first}
   * at the start), unless a client is waiting.
   */
  void serve(DaemonWire.Request first) throws IOException {
    Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
    try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lock(lockChannel)) {
      if (lock == null) return;
      String started = identity.get();
      engine = new Engine();
      // A socket file left by a daemon that died (its lock went with it): binding needs the name free.
      Files.deleteIfExists(socket);
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
          Selector selector = Selector.open()) {
        server.bind(UnixDomainSocketAddress.of(socket));
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        listening = true;
        DaemonWire.Request practice = first;
        int left = first == null ? 0 : REHEARSALS_PER_REQUEST;
        long last = System.nanoTime();
        while (Files.exists(socket)) {
          boolean rehearse = practice != null && left > 0 && rehearsals < REHEARSALS_IN_ALL;
          if (rehearse) {
            selector.selectNow();
          } else {
            long wait = idle.toNanos() - (System.nanoTime() - last);
            if (wait <= 0) return;
            // at least once a second, to see that the socket is still there
            selector.select(Math.max(1, Math.min(1000, wait / 1_000_000)));
          }
          selector.selectedKeys().clear();
          SocketChannel client = server.accept();
          if (client == null) {
            if (rehearse) {
              left = rehearse(practice) ? left - 1 : 0;
              rehearsals++;
              // Between requests the heap goes back to the live set (classes, the catalogue), so
              // an idle daemon holds little memory.
              if (left == 0) System.gc();
            }
            continue;
          }
          client.configureBlocking(true);
          Handled h = handle(client, started);
          if (h.stop()) return;
          last = System.nanoTime();
          if (h.ran() != null) {
            practice = h.ran();
            left = REHEARSALS_PER_REQUEST;
          }
          if (left == 0 || rehearsals >= REHEARSALS_IN_ALL) System.gc();
        }
      } finally {
        Files.deleteIfExists(socket);
      }
    }
  }

  boolean listening() {
    return listening;
  }

  int rehearsals() {
    return rehearsals;
  }

  /** What came of one connection: whether the daemon must stop, and the request it ran, if any. */
  private record Handled(boolean stop, DaemonWire.Request ran) {}

  /**
   * The socket's lock, waited for a few seconds (a daemon that refused a rebuilt client is still
   * exiting when the client starts the next), or null when another daemon keeps it.
   */
  private static FileLock lock(FileChannel channel) throws IOException {
    for (int i = 0; i < 50; i++) {
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) return lock;
      } catch (OverlappingFileLockException e) {
        return null; // held by this JVM (tests run several daemons in one)
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /** Runs one request; stops the daemon when its jar changed since it started. */
  private Handled handle(SocketChannel client, String started) {
    try (client) {
      DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
      DataOutputStream reply = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client)));
      DaemonWire.Request request = DaemonWire.readRequest(in);
      DaemonWire.acknowledge(reply);
      String now = identity.get();
      if (!now.equals(started) || !now.equals(request.identity())) {
        DaemonWire.write(reply, DaemonWire.Reply.refused());
        return new Handled(!now.equals(started), null);
      }
      long t0 = System.nanoTime();
      DaemonWire.write(reply, run(request, engine));
      // Only runs of the pre-commit kind are rehearsed: a long one warms the code by itself, and
      // rehearsing it would keep the next client waiting past its patience.
      boolean small = System.nanoTime() - t0 < REHEARSE_UNDER.toNanos();
      return new Handled(false, small ? request : null);
    } catch (IOException | RuntimeException e) {
      return new Handled(false, null); // not a client of ours, or one that went away: nothing to answer
    }
  }

  /** The command as {@link Main#main} runs it, its output kept for the client. */
  static DaemonWire.Reply run(DaemonWire.Request request, Engine engine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    String[] args = request.args().toArray(String[]::new);
    int code = Main.commandLine(o, e, args, request.invocation(), engine).execute(args);
    o.flush();
    e.flush();
    return new DaemonWire.Reply(DaemonWire.RAN, code, out.toByteArray(), err.toByteArray());
  }

  /**
   * {@link CheckCommand#rehearse Rehearses} a request: its files read and linted, its reports
   * rendered to nowhere. False when it cannot be (bad arguments, a failing run): no more tries.
   */
  private boolean rehearse(DaemonWire.Request request) {
    String[] args = request.args().toArray(String[]::new);
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    try {
      CommandLine cl = Main.commandLine(sink, sink, args, request.invocation(), engine);
      CommandLine.ParseResult parsed = cl.parseArgs(args);
      if (!parsed.hasSubcommand() || !(parsed.subcommand().commandSpec().userObject() instanceof CheckCommand check)) {
        return false;
      }
      check.rehearse();
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
