package dev.iamlint.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@linkplain DaemonClient client} and the {@linkplain Daemon daemon} say to each other:
 * one request (who asks, from where, with which arguments), an acknowledgement, and one reply (the
 * exit code and the bytes of standard output and standard error) per connection. Lengths are bounded on reading so
 * that bytes that are not a request cost an error, not the daemon's memory.
 */
final class DaemonWire {

  /** "IAML": the first int of every message. */
  private static final int MAGIC = 0x49414d4c;
  private static final int MAX_STRING = 1 << 20;
  private static final int MAX_ITEMS = 100_000;
  private static final int MAX_OUTPUT = 1 << 30;

  /** The daemon ran the command: exit code, standard output and standard error follow. */
  static final int RAN = 0;
  /** The daemon would not run it (another jar, JDK or protocol): the client runs it itself. */
  static final int REFUSED = 1;

  private DaemonWire() {}

  /**
   * One run asked of the daemon.
   *
   * @param identity the client's {@link Daemon#identity identity}: the daemon runs only what it would run alike
   * @param invocation the client's directory, environment and terminal
   * @param args the command line
   */
  record Request(String identity, Invocation invocation, List<String> args) {
    Request {
      args = List.copyOf(args);
    }
  }

  /**
   * The daemon's answer.
   *
   * @param status {@link #RAN} or {@link #REFUSED}
   * @param exitCode the command's exit code when it ran
   * @param out what it wrote on standard output
   * @param err what it wrote on standard error
   */
  record Reply(int status, int exitCode, byte[] out, byte[] err) {
    static Reply refused() {
      return new Reply(REFUSED, 0, new byte[0], new byte[0]);
    }
  }

  static void write(DataOutputStream o, Request r) throws IOException {
    o.writeInt(MAGIC);
    writeString(o, r.identity());
    writeString(o, r.invocation().cwd().toString());
    o.writeInt(r.invocation().env().size());
    for (Map.Entry<String, String> e : r.invocation().env().entrySet()) {
      writeString(o, e.getKey());
      writeString(o, e.getValue());
    }
    o.writeBoolean(r.invocation().terminal());
    o.writeInt(r.args().size());
    for (String a : r.args()) writeString(o, a);
    o.flush();
  }

  static Request readRequest(DataInputStream in) throws IOException {
    magic(in);
    String identity = readString(in);
    String cwd = readString(in);
    int envSize = count(in);
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < envSize; i++) env.put(readString(in), readString(in));
    boolean terminal = in.readBoolean();
    int argc = count(in);
    List<String> args = new ArrayList<>(argc);
    for (int i = 0; i < argc; i++) args.add(readString(in));
    try {
      return new Request(identity, new Invocation(Path.of(cwd), env, terminal), args);
    } catch (IllegalArgumentException e) { // InvalidPathException too
      throw new IOException("not a request: working directory " + cwd, e);
    }
  }

  /**
   * Written by the daemon as soon as it has read a request, before it runs it: a client that gets
   * no acknowledgement in time (a daemon stopped, or busy for long) runs the command itself.
   */
  static void acknowledge(DataOutputStream o) throws IOException {
    o.writeInt(MAGIC);
    o.flush();
  }

  /** Whether these four bytes are an {@link #acknowledge acknowledgement}. */
  static boolean isAcknowledgement(byte[] b) {
    return b.length == 4 && ((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff)) == MAGIC;
  }

  static void write(DataOutputStream o, Reply r) throws IOException {
    o.writeInt(MAGIC);
    o.writeInt(r.status());
    o.writeInt(r.exitCode());
    writeBytes(o, r.out());
    writeBytes(o, r.err());
    o.flush();
  }

  static Reply readReply(DataInputStream in) throws IOException {
    magic(in);
    int status = in.readInt();
    if (status != RAN && status != REFUSED) throw new IOException("not a reply: status " + status);
    int exitCode = in.readInt();
    return new Reply(status, exitCode, readBytes(in, MAX_OUTPUT), readBytes(in, MAX_OUTPUT));
  }

  private static void magic(DataInputStream in) throws IOException {
    int m = in.readInt();
    if (m != MAGIC) throw new IOException("not an iam-lint daemon message");
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_ITEMS) throw new IOException("not a request: " + n + " items");
    return n;
  }

  private static void writeString(DataOutputStream o, String s) throws IOException {
    writeBytes(o, s.getBytes(StandardCharsets.UTF_8));
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in, MAX_STRING), StandardCharsets.UTF_8);
  }

  private static void writeBytes(DataOutputStream o, byte[] b) throws IOException {
    o.writeInt(b.length);
    o.write(b);
  }

  private static byte[] readBytes(DataInputStream in, int max) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) throw new IOException("not an iam-lint daemon message: length " + n);
    // readNBytes grows its buffer as bytes arrive: a length that lies costs no memory up front.
    byte[] b = in.readNBytes(n);
    if (b.length != n) throw new EOFException("iam-lint daemon message cut short");
    return b;
  }
}
