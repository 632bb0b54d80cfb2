package dev.iamlint.core.report;

import dev.iamlint.core.Level;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.engine.Location;
import dev.iamlint.core.engine.Notification;
import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;

/**
 * The machine-readable report for scripts, documented in {@code docs/json-format.md}. The structure
 * is part of the public interface: add keys, never rename or remove them without bumping
 * {@link #FORMAT_VERSION}.
 */
public final class JsonReporter implements Reporter {

  /** Bumped only on an incompatible change of the structure. */
  public static final int FORMAT_VERSION = 1;

  private final String toolVersion;

  public JsonReporter(String toolVersion) {
    this.toolVersion = Objects.requireNonNull(toolVersion);
  }

  @Override
  public void write(LintResult result, Writer out) throws IOException {
    JsonOut.write(out, g -> {
      g.writeStartObject();
      g.writeNumberProperty("formatVersion", FORMAT_VERSION);
      g.writeObjectPropertyStart("tool");
      g.writeStringProperty("name", "iam-lint");
      g.writeStringProperty("version", toolVersion);
      g.writeEndObject();
      JsonOut.string(g, "root", result.root() == null ? null : result.root().toString());

      g.writeObjectPropertyStart("summary");
      g.writeNumberProperty("errors", result.count(Level.ERROR));
      g.writeNumberProperty("warnings", result.count(Level.WARNING));
      g.writeNumberProperty("notes", result.count(Level.NOTE));
      g.writeNumberProperty("suppressed", result.suppressedCount());
      g.writeNumberProperty("files", result.filesScanned());
      g.writeNumberProperty("documents", result.documentsChecked());
      g.writeBooleanProperty("failed", result.failed());
      g.writeEndObject();

      g.writeArrayPropertyStart("findings");
      for (Finding f : sorted(result.findings())) finding(g, f);
      g.writeEndArray();
      g.writeArrayPropertyStart("notifications");
      for (Notification n : result.notifications()) {
        g.writeStartObject();
        g.writeStringProperty("level", n.level().id());
        JsonOut.string(g, "message", n.message());
        JsonOut.string(g, "path", n.path());
        if (n.failure() != null) JsonOut.string(g, "ruleId", n.failure().ruleId());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void finding(JsonGenerator g, Finding f) {
    g.writeStartObject();
    JsonOut.string(g, "ruleId", f.ruleId());
    JsonOut.string(g, "ruleName", f.ruleName());
    JsonOut.string(g, "messageId", f.messageId());
    g.writeStringProperty("level", f.level().id());
    JsonOut.string(g, "message", f.message());
    location(g, f.location());
    JsonOut.string(g, "fingerprint", f.fingerprint());
    g.writeArrayPropertyStart("related");
    for (Finding.RelatedLocation r : f.related()) {
      g.writeStartObject();
      location(g, r.location());
      JsonOut.string(g, "message", r.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (f.suppression() == null) {
      g.writeNullProperty("suppression");
    } else {
      g.writeObjectPropertyStart("suppression");
      JsonOut.string(g, "reason", f.suppression().reason());
      JsonOut.string(g, "expires", f.suppression().expires());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void location(JsonGenerator g, Location loc) {
    JsonOut.string(g, "path", loc.path());
    g.writeNumberProperty("startLine", loc.span().startLine());
    g.writeNumberProperty("startColumn", loc.span().startColumn());
    g.writeNumberProperty("endLine", loc.span().endLine());
    g.writeNumberProperty("endColumn", loc.span().endColumn());
    JsonOut.string(g, "pointer", loc.pointer());
  }

  /** Findings in {@link Finding#ORDER}, whatever order the engine handed over. */
  static List<Finding> sorted(List<Finding> findings) {
    return findings.stream().sorted(Finding.ORDER.thenComparing(Comparator.comparing(Finding::level))).toList();
  }
}
