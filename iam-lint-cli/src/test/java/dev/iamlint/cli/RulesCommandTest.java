package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.rule.RuleCatalogue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RulesCommandTest {

  @Test
  void alignsColumns() {
    String nl = System.lineSeparator();
    assertEquals("ID      NAME  TAGS" + nl + "IAM001  a     x, y" + nl,
        RulesCommand.table(List.of(new String[] {"ID", "NAME", "TAGS"}, new String[] {"IAM001", "a", "x, y"})));
  }

  @Test
  void jsonListsTheWholeCatalogueSortedWithAStableShape() {
    MainTest.Run r = MainTest.run("rules", "--format", "json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("[\n  {\n    \"id\": \"IAM001\",\n    \"name\": \"parse-error\",\n"), r.out());
    JsonNode array = JsonMapper.builder().build().readTree(r.out());
    assertTrue(array.isArray());
    List<String> ids = new ArrayList<>();
    for (JsonNode rule : array) {
      ids.add(rule.get("id").asString());
      assertEquals(List.of("id", "name", "level", "securitySeverity", "tags", "summary", "implemented"),
          List.copyOf(rule.propertyNames()), rule.toString());
      assertTrue(rule.get("tags").isArray());
    }
    assertEquals(ids.stream().sorted().toList(), ids, "sorted by id");
    assertTrue(ids.containsAll(RuleCatalogue.IDS.keySet()), "every catalogued rule is listed");

    JsonNode admin = rule(array, "IAM201");
    assertEquals("full-admin-grant", admin.get("name").asString());
    assertEquals("error", admin.get("level").asString());
    assertTrue(admin.get("securitySeverity").isNumber());
    assertFalse(admin.get("summary").asString().isEmpty());
    assertTrue(admin.get("implemented").asBoolean());

    JsonNode change = rule(array, "IAM801");
    assertEquals("new-access-granted", change.get("name").asString());
    assertFalse(change.get("implemented").asBoolean());
    assertTrue(change.get("level").isNull());
    assertTrue(change.get("securitySeverity").isNull());
    assertTrue(change.get("summary").isNull());
  }

  @Test
  void textIsTheDefaultAndUnknownFormatsAreUsageErrors() {
    MainTest.Run text = MainTest.run("rules");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().startsWith("ID "), text.out());
    assertEquals(text.out(), MainTest.run("rules", "-f", "TEXT").out());
    MainTest.Run bad = MainTest.run("rules", "--format", "sarif");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("expected text or json"), bad.err());
  }

  private static JsonNode rule(JsonNode array, String id) {
    for (JsonNode r : array) {
      if (r.get("id").asString().equals(id)) return r;
    }
    throw new AssertionError(id + " not listed");
  }
}
