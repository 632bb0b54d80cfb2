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

  /**
   * Never updated, only cloned: {@code MessageDigest.getInstance} looks the algorithm up among the
   * security providers on every call, which cost more than the hashing itself for thousands of
   * findings.
   */
  private static final MessageDigest SHA_256 = sha256();

  private Fingerprints() {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static MessageDigest newDigest() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return sha256(); // a provider whose digest cannot be cloned
    }
  }

  static String of(String ruleId, Location loc, String messageId) {
    String anchor = loc.pointer() != null ? loc.pointer() : loc.span().startLine() + ":" + loc.span().startColumn();
    String key = ruleId + "\u0000" + loc.path() + "\u0000" + anchor + "\u0000" + messageId;
    byte[] h = newDigest().digest(key.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, 16);
  }
}
