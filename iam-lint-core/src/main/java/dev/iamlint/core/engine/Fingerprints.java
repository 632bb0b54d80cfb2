package dev.iamlint.core.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable across unrelated edits: rule, file, the JSON Pointer of the element and the message id,
 * not line numbers. Findings without a pointer (parse errors) fall back to the position. Paths are
 * relative to the repository root, so a run from any directory gives the same fingerprint.
 */
final class Fingerprints {

  private Fingerprints() {}

  static String of(String ruleId, Location loc, String messageId) {
    String anchor = loc.pointer() != null ? loc.pointer() : loc.span().startLine() + ":" + loc.span().startColumn();
    String key = ruleId + "\u0000" + loc.path() + "\u0000" + anchor + "\u0000" + messageId;
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
