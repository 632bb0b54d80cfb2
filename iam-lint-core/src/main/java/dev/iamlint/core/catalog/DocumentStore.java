package dev.iamlint.core.catalog;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The managed policies' documents, inflated on first use. Inflating 3 MB costs more than loading
 * the rest of the catalogue, and only rules about managed policy contents need them.
 */
final class DocumentStore {
  private final byte[] compressed;
  private final int rawLength;
  private volatile byte[] raw;

  DocumentStore(byte[] compressed, int rawLength) {
    this.compressed = compressed;
    this.rawLength = rawLength;
  }

  String text(int offset, int length) {
    return new String(raw(), offset, length, StandardCharsets.UTF_8);
  }

  /** A streaming parser over a document's UTF-8 bytes, without decoding them to a String first. */
  JsonParser parser(JsonFactory factory, int offset, int length) {
    return factory.createParser(ObjectReadContext.empty(), raw(), offset, length);
  }

  private byte[] raw() {
    byte[] r = raw;
    if (r == null) {
      synchronized (this) {
        r = raw;
        if (r == null) {
          try {
            r = CatalogReader.inflate(compressed, rawLength);
          } catch (InvalidCatalogException e) {
            // The length was checked at load; this means the bytes changed under us.
            throw new UncheckedIOException(e);
          }
          raw = r;
        }
      }
    }
    return r;
  }
}
