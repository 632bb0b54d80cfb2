package dev.iamlint.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A {@code check} run handed to the {@linkplain Daemon daemon} when the caller asked for one
 * ({@code IAMLINT_DAEMON=1}): {@link #run} relays the daemon's answer, or returns null and the
 * caller runs the command itself, then {@link #start starts} a daemon for the next run. Anything
 * unusual (no daemon, a daemon of another build, a broken connection, arguments whose meaning
 * depends on this process) means the run happens here, as without a daemon.
 */
final class DaemonClient {

  /** How long a client waits for the daemon to take its request. */
  static final Duration ACKNOWLEDGEMENT = Duration.ofSeconds(3);

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private final Path socket;
  private final Path jar;
  private final String javaHome;
  private final Invocation invocation;

  DaemonClient(Path socket, Path jar, String javaHome, Invocation invocation) {
    this.socket = socket;
    this.jar = jar;
    this.javaHome = javaHome;
    this.invocation = invocation;
  }

  /** The client for this run, or null when the run is not one for the daemon. */
  static DaemonClient forRun(Invocation here, String[] args) {
    if (!wanted(here.env()) || !delegable(args)) return null;
    Path jar = ownCode();
    Path dir = jar == null ? null : directory(here.env());
    if (dir == null) return null;
    String javaHome = System.getProperty("java.home");
    return new DaemonClient(dir.resolve(socketName(jar, javaHome)), jar, javaHome, here);
  }

  /** {@code IAMLINT_DAEMON} set to 1, true, yes or on. */
  static boolean wanted(Map<String, String> env) {
    String v = env.get("IAMLINT_DAEMON");
    return v != null && Set.of("1", "true", "yes", "on").contains(v.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * A {@code check} whose arguments mean the same in the daemon: no {@code @file} (picocli reads it
   * relative to the process's directory) and no help or version (their layout follows the
   * terminal's width, which the daemon does not have).
   */
  static boolean delegable(String[] args) {
    if (args.length == 0 || !args[0].equals("check")) return false;
    for (String a : Arrays.asList(args).subList(1, args.length)) {
      if (a.startsWith("@") || a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where this class was loaded from: the jar, or a directory of classes (tests); null when that
   * cannot be told. Its size and modification time are part of a daemon's {@link Daemon#identity}.
   */
  static Path ownCode() {
    try {
      var source = DaemonClient.class.getProtectionDomain().getCodeSource();
      if (source == null) return null;
      // a file: URI's path is absolute
      Path p = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") || Files.isDirectory(p) ? p : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Where daemon sockets live: {@code $XDG_RUNTIME_DIR/iam-lint} (the per-user directory the
   * system makes for sockets), else {@code iam-lint-USER} in the temporary directory. Created for
   * its owner alone, and used only when it is a directory (not a link) that is the user's and no
   * one else's, since whoever can reach a socket can run checks as its user. Null when there is
   * none such (another user's directory, no POSIX permissions, as on Windows).
   */
  static Path directory(Map<String, String> env) {
    String runtime = env.get("XDG_RUNTIME_DIR");
    String user = fileName(System.getProperty("user.name", "user"));
    Path dir = runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute() && Files.isDirectory(Path.of(runtime))
        ? Path.of(runtime, "iam-lint")
        : Path.of(System.getProperty("java.io.tmpdir"), "iam-lint-" + user);
    return ownedDirectory(dir);
  }

  /** A user name as a file name: letters, digits, '.', '_' and '-' kept, anything else '_'. */
  static String fileName(String name) {
    // No regular expression: this runs before every delegated check, where compiling one costs.
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '_');
    }
    return b.toString();
  }

  /** {@code dir}, created for its owner alone if need be, or null when it is not safe to use. */
  static Path ownedDirectory(Path dir) {
    try {
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.setPosixFilePermissions(dir, OWNER_ONLY); // the umask may have taken some away
      } catch (FileAlreadyExistsException e) {
        // made before: checked below
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return null;
      String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
      if (!owner.equals(System.getProperty("user.name"))) return null;
      if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) return null;
      return dir;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  /** One socket per jar and JDK, under a short name (a socket's path is limited to ~100 bytes). */
  static String socketName(Path jar, String javaHome) {
    CRC32C a = new CRC32C();
    a.update((jar + "\n").getBytes(StandardCharsets.UTF_8));
    CRC32C b = new CRC32C();
    b.update((javaHome + "\n").getBytes(StandardCharsets.UTF_8));
    // hex by hand: String.format's first use loads the formatter and its patterns
    return "d" + hex8(a.getValue()) + hex8(b.getValue()) + ".sock";
  }

  private static String hex8(long v) {
    String h = Long.toHexString(v);
    return "0".repeat(8 - h.length()) + h;
  }

  /**
   * Asks the daemon to run {@code args} and copies its output to {@code out} and {@code err}.
   *
   * @return the command's exit code, or null when no daemon of this build answered
   */
  Integer run(String[] args, OutputStream out, OutputStream err) {
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) return null;
    DaemonWire.Reply reply;
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      DaemonWire.write(new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))),
          new DaemonWire.Request(Daemon.identity(jar, javaHome), invocation, List.of(args)));
      if (!acknowledged(channel, ACKNOWLEDGEMENT)) return null;
      reply = DaemonWire.readReply(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))));
    } catch (IOException | RuntimeException e) {
      return null; // no daemon, or one that died: the run happens here
    }
    if (reply.status() != DaemonWire.RAN) return null;
    try {
      out.write(reply.out());
      out.flush();
      err.write(reply.err());
      err.flush();
    } catch (IOException e) {
      // standard output closed (a pager quit): the exit code still tells the verdict
    }
    return reply.exitCode();
  }

  /**
   * Whether the daemon acknowledged the request within {@code patience}; the channel is blocking
   * again after. A daemon that does not (stopped by a signal, or still busy with a long run) is
   * not waited for: the run happens here.
   */
  static boolean acknowledged(SocketChannel channel, Duration patience) throws IOException {
    ByteBuffer ack = ByteBuffer.allocate(4);
    channel.configureBlocking(false);
    try (Selector selector = Selector.open()) {
      channel.register(selector, SelectionKey.OP_READ);
      long deadline = System.nanoTime() + patience.toNanos();
      while (ack.hasRemaining()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        if (channel.read(ack) < 0) return false;
      }
    }
    // closing the selector deregistered the channel, which may block again
    channel.configureBlocking(true);
    return DaemonWire.isAcknowledgement(ack.array());
  }

  /**
   * Starts a daemon for this jar and JDK in the background, for the next run; it outlives this
   * process, and rehearses this run ({@code args}) while it waits for the next. Its standard error
   * goes to a log beside the socket. Failing to start one is not this run's problem.
   */
  void start(String[] args) {
    Path java = Path.of(javaHome, "bin", "java");
    Path first = socket.resolveSibling(socket.getFileName() + ".first");
    // Through sh, which puts the daemon in the background and exits at once: a child of this JVM
    // would be waited for by its reaper thread, blocked in waitpid, and a JVM's exit waits up to
    // 300 ms for threads in native code. The daemon is in a session of its own where setsid(1)
    // exists (Linux): started by a hook, it would otherwise share the terminal's process group,
    // and a later Ctrl-C or Ctrl-Z there would stop it too. A long-lived process: the full JIT,
    // and the serial collector, which gives memory back after the collection that ends each
    // request's work.
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "\"$@\" &", "sh"));
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(setsid))) {
        command.add(setsid);
        break;
      }
    }
    // This JVM's class path (the jar with -jar), its entries made absolute: the daemon runs elsewhere.
    StringBuilder classPath = new StringBuilder();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty()) continue;
      if (classPath.length() > 0) classPath.append(File.pathSeparator);
      classPath.append(invocation.resolve(Path.of(entry)));
    }
    command.addAll(List.of(java.toString(), "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", classPath.toString(), Daemon.class.getName(), socket.toString(), first.toString()));
    try {
      writeFirst(first, new DaemonWire.Request(Daemon.identity(jar, javaHome), invocation, List.of(args)));
      Process sh = new ProcessBuilder(command)
          .directory(socket.getParent().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.to(socket.resolveSibling(socket.getFileName() + ".log").toFile()))
          .start();
      sh.waitFor(2, TimeUnit.SECONDS);
    } catch (IOException | RuntimeException e) {
      // no daemon this time
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The run that starts a daemon, for it to rehearse; in the daemons' directory, for its user only. */
  private static void writeFirst(Path file, DaemonWire.Request request) throws IOException {
    Files.deleteIfExists(file);
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))))))) {
      DaemonWire.write(o, request);
    }
  }

  /** The request {@link #start} left for a new daemon, read and deleted; null when there is none. */
  static DaemonWire.Request readFirst(Path file) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      return DaemonWire.readRequest(in);
    } catch (IOException | RuntimeException e) {
      return null;
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // left for the next daemon to overwrite
      }
    }
  }

  Path socket() {
    return socket;
  }
}
