package dev.iamlint.core.engine;

import dev.iamlint.core.format.Formats;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.TreeCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Which context files (under the root, not targets) must be parsed for the workspace: those whose
 * text holds a word that a workspace contribution cannot be written without (a CMP name, a
 * permission set, an assignment, an organization or manifest key), as every format declares in
 * {@link InputFormat#contextSignals()}. A file without any of them contributes nothing but its own
 * documents, which only its own document rules would read, so a one-file run pays for reading the
 * repository's bytes, not for decoding or parsing them. Files declared by the configuration or a
 * manifest are read whatever their text.
 */
final class ContextFiles {

  private ContextFiles() {}

  /** The signals as UTF-8 bytes (they are ASCII), indexed by their first byte. */
  private static final byte[][][] BY_FIRST_BYTE = index(Formats.contextSignals());

  /**
   * The parsed file when its bytes can contribute to the workspace, else null. Parsed through the
   * cache: these are the files every run of the repository parses, whatever its targets.
   */
  static LoadedFile loadIfRelevant(SourceFile file, Loader loader, TreeCache cache) {
    byte[] bytes = relevantBytes(file, loader);
    if (bytes == null) return null;
    LoadedFile loaded = loader.load(file, bytes, cache);
    return loaded.text() == null ? null : loaded; // undecodable: contributes nothing
  }

  /**
   * False when {@link #loadIfRelevant} would give null without parsing (a file that cannot be
   * read, is over the size limit or holds no signal): what a target's early scan asks.
   */
  static boolean mayBeRelevant(SourceFile file, Loader loader) {
    return relevantBytes(file, loader) != null;
  }

  /** The file's bytes when they hold a signal; null when not, or unreadable, or too large. */
  private static byte[] relevantBytes(SourceFile file, Loader loader) {
    // A context file that cannot be read contributes nothing; targets report read errors.
    byte[] bytes = Loader.bytesOrNull(file.path(), loader.limits().maxFileBytes());
    return bytes != null && relevant(bytes) ? bytes : null;
  }

  /** Whether the text holds a signal (one pass over the text). */
  static boolean relevant(String text) {
    return relevant(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One pass over the bytes; at each byte only the signals starting with it are compared. A signal
   * counts only as a whole word (a key such as {@code Assignments:} or a type such as
   * {@code AWS::SSO::PermissionSet}), never inside an action name: {@code sso:ListAccountAssignments}
   * or {@code sso:ListManagedPoliciesInPermissionSet} in an ordinary policy must not make it context.
   */
  static boolean relevant(byte[] b) {
    int n = b.length;
    for (int i = 0; i < n; i++) {
      byte[][] candidates = BY_FIRST_BYTE[b[i] & 0xFF];
      if (candidates == null || (i > 0 && partOfName(b[i - 1]))) continue;
      for (byte[] s : candidates) {
        int end = i + s.length;
        if (end <= n && regionMatches(b, i, s) && (end == n || !wordByte(s[s.length - 1]) || !wordByte(b[end]))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean wordByte(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** Bytes that continue an action or key name: a signal right after one is inside a longer name. */
  private static boolean partOfName(byte c) {
    return wordByte(c) || c == ':' || c == '-' || c == '*';
  }

  private static boolean regionMatches(byte[] b, int at, byte[] s) {
    for (int j = 1; j < s.length; j++) {
      if (b[at + j] != s[j]) return false;
    }
    return true;
  }

  private static byte[][][] index(Iterable<String> signals) {
    List<List<byte[]>> lists = new ArrayList<>();
    for (int i = 0; i < 256; i++) lists.add(null);
    for (String s : signals) {
      if (s.isEmpty()) continue;
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      int first = bytes[0] & 0xFF;
      if (lists.get(first) == null) lists.set(first, new ArrayList<>());
      lists.get(first).add(bytes);
    }
    byte[][][] out = new byte[256][][];
    for (int i = 0; i < 256; i++) {
      if (lists.get(i) != null) out[i] = lists.get(i).toArray(new byte[0][]);
    }
    return out;
  }
}
