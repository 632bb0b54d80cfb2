package dev.iamlint.core.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the binary catalogue written by {@code tools/catalog/generate.mjs}; the format is
 * described in {@code tools/catalog/README.md}. A hand-rolled format rather than JSON because the
 * catalogue is on the start-up path of every run: one inflate, one UTF-8 decode of the string
 * table and varint reads take a few tens of milliseconds where a JSON tree of the same facts takes
 * several times that.
 */
final class CatalogReader {
  static final int FORMAT_VERSION = 1;
  private static final byte[] MAGIC = "IAMCATLG".getBytes(StandardCharsets.US_ASCII);
  // Ordinals written by the generator's ACCESS_LEVELS.
  private static final AccessLevel[] LEVELS = {
    AccessLevel.LIST, AccessLevel.READ, AccessLevel.WRITE, AccessLevel.PERMISSIONS_MANAGEMENT, AccessLevel.TAGGING
  };
  private static final ManagedPolicy.Deprecation[] DEPRECATIONS = ManagedPolicy.Deprecation.values();

  /** Everything the catalogue holds, before IamCatalog builds its indexes. */
  record Contents(
      CatalogMetadata metadata,
      List<ConditionKey> globalKeys,
      List<ConditionKey> allKeys,
      List<IamService> services,
      List<UnassociatedPrefix> unassociated,
      List<ManagedPolicy> policies) {}

  /** A condition-key prefix that is not a service (saml, an OIDC provider) and the services that define its keys. */
  record UnassociatedPrefix(String prefix, List<String> services) {}

  /**
   * Where one service's actions, resource types and keys sit in the decoded core. They are
   * decoded the first time the service is used: a run touches a few dozen of the 450 services,
   * and decoding all 22,000 actions up front was most of the load time.
   */
  static final class ServiceSource {
    private final byte[] core;
    private final int offset;
    private final int length;
    private final StringTable strings;
    private final ConditionKey[] keys;

    ServiceSource(byte[] core, int offset, int length, StringTable strings, ConditionKey[] keys) {
      this.core = core;
      this.offset = offset;
      this.length = length;
      this.strings = strings;
      this.keys = keys;
    }

    IamService.Body decode(String prefix) {
      CatalogReader r = new CatalogReader(core, offset, strings);
      IamService.Body body;
      try {
        body = r.readServiceBody(prefix, keys);
      } catch (ArrayIndexOutOfBoundsException e) {
        throw new IllegalStateException("corrupt catalogue: service " + prefix, e);
      }
      if (r.pos != offset + length) {
        // The generator wrote the length; a mismatch means a corrupt or mismatched file.
        throw new IllegalStateException("corrupt catalogue: service " + prefix + " body length mismatch");
      }
      return body;
    }
  }

  /**
   * The string table, decoded one string at a time on first use. Racing threads may both decode
   * a string; they store equal immutable Strings, so the race is harmless.
   */
  static final class StringTable {
    private final byte[] buf;
    private final int[] starts;
    private final String[] cache;

    StringTable(byte[] buf, int[] starts) {
      this.buf = buf;
      this.starts = starts;
      this.cache = new String[starts.length - 1];
    }

    String get(int i) {
      String s = cache[i];
      if (s == null) {
        s = new String(buf, starts[i], starts[i + 1] - 1 - starts[i], StandardCharsets.UTF_8);
        cache[i] = s;
      }
      return s;
    }
  }

  private final byte[] buf;
  private int pos;
  private StringTable strings;

  private CatalogReader(byte[] buf) {
    this.buf = buf;
  }

  private CatalogReader(byte[] buf, int pos, StringTable strings) {
    this.buf = buf;
    this.pos = pos;
    this.strings = strings;
  }

  private IamService.Body readServiceBody(String prefix, ConditionKey[] keys) {
    List<ConditionKey> serviceKeys = keyList(keys);
    ResourceType[] types = new ResourceType[varint()];
    for (int r = 0; r < types.length; r++) {
      types[r] = new ResourceType(prefix, str(), strList(), keyList(keys));
    }
    IamAction[] actions = new IamAction[varint()];
    for (int a = 0; a < actions.length; a++) {
      String actionName = str();
      int level = varint();
      if (level >= LEVELS.length) {
        throw new IllegalStateException("corrupt catalogue: access level ordinal " + level + " for " + prefix + ':' + actionName);
      }
      ActionResource[] resources = new ActionResource[varint()];
      for (int r = 0; r < resources.length; r++) {
        ResourceType type = types[varint()];
        boolean required = varint() == 1;
        resources[r] = new ActionResource(type, required, keyList(keys), strList());
      }
      actions[a] = new IamAction(prefix, actionName, LEVELS[level], List.of(resources), keyList(keys), strList());
    }
    return new IamService.Body(List.of(actions), List.of(types), serviceKeys);
  }

  static Contents read(byte[] file) throws InvalidCatalogException {
    try {
      return readChecked(file);
    } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new InvalidCatalogException("truncated or corrupt catalogue", e);
    }
  }

  private static Contents readChecked(byte[] file) throws InvalidCatalogException {
    if (file.length < 12 || !Arrays.equals(file, 0, 8, MAGIC, 0, 8)) {
      throw new InvalidCatalogException("not an iam-lint catalogue (bad magic)");
    }
    int version = u32(file, 8);
    if (version != FORMAT_VERSION) {
      throw new InvalidCatalogException(
          "catalogue format " + version + " is not supported (this iam-lint reads format " + FORMAT_VERSION + ")");
    }
    int coreRaw = u32(file, 12);
    int coreLen = u32(file, 16);
    byte[] core = inflate(Arrays.copyOfRange(file, 20, 20 + coreLen), coreRaw);
    int docsAt = 20 + coreLen;
    int docsRaw = u32(file, docsAt);
    int docsLen = u32(file, docsAt + 4);
    if (docsAt + 8 + docsLen != file.length) {
      throw new InvalidCatalogException("catalogue has trailing or missing bytes");
    }
    DocumentStore docs = new DocumentStore(Arrays.copyOfRange(file, docsAt + 8, docsAt + 8 + docsLen), docsRaw);
    return new CatalogReader(core).readCore(version, docs, docsRaw);
  }

  static byte[] inflate(byte[] compressed, int rawLength) throws InvalidCatalogException {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(compressed);
      byte[] out = new byte[rawLength];
      int n = 0;
      while (n < rawLength) {
        int k = inflater.inflate(out, n, rawLength - n);
        if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (n != rawLength) {
        throw new InvalidCatalogException("catalogue section is shorter than its header says");
      }
      return out;
    } catch (DataFormatException e) {
      throw new InvalidCatalogException("catalogue section is not valid deflate data", e);
    } finally {
      inflater.end();
    }
  }

  private static int u32(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }

  private int varint() {
    int result = 0;
    int shift = 0;
    while (true) {
      int b = buf[pos++];
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
    }
  }

  private String str() {
    return strings.get(varint());
  }

  private List<String> strList() {
    int n = varint();
    if (n == 0) {
      return List.of();
    }
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = str();
    }
    return List.of(out);
  }

  private List<ConditionKey> keyList(ConditionKey[] table) {
    int n = varint();
    if (n == 0) {
      return List.of();
    }
    ConditionKey[] out = new ConditionKey[n];
    for (int i = 0; i < n; i++) {
      out[i] = table[varint()];
    }
    return List.of(out);
  }

  private Contents readCore(int version, DocumentStore docs, int docsRaw) throws InvalidCatalogException {
    int count = varint();
    int blobEnd = varint();
    blobEnd += pos;
    // Only the offsets now: most strings (action names, ARN patterns) belong to services that
    // this run may never decode.
    int[] starts = new int[count + 1];
    int at = pos;
    for (int i = 0; i < count; i++) {
      starts[i] = at;
      while (at < blobEnd && buf[at] != '\n') {
        at++;
      }
      at++;
    }
    starts[count] = blobEnd + 1;
    strings = new StringTable(buf, starts);
    pos = blobEnd;

    String dataDate = str();
    int nSources = varint();
    List<CatalogMetadata.Source> sources = new ArrayList<>(nSources);
    for (int i = 0; i < nSources; i++) {
      sources.add(new CatalogMetadata.Source(str(), str(), str()));
    }
    CatalogMetadata metadata = new CatalogMetadata(version, dataDate, sources);

    ConditionKey[] keys = new ConditionKey[varint()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new ConditionKey(str(), str(), varint() == 1);
    }
    List<ConditionKey> globals = keyList(keys);

    int nServices = varint();
    List<IamService> services = new ArrayList<>(nServices);
    for (int s = 0; s < nServices; s++) {
      String prefix = str();
      String name = str();
      int length = varint();
      services.add(new IamService(prefix, name, new ServiceSource(buf, pos, length, strings, keys)));
      pos += length;
    }

    int nUnassociated = varint();
    List<UnassociatedPrefix> unassociated = new ArrayList<>(nUnassociated);
    for (int i = 0; i < nUnassociated; i++) {
      unassociated.add(new UnassociatedPrefix(str(), strList()));
    }

    int nPolicies = varint();
    List<ManagedPolicy> policies = new ArrayList<>(nPolicies);
    int offset = 0;
    for (int i = 0; i < nPolicies; i++) {
      String name = str();
      String path = str();
      String versionId = str();
      int deprecation = varint();
      int length = varint();
      if (deprecation >= DEPRECATIONS.length || offset + length > docsRaw) {
        throw new InvalidCatalogException("corrupt managed policy entry " + name);
      }
      policies.add(new ManagedPolicy(name, path, versionId, DEPRECATIONS[deprecation], docs, offset, length));
      offset += length;
    }
    if (pos != buf.length) {
      throw new InvalidCatalogException("catalogue core has " + (buf.length - pos) + " unread bytes");
    }
    return new Contents(metadata, globals, List.of(keys), services, unassociated, policies);
  }
}
