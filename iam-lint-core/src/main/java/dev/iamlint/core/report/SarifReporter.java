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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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

    ObjectNode log = JsonReporter.MAPPER.createObjectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();

    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "iam-lint");
    driver.put("semanticVersion", toolVersion.replace("-SNAPSHOT", ""));
    driver.put("version", toolVersion);
    ArrayNode rulesArray = driver.putArray("rules");
    for (RuleDescriptor r : rules) writeRule(rulesArray.addObject(), r);
    for (Finding f : orphans.values()) {
      ruleIndex.put(f.ruleId(), ruleIndex.size());
      writeOrphanRule(rulesArray.addObject(), f);
    }

    ObjectNode invocation = run.putArray("invocations").addObject();
    boolean ok = result.notifications().stream().noneMatch(n -> n.level() == Level.ERROR);
    invocation.put("executionSuccessful", ok);
    if (!result.notifications().isEmpty()) {
      ArrayNode notes = invocation.putArray("toolExecutionNotifications");
      for (Notification n : result.notifications()) {
        ObjectNode o = notes.addObject();
        o.put("level", n.level().id());
        o.putObject("message").put("text", n.message());
        // A rule that threw: GitHub and SARIF viewers show which rule failed.
        if (n.failure() != null) {
          ObjectNode rule = o.putObject("associatedRule").put("id", n.failure().ruleId());
          Integer index = ruleIndex.get(n.failure().ruleId());
          if (index != null) rule.put("index", index);
        }
        if (n.path() != null && !n.path().isEmpty()) {
          ObjectNode loc = o.putArray("locations").addObject();
          putArtifact(loc.putObject("physicalLocation"), n.path());
        }
      }
    }

    if (result.root() != null) {
      run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", rootUri(result.root()));
    }
    // The category (Maven: the module's sarifCategory) tells GitHub code scanning runs apart; the
    // trailing slash makes it the whole category, with no run-specific part.
    String category = result.category() == null || result.category().isBlank() ? "iam-lint" : result.category();
    run.putObject("automationDetails").put("id", category + "/");
    run.put("columnKind", "utf16CodeUnits");

    ArrayNode results = run.putArray("results");
    JsonReporter.writeJson(log, out, results, findings, f -> {
      ObjectNode o = JsonReporter.MAPPER.createObjectNode();
      writeResult(o, f, ruleIndex.get(f.ruleId()));
      return o;
    });
  }

  private static void writeRule(ObjectNode o, RuleDescriptor r) {
    o.put("id", r.id());
    o.put("name", limit(r.name(), 255));
    o.putObject("shortDescription").put("text", limit(r.summary(), 1024));
    o.putObject("fullDescription").put("text", limit(r.description(), 1024));
    ObjectNode help = o.putObject("help");
    help.put("text", r.description() + (r.helpUri() == null ? "" : "\n\nSee " + r.helpUri()));
    help.put("markdown", r.docBody() == null || r.docBody().isBlank() ? fallbackMarkdown(r) : r.docBody());
    if (r.helpUri() != null) o.put("helpUri", r.helpUri());
    o.putObject("defaultConfiguration").put("level", defaultLevel(r.level()));
    ObjectNode props = o.putObject("properties");
    ArrayNode tags = props.putArray("tags");
    r.tags().forEach(tags::add);
    props.put("precision", "high");
    // GitHub reads security-severity only on rules tagged "security"; correctness rules carry neither.
    if (r.security()) props.put("security-severity", String.format(Locale.ROOT, "%.1f", r.securitySeverity()));
  }

  private static String fallbackMarkdown(RuleDescriptor r) {
    return "**" + r.id() + " " + r.name() + "**: " + r.summary() + "\n\n" + r.description()
        + (r.helpUri() == null ? "" : "\n\n[Rule documentation](" + r.helpUri() + ")") + "\n";
  }

  /** GitHub requires short and full description and help text, none of them empty. */
  private static void writeOrphanRule(ObjectNode o, Finding f) {
    o.put("id", f.ruleId());
    if (f.ruleName() != null) o.put("name", limit(f.ruleName(), 255));
    String text = f.ruleId() + (f.ruleName() != null ? " " + f.ruleName() : "");
    o.putObject("shortDescription").put("text", limit(text, 1024));
    o.putObject("fullDescription").put("text", limit(text, 1024));
    o.putObject("help").put("text", text);
    o.putObject("defaultConfiguration").put("level", defaultLevel(f.level()));
    o.putObject("properties").putArray("tags").add("security");
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

  private static void writeResult(ObjectNode o, Finding f, int ruleIndex) {
    o.put("ruleId", f.ruleId());
    o.put("ruleIndex", ruleIndex);
    o.put("level", f.level().id());
    o.putObject("message").put("text", messageWithLinks(f));
    putPhysical(o.putArray("locations").addObject().putObject("physicalLocation"), f.location());
    if (!f.related().isEmpty()) {
      ArrayNode related = o.putArray("relatedLocations");
      int id = 1;
      for (Finding.RelatedLocation r : f.related()) {
        ObjectNode ro = related.addObject();
        ro.put("id", id++);
        putPhysical(ro.putObject("physicalLocation"), r.location());
        if (r.message() != null) ro.putObject("message").put("text", r.message());
      }
    }
    o.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint(f));
    if (f.suppression() != null) {
      ObjectNode s = o.putArray("suppressions").addObject();
      s.put("kind", "external");
      if (f.suppression().reason() != null) s.put("justification", f.suppression().reason());
    }
  }

  private static void putPhysical(ObjectNode physical, Location loc) {
    putArtifact(physical, loc.path());
    Span s = loc.span();
    ObjectNode region = physical.putObject("region");
    region.put("startLine", s.startLine());
    region.put("startColumn", s.startColumn());
    region.put("endLine", s.endLine());
    region.put("endColumn", s.endColumn());
  }

  private static void putArtifact(ObjectNode physical, String path) {
    ObjectNode artifact = physical.putObject("artifactLocation");
    artifact.put("uri", uriReference(path));
    artifact.put("uriBaseId", SRCROOT);
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
