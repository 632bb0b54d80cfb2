package dev.iamlint.core.report;

import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.Level;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Location;
import dev.iamlint.core.engine.Notification;
import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine-readable report for scripts, documented in {@code docs/json-format.md}. The structure
 * is part of the public interface: add keys, never rename or remove them without bumping
 * {@link #FORMAT_VERSION}.
 */
public final class JsonReporter implements Reporter {

  /** Bumped only on an incompatible change of the structure. */
  public static final int FORMAT_VERSION = 1;

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  /*
   * Two-space indent, "key": value, and "\n" on every platform: reports are compared as golden
   * files and diffed in pull requests, so the bytes must not depend on the machine.
   */
  private static final ObjectWriter PRETTY = MAPPER.writer().with(prettyPrinter())
      .without(StreamWriteFeature.AUTO_CLOSE_TARGET);

  private final String toolVersion;

  public JsonReporter(String toolVersion) {
    this.toolVersion = Objects.requireNonNull(toolVersion);
  }

  @Override
  public void write(LintResult result, Writer out) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    ObjectNode tool = root.putObject("tool");
    tool.put("name", "iam-lint");
    tool.put("version", toolVersion);
    root.put("root", result.root() == null ? null : result.root().toString());

    ObjectNode summary = root.putObject("summary");
    summary.put("errors", result.count(Level.ERROR));
    summary.put("warnings", result.count(Level.WARNING));
    summary.put("notes", result.count(Level.NOTE));
    summary.put("suppressed", result.suppressedCount());
    summary.put("files", result.filesScanned());
    summary.put("documents", result.documentsChecked());
    summary.put("failed", result.failed());

    ArrayNode findings = root.putArray("findings");
    ArrayNode notifications = root.putArray("notifications");
    for (Notification n : result.notifications()) {
      ObjectNode o = notifications.addObject();
      o.put("level", n.level().id());
      o.put("message", n.message());
      o.put("path", n.path());
      if (n.failure() != null) o.put("ruleId", n.failure().ruleId());
    }
    writeJson(root, out, findings, sorted(result.findings()), JsonReporter::finding);
  }

  private static ObjectNode finding(Finding f) {
      ObjectNode o = MAPPER.createObjectNode();
      o.put("ruleId", f.ruleId());
      o.put("ruleName", f.ruleName());
      o.put("messageId", f.messageId());
      o.put("level", f.level().id());
      o.put("message", f.message());
      putLocation(o, f.location());
      o.put("fingerprint", f.fingerprint());
      ArrayNode related = o.putArray("related");
      for (Finding.RelatedLocation r : f.related()) {
        ObjectNode ro = related.addObject();
        putLocation(ro, r.location());
        ro.put("message", r.message());
      }
      if (f.suppression() == null) {
        o.putNull("suppression");
      } else {
        ObjectNode s = o.putObject("suppression");
        s.put("reason", f.suppression().reason());
        s.put("expires", f.suppression().expires());
      }
      return o;
  }

  private static void putLocation(ObjectNode o, Location loc) {
    o.put("path", loc.path());
    o.put("startLine", loc.span().startLine());
    o.put("startColumn", loc.span().startColumn());
    o.put("endLine", loc.span().endLine());
    o.put("endColumn", loc.span().endColumn());
    o.put("pointer", loc.pointer());
  }

  /** Findings in {@link Finding#ORDER}, whatever order the engine handed over. */
  static List<Finding> sorted(List<Finding> findings) {
    return findings.stream().sorted(Finding.ORDER.thenComparing(Comparator.comparing(Finding::level))).toList();
  }

  /**
   * Pretty-prints a tree with a trailing newline, writing the elements of {@code streamed} (an
   * empty array inside the tree) one by one from {@code items}: a report of 100,000 findings never
   * exists as one tree or one string. Does not close {@code out}.
   */
  static <T> void writeJson(JsonNode tree, Writer out, ArrayNode streamed, List<T> items,
      Function<T, ? extends JsonNode> render) throws IOException {
    try (JsonGenerator g = PRETTY.createGenerator(out)) {
      write(g, tree, streamed, items, render);
    } catch (JacksonException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException(e.getMessage(), e);
    }
    out.write('\n');
    out.flush();
  }

  private static <T> void write(JsonGenerator g, JsonNode node, ArrayNode streamed, List<T> items,
      Function<T, ? extends JsonNode> render) {
    if (node == streamed) {
      g.writeStartArray();
      for (T item : items) g.writeTree(render.apply(item));
      g.writeEndArray();
    } else if (node.isObject()) {
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        g.writeName(e.getKey());
        write(g, e.getValue(), streamed, items, render);
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode e : node) write(g, e, streamed, items, render);
      g.writeEndArray();
    } else {
      g.writeTree(node);
    }
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectNameValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(separators);
    pp.indentArraysWith(indenter);
    pp.indentObjectsWith(indenter);
    return pp;
  }
}
