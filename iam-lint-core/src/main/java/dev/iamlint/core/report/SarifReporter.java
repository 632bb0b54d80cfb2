package dev.iamlint.core.report;

import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.Level;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Location;
import dev.iamlint.core.engine.Notification;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.source.Span;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;

/**
 * SARIF 2.1.0 in the subset GitHub code scanning accepts: one run, every rule that ran in
 * {@code tool.driver.rules}, one physical location per result relative to {@code %SRCROOT%}, and
 * suppressed findings kept with an external suppression so that dismissals stay visible.
 *
 * <p>The output is deterministic (no timestamps, stable order), so it can be golden-tested and
 * diffed.
 */
public final class SarifReporter implements Reporter {

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String SRCROOT = "%SRCROOT%";

  /**
   * Our own partialFingerprints key. GitHub reserves {@code primaryLocationLineHash}: it recomputes
   * it from the file and warns about (or distrusts) a value it did not compute, so we leave that key
   * to the upload action and put the engine's fingerprint, which ignores line moves, under a key of
   * our own. Bump the version suffix if the fingerprint algorithm changes.
   */
  static final String FINGERPRINT_KEY = "iamLintFingerprint/v1";

  private final String toolVersion;

  public SarifReporter(String toolVersion) {
    this.toolVersion = Objects.requireNonNull(toolVersion);
  }

  @Override
  public void write(LintResult result, Writer out) throws IOException {
    List<Finding> findings = JsonReporter.sorted(result.findings());
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<RuleDescriptor> rules = new ArrayList<>();
    for (RuleDescriptor r : result.rules()) {
      if (ruleIndex.putIfAbsent(r.id(), rules.size()) == null) rules.add(r);
    }
    // A finding of a rule that is not in result.rules() (e.g. an engine-made parse error) still
    // needs a rules[] entry for ruleIndex; give it a minimal one, after the real rules.
    Map<String, Finding> orphans = new TreeMap<>();
    for (Finding f : findings) {
      if (!ruleIndex.containsKey(f.ruleId())) orphans.putIfAbsent(f.ruleId(), f);
    }

    boolean ok = result.notifications().stream().noneMatch(n -> n.level() == Level.ERROR);
    // The category (Maven: the module's sarifCategory) tells GitHub code scanning runs apart; the
    // trailing slash makes it the whole category, with no run-specific part.
    String category = result.category() == null || result.category().isBlank() ? "iam-lint" : result.category();
    JsonOut.write(out, g -> {
      g.writeStartObject();
      g.writeStringProperty("$schema", SCHEMA);
      g.writeStringProperty("version", "2.1.0");
      g.writeArrayPropertyStart("runs");
      g.writeStartObject();

      g.writeObjectPropertyStart("tool");
      g.writeObjectPropertyStart("driver");
      g.writeStringProperty("name", "iam-lint");
      g.writeStringProperty("semanticVersion", toolVersion.replace("-SNAPSHOT", ""));
      g.writeStringProperty("version", toolVersion);
      g.writeArrayPropertyStart("rules");
      for (RuleDescriptor r : rules) writeRule(g, r);
      for (Finding f : orphans.values()) {
        ruleIndex.put(f.ruleId(), ruleIndex.size());
        writeOrphanRule(g, f);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();

      g.writeArrayPropertyStart("invocations");
      g.writeStartObject();
      g.writeBooleanProperty("executionSuccessful", ok);
      if (!result.notifications().isEmpty()) {
        g.writeArrayPropertyStart("toolExecutionNotifications");
        for (Notification n : result.notifications()) {
          g.writeStartObject();
          g.writeStringProperty("level", n.level().id());
          JsonOut.text(g, "message", n.message());
          // A rule that threw: GitHub and SARIF viewers show which rule failed.
          if (n.failure() != null) {
            g.writeObjectPropertyStart("associatedRule");
            JsonOut.string(g, "id", n.failure().ruleId());
            Integer index = ruleIndex.get(n.failure().ruleId());
            if (index != null) g.writeNumberProperty("index", index);
            g.writeEndObject();
          }
          if (n.path() != null && !n.path().isEmpty()) {
            g.writeArrayPropertyStart("locations");
            g.writeStartObject();
            g.writeObjectPropertyStart("physicalLocation");
            artifact(g, n.path());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndArray();

      if (result.root() != null) {
        g.writeObjectPropertyStart("originalUriBaseIds");
        g.writeObjectPropertyStart(SRCROOT);
        g.writeStringProperty("uri", rootUri(result.root()));
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeObjectPropertyStart("automationDetails");
      g.writeStringProperty("id", category + "/");
      g.writeEndObject();
      g.writeStringProperty("columnKind", "utf16CodeUnits");

      g.writeArrayPropertyStart("results");
      for (Finding f : findings) writeResult(g, f, ruleIndex.get(f.ruleId()));
      g.writeEndArray();

      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void writeRule(JsonGenerator g, RuleDescriptor r) {
    g.writeStartObject();
    JsonOut.string(g, "id", r.id());
    JsonOut.string(g, "name", limit(r.name(), 255));
    JsonOut.text(g, "shortDescription", limit(r.summary(), 1024));
    JsonOut.text(g, "fullDescription", limit(r.description(), 1024));
    g.writeObjectPropertyStart("help");
    g.writeStringProperty("text", r.description() + (r.helpUri() == null ? "" : "\n\nSee " + r.helpUri()));
    g.writeStringProperty("markdown", r.docBody() == null || r.docBody().isBlank() ? fallbackMarkdown(r) : r.docBody());
    g.writeEndObject();
    if (r.helpUri() != null) g.writeStringProperty("helpUri", r.helpUri());
    g.writeObjectPropertyStart("defaultConfiguration");
    g.writeStringProperty("level", defaultLevel(r.level()));
    g.writeEndObject();
    g.writeObjectPropertyStart("properties");
    g.writeArrayPropertyStart("tags");
    for (String tag : r.tags()) g.writeString(tag);
    g.writeEndArray();
    g.writeStringProperty("precision", "high");
    // GitHub reads security-severity only on rules tagged "security"; correctness rules carry neither.
    if (r.security()) g.writeStringProperty("security-severity", String.format(Locale.ROOT, "%.1f", r.securitySeverity()));
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String fallbackMarkdown(RuleDescriptor r) {
    return "**" + r.id() + " " + r.name() + "**: " + r.summary() + "\n\n" + r.description()
        + (r.helpUri() == null ? "" : "\n\n[Rule documentation](" + r.helpUri() + ")") + "\n";
  }

  /** GitHub requires short and full description and help text, none of them empty. */
  private static void writeOrphanRule(JsonGenerator g, Finding f) {
    g.writeStartObject();
    JsonOut.string(g, "id", f.ruleId());
    if (f.ruleName() != null) g.writeStringProperty("name", limit(f.ruleName(), 255));
    String text = f.ruleId() + (f.ruleName() != null ? " " + f.ruleName() : "");
    JsonOut.text(g, "shortDescription", limit(text, 1024));
    JsonOut.text(g, "fullDescription", limit(text, 1024));
    JsonOut.text(g, "help", text);
    g.writeObjectPropertyStart("defaultConfiguration");
    g.writeStringProperty("level", defaultLevel(f.level()));
    g.writeEndObject();
    g.writeObjectPropertyStart("properties");
    g.writeArrayPropertyStart("tags");
    g.writeString("security");
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  /** GitHub accepts only note, warning and error as a rule's default level. */
  private static String defaultLevel(Level level) {
    return level.id();
  }

  /** GitHub rejects names over 255 and descriptions over 1024 characters. */
  private static String limit(String s, int max) {
    if (s == null || s.length() <= max) return s;
    return s.substring(0, max - 3) + "...";
  }

  /**
   * The message, with links to the related locations: GitHub shows related locations only when
   * the message links them as {@code [text](id)}. Brackets in the link text are escaped (SARIF
   * 3.11.6).
   */
  private static String messageWithLinks(Finding f) {
    if (f.related().isEmpty()) return f.message();
    StringBuilder sb = new StringBuilder(f.message()).append(" (related: ");
    int id = 1;
    for (Finding.RelatedLocation r : f.related()) {
      if (id > 1) sb.append(", ");
      String text = r.message() == null || r.message().isEmpty() ? r.location().toString() : r.message();
      sb.append('[').append(text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]"))
          .append("](").append(id++).append(')');
    }
    return sb.append(')').toString();
  }

  private static void writeResult(JsonGenerator g, Finding f, int ruleIndex) {
    g.writeStartObject();
    JsonOut.string(g, "ruleId", f.ruleId());
    g.writeNumberProperty("ruleIndex", ruleIndex);
    g.writeStringProperty("level", f.level().id());
    JsonOut.text(g, "message", messageWithLinks(f));
    g.writeArrayPropertyStart("locations");
    g.writeStartObject();
    physical(g, f.location());
    g.writeEndObject();
    g.writeEndArray();
    if (!f.related().isEmpty()) {
      g.writeArrayPropertyStart("relatedLocations");
      int id = 1;
      for (Finding.RelatedLocation r : f.related()) {
        g.writeStartObject();
        g.writeNumberProperty("id", id++);
        physical(g, r.location());
        if (r.message() != null) JsonOut.text(g, "message", r.message());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeObjectPropertyStart("partialFingerprints");
    g.writeStringProperty(FINGERPRINT_KEY, fingerprint(f));
    g.writeEndObject();
    if (f.suppression() != null) {
      g.writeArrayPropertyStart("suppressions");
      g.writeStartObject();
      g.writeStringProperty("kind", "external");
      if (f.suppression().reason() != null) g.writeStringProperty("justification", f.suppression().reason());
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** {@code "physicalLocation": {artifactLocation, region}}. */
  private static void physical(JsonGenerator g, Location loc) {
    g.writeObjectPropertyStart("physicalLocation");
    artifact(g, loc.path());
    Span s = loc.span();
    g.writeObjectPropertyStart("region");
    g.writeNumberProperty("startLine", s.startLine());
    g.writeNumberProperty("startColumn", s.startColumn());
    g.writeNumberProperty("endLine", s.endLine());
    g.writeNumberProperty("endColumn", s.endColumn());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void artifact(JsonGenerator g, String path) {
    g.writeObjectPropertyStart("artifactLocation");
    g.writeStringProperty("uri", uriReference(path));
    g.writeStringProperty("uriBaseId", SRCROOT);
    g.writeEndObject();
  }

  /** The engine's fingerprint, or one made of the same line-independent parts when it has none. */
  static String fingerprint(Finding f) {
    if (f.fingerprint() != null && !f.fingerprint().isEmpty()) return f.fingerprint();
    String key = f.ruleId() + '\0' + f.location().path() + '\0' + Objects.toString(f.location().pointer(), "")
        + '\0' + f.message();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The absolute root as a file URI with a trailing slash (SARIF §3.14.14 requires the slash). */
  static String rootUri(Path root) {
    String uri = root.toAbsolutePath().normalize().toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  /**
   * A '/'-separated relative path as a relative URI reference: every byte outside RFC 3986's
   * unreserved and sub-delims (and '@') is percent-encoded, ':' included, so that a first segment
   * such as {@code a:b.json} cannot be read as a scheme.
   */
  static String uriReference(String path) {
    StringBuilder sb = new StringBuilder(path.length() + 8);
    for (byte b : path.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=@/".indexOf(c) >= 0)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
