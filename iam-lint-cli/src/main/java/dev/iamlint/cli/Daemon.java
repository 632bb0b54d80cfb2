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
import java.net.URLConnection;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The opt-in resident process behind {@code IAMLINT_DAEMON=1}: it runs {@code check} for
 * {@linkplain DaemonClient clients} so that a pre-commit run does not pay for a JVM's start, class
 * loading and cold code on every commit. Each request is an ordinary run (a new command line,
 * every file read again, the parse cache checked by content), in the client's directory and
 * environment ({@link Invocation}); what stays warm is code, the read-only bundled catalogue and
 * the built-in rules, which hold no state between runs (a run's configured and plugin rules are
 * made for it), so the answer is the one the client would have given itself.
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

  /**
   * Rehearsals of the run that started the daemon, after each request, and in a daemon's life:
   * enough for the JIT to compile what a pre-commit run needs, at a bounded cost in CPU.
   */
  private static final int REHEARSALS_FIRST = 4;
  private static final int REHEARSALS_PER_REQUEST = 2;
  private static final int REHEARSALS_IN_ALL = 16;
  /** How long after a request the daemon waits before it rehearses: the next batch may come. */
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final Duration REHEARSE_UNDER = Duration.ofSeconds(1);
  private static final Duration REQUEST_TIME = Duration.ofSeconds(5);

  private final Path socket;
  private final Supplier<String> identity;
  private final Duration idle;
  /** How long a client may take to send its request once connected. */
  private final Duration requestTime;
  /** One engine for every run: its rules hold no state between runs, and discovering them costs. */
  private Engine engine;
  /** Whether it accepts connections; read by tests from another thread. */
  private volatile boolean listening;
  /** Rehearsals so far; read by tests from another thread. */
  private volatile int rehearsals;

  Daemon(Path socket, Supplier<String> identity, Duration idle) {
    this(socket, identity, idle, REQUEST_TIME);
  }

  Daemon(Path socket, Supplier<String> identity, Duration idle, Duration requestTime) {
    this.socket = socket;
    this.identity = identity;
    this.idle = idle;
    this.requestTime = requestTime;
  }

  /**
   * {@code Daemon SOCKET [FIRST]}: serves on SOCKET until idle; started by {@link
   * DaemonClient#start}, which leaves in FIRST the request of the run that started it, rehearsed
   * before any client comes.
   */
  public static void main(String[] args) throws IOException {
    Path jar = DaemonClient.ownCode();
    if (args.length < 1 || args.length > 2 || jar == null) {
      System.err.println("usage: java -cp iam-lint-cli-all.jar dev.iamlint.cli.Daemon SOCKET [FIRST]");
      System.exit(2);
    }
    // A plugin jar (--plugin, plugins:) rebuilt between two requests must be read anew: jar: URLs
    // (ServiceLoader's services file) would otherwise be served from a JarFile opened before.
    URLConnection.setDefaultUseCaches("jar", false);
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
        int left = first == null ? 0 : REHEARSALS_FIRST;
        long last = System.nanoTime();
        // Rehearsals wait for a quiet moment: a hook's files may come in several batches, one
        // run after the other, and none should wait for a rehearsal.
        long quietFrom = last;
        while (Files.exists(socket)) {
          long now = System.nanoTime();
          boolean pending = practice != null && left > 0 && rehearsals < REHEARSALS_IN_ALL;
          long wait = pending ? quietFrom - now : idle.toNanos() - (now - last);
          if (!pending && wait <= 0) return;
          if (wait <= 0) {
            selector.selectNow();
          } else {
            // at least once a second, to see that the socket is still there
            selector.select(Math.max(1, Math.min(1000, wait / 1_000_000)));
          }
          selector.selectedKeys().clear();
          SocketChannel client = server.accept();
          if (client == null) {
            if (pending && System.nanoTime() - quietFrom >= 0) {
              left = rehearse(practice) ? left - 1 : 0;
              rehearsals++;
              // Between requests the heap goes back to the live set (classes, the catalogue), so
              // an idle daemon holds little memory.
              if (left == 0 || rehearsals >= REHEARSALS_IN_ALL) System.gc();
            }
            continue;
          }
          client.configureBlocking(true);
          Handled h = handle(client, started);
          if (h.stop()) return;
          last = System.nanoTime();
          quietFrom = last + QUIET.toNanos();
          if (h.ran() != null && rehearsals < REHEARSALS_IN_ALL) {
            practice = h.ran();
            left = REHEARSALS_PER_REQUEST;
          } else {
            System.gc();
          }
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
      // A client that connects and sends nothing (stopped, or not ours) must not hold the daemon:
      // its connection is closed when its time is up, and the read fails.
      AtomicBoolean received = new AtomicBoolean();
      CompletableFuture.runAsync(() -> {
        if (!received.get()) closeQuietly(client);
      }, CompletableFuture.delayedExecutor(requestTime.toMillis(), TimeUnit.MILLISECONDS));
      DaemonWire.Request request = DaemonWire.readRequest(in);
      received.set(true);
      DaemonWire.acknowledge(reply);
      String now = identity.get();
      boolean rebuilt = !now.equals(started);
      if (rebuilt || !now.equals(request.identity())) {
        DaemonWire.write(reply, DaemonWire.Reply.refused());
        return new Handled(rebuilt, null);
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

  private static void closeQuietly(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // closed already
    }
  }

  /** The command as {@link Main#main} runs it, its output kept for the client. */
  static DaemonWire.Reply run(DaemonWire.Request request, Engine engine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    String[] args = request.args().toArray(String[]::new);
    CommandLine cl = Main.commandLine(o, e, args, request.invocation(), engine);
    int code = cl.execute(args);
    CheckCommand check = check(cl.getParseResult());
    if (check != null && check.verbose) {
      // with --verbose, which process ran the check: a user asking "is my daemon working?" sees it
      e.println("iam-lint: run by the daemon (process " + ProcessHandle.current().pid() + ")");
    }
    o.flush();
    e.flush();
    return new DaemonWire.Reply(DaemonWire.RAN, code, out.toByteArray(), err.toByteArray());
  }

  /** The {@code check} a command line was parsed into; null when it was not one (or not parsed). */
  private static CheckCommand check(CommandLine.ParseResult parsed) {
    return parsed != null && parsed.hasSubcommand()
        && parsed.subcommand().commandSpec().userObject() instanceof CheckCommand check ? check : null;
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
      CheckCommand check = check(cl.parseArgs(args));
      if (check == null) return false;
      check.rehearse();
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
