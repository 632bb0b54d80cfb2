package dev.iamlint.core.report;

import static dev.iamlint.core.report.ReporterTest.VERSION;
import static dev.iamlint.core.report.ReporterTest.render;
import static dev.iamlint.core.report.ReporterTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonReporterTest {

  private static JsonNode json() {
    return new tools.jackson.databind.json.JsonMapper().readTree(render(new JsonReporter(VERSION), sample()));
  }

  @Test
  void documentedTopLevelKeysInOrder() {
    List<String> keys = new ArrayList<>(json().propertyNames());
    assertEquals(List.of("formatVersion", "tool", "root", "summary", "findings", "notifications"), keys);
  }

  @Test
  void summaryCountsUnsuppressedFindingsAndSuppressedSeparately() {
    JsonNode summary = json().get("summary");
    assertEquals(1, summary.get("errors").asInt());
    assertEquals(1, summary.get("warnings").asInt());
    assertEquals(1, summary.get("notes").asInt());
    assertEquals(1, summary.get("suppressed").asInt());
    assertEquals(5, summary.get("files").asInt());
    assertEquals(4, summary.get("documents").asInt());
    assertTrue(summary.get("failed").asBoolean());
  }

  @Test
  void findingKeysAreStable() {
    JsonNode finding = json().get("findings").get(0);
    assertEquals(List.of("ruleId", "ruleName", "messageId", "level", "message", "path", "startLine", "startColumn",
        "endLine", "endColumn", "pointer", "fingerprint", "related", "suppression"),
        new ArrayList<>(finding.propertyNames()));
    assertTrue(finding.get("suppression").isNull());
    assertEquals("scps/deny.json", finding.get("related").get(0).get("path").asString());
  }
}
