package dev.iamlint.core.source;

import java.util.List;

/**
 * Parses JSON that sits inside a string scalar (CloudFormation {@code InlinePolicy: '{...}'},
 * {@code PolicyDocument} given as a string, AWS CLI output) so that every node's span points
 * into the file, not into the string.
 *
 * <p>The decoded string and the raw file text hold the same non-blank characters in the same
 * order, whatever the quoting (JSON escapes, YAML single quotes, block scalars with
 * indentation), so a forward scan aligns each decoded char with its raw char in linear time.
 */
public final class EmbeddedJson {

  private EmbeddedJson() {}

  /** The embedded document and the problems met parsing it (positions in the file). */
  public record Result(Node root, List<LoadProblem> problems) {}

  /** True when the string looks like a JSON object or array (first non-blank char). */
  public static boolean looksLikeJson(ScalarNode s) {
    if (!s.isString()) return false;
    String t = s.text();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isWhitespace(c)) continue;
      return c == '{' || c == '[';
    }
    return false;
  }

  public static Result parse(ScalarNode s, Limits limits) {
    ScalarNode.RawRegion raw = s.raw();
    String text = s.text();
    SourceText file = raw != null ? raw.source() : new SourceText(text);
    int[] offsets = raw != null ? align(text, file.text(), raw.start(), raw.end()) : identity(text.length());
    if (raw == null) {
      // Not from a file region: positions fall back to the string's own span start.
      int base = 0;
      for (int i = 0; i < offsets.length; i++) offsets[i] = base;
    }
    JsonTreeBuilder b = new JsonTreeBuilder(file, text, offsets, s.pointer(), limits);
    Node root = b.parseRoot();
    return new Result(root, List.copyOf(b.problems()));
  }

  private static int[] identity(int n) {
    int[] m = new int[n + 1];
    for (int i = 0; i <= n; i++) m[i] = i;
    return m;
  }

  /** Length of the escape at {@code j} when it decodes to {@code c} (JSON/YAML escapes), else 0. */
  private static int escapeLength(String raw, int j, int end, char c) {
    char e = raw.charAt(j + 1);
    if (e == 'u' && j + 6 <= end) {
      try {
        return Integer.parseInt(raw.substring(j + 2, j + 6), 16) == c ? 6 : 0;
      } catch (NumberFormatException ex) {
        return 0;
      }
    }
    char decoded = switch (e) {
      case 'b' -> '\b';
      case 'f' -> '\f';
      case '0' -> '\0';
      case 'a' -> (char) 7;
      case 'e' -> (char) 27;
      default -> 0;
    };
    return decoded != 0 && decoded == c ? 2 : 0;
  }

  /** offsets[i] = file offset of decoded char i; offsets[n] = end of the raw region. */
  static int[] align(String decoded, String rawText, int rawStart, int rawEnd) {
    int n = decoded.length();
    int[] map = new int[n + 1];
    int r = rawStart;
    int end = Math.min(rawEnd, rawText.length());
    for (int i = 0; i < n; i++) {
      char c = decoded.charAt(i);
      if (Character.isWhitespace(c)) {
        // An escaped line break or tab in a quoted string: consume the escape.
        if (r + 1 < end && rawText.charAt(r) == '\\' && "ntr".indexOf(rawText.charAt(r + 1)) >= 0) {
          map[i] = r;
          r += 2;
          continue;
        }
        if (r < end && rawText.charAt(r) == c) {
          map[i] = r++;
          continue;
        }
        map[i] = Math.min(r, end);
        continue;
      }
      int found = -1;
      int next = -1;
      for (int j = r; j < end; j++) {
        char rj = rawText.charAt(j);
        if (rj == c) {
          found = j;
          next = j + 1;
          break;
        }
        if (rj == '\\' && j + 1 < end) {
          int len = escapeLength(rawText, j, end, c);
          if (len > 0) {
            found = j;
            next = j + len;
            break;
          }
        }
        // Only skip what decoding can remove: blanks, escapes and quote doubling.
        if (!(Character.isWhitespace(rj) || rj == '\\' || rj == '\'' || rj == '"')) {
          break;
        }
      }
      if (found < 0) {
        map[i] = Math.min(r, end);
      } else {
        map[i] = found;
        r = next;
      }
    }
    map[n] = Math.max(Math.min(r, end), n == 0 ? rawStart : map[n - 1] + 1);
    return map;
  }
}
