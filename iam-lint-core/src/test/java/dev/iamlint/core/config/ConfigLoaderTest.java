package dev.iamlint.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.LintException;
import dev.iamlint.core.source.TreeCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConfigLoaderTest {

  @TempDir Path root;

  private Config load(String yaml) throws IOException {
    Path f = root.resolve(".iam-lint.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f, root);
  }

  @Test
  void aConfigurationThatPassedIsNotValidatedAgainButAnEditedOneIs() throws IOException {
    Path f = root.resolve(".iam-lint.yaml");
    String valid = "failLevel: warning\nrules:\n  IAM201: off\n";
    Files.writeString(f, valid);
    TreeCache cache = TreeCache.open(root.resolve("cache"), dev.iamlint.core.source.Limits.DEFAULT);
    Config first = ConfigLoader.load(f, root, cache);
    assertEquals(1, passes(cache), "a clean validation is recorded");
    Config second = ConfigLoader.load(f, root, TreeCache.open(root.resolve("cache"), dev.iamlint.core.source.Limits.DEFAULT));
    assertEquals(first, second, "the same configuration from the cached tree, without validation");
    assertEquals(FailLevel.WARNING, second.failLevel());

    Files.writeString(f, "failLevel: warnings\n");
    LintException e = assertThrows(LintException.class, () -> ConfigLoader.load(f, root, cache));
    assertTrue(e.getMessage().contains("failLevel"), e.getMessage());
    assertEquals(1, passes(cache), "a failed validation records nothing");
    // The pass of the valid bytes does not vouch for an edit that keeps their length.
    Files.writeString(f, valid.replace("IAM201: off", "IAM201: of "));
    assertThrows(LintException.class, () -> ConfigLoader.load(f, root, cache));
  }

  private static long passes(TreeCache cache) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(cache.directory())) {
      return s.filter(p -> p.toString().endsWith(".pass")).count();
    }
  }

  @Test
  void theSchemasNumbersAndEnumsReadAsWritten() {
    // The schema is read by the loader: its integers must stay integers in the validator's words.
    LintException min = assertThrows(LintException.class, () -> load("limits: {maxDepth: -3}\n"));
    assertTrue(min.getMessage().endsWith("/limits/maxDepth: must have a minimum value of 1"), min.getMessage());
    LintException level = assertThrows(LintException.class, () -> load("failLevel: nope\n"));
    assertTrue(level.getMessage().contains("[\"error\", \"warning\", \"note\", \"none\"]"), level.getMessage());
  }

  @Test
  void theSchemaReadByTheLoaderIsTheSchemaJacksonReads() throws IOException {
    byte[] bytes;
    try (var in = ConfigLoader.class.getResourceAsStream(ConfigLoader.SCHEMA_RESOURCE)) {
      bytes = in.readAllBytes();
    }
    var source = new dev.iamlint.core.source.SourceFile(Path.of("schema.json"), "schema.json",
        dev.iamlint.core.source.Format.JSON);
    var loaded = new dev.iamlint.core.source.Loader(dev.iamlint.core.source.Limits.DEFAULT)
        .parse(source, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(JsonMapper.builder().build().readTree(bytes).toString(), ConfigLoader.toJson(loaded.documents().get(0)).toString());
  }

  @Test
  void readsEverySection() throws IOException {
    Config c = load("""
        include: ["**/*.json"]
        failLevel: warning
        now: 2026-11-24
        rules:
          IAM201: off
          invalid-version: {level: error, options: {max: 3}}
        kinds: {scp: ["scps/**"]}
        organization:
          root: {id: r-1, scps: [scps/a.json]}
          organizationalUnits: [{name: Prod, id: ou-1-2, parent: Root, fullAWSAccess: false}]
        suppressions:
          - {rule: IAM201, paths: ["x/**"], reason: ok, expires: 2027-01-31}
        limits: {maxDepth: 50}
        """);
    assertEquals(Instant.parse("2026-11-24T00:00:00Z"), c.now());
    assertEquals("off", c.rules().get("IAM201").level());
    assertEquals(3L, c.rules().get("invalid-version").options().number("max").orElseThrow());
    assertEquals("scps/a.json", c.organization().root().scps().get(0).path());
    assertEquals(false, c.organization().organizationalUnits().get(0).fullAwsAccess());
    assertEquals("2027-01-31", c.suppressions().get(0).expires().toString());
    assertEquals(50, c.limits().maxDepth());
  }

  @Test
  void unknownKeyNamesTheKeyAndItsLine() {
    LintException e = assertThrows(LintException.class, () -> load("failLevel: error\nfailLevl: error\n"));
    assertTrue(e.getMessage().startsWith(".iam-lint.yaml:2:1: unknown key 'failLevl'"), e.getMessage());
  }

  @Test
  void unknownKeySuggestsTheNearestKey() {
    LintException e = assertThrows(LintException.class, () -> load("failLevl: error\n"));
    assertEquals(".iam-lint.yaml:1:1: unknown key 'failLevl'; did you mean 'failLevel'?", e.getMessage());
  }

  @Test
  void unknownNestedKeySuggestsFromItsOwnSection() {
    LintException e = assertThrows(LintException.class, () -> load("""
        organization:
          accounts:
            - {name: prod, organisationalUnit: Prod}
        """));
    assertEquals(".iam-lint.yaml:3:20: unknown key 'organisationalUnit' in /organization/accounts/0;"
        + " did you mean 'organizationalUnit'?", e.getMessage());
  }

  @Test
  void unknownKeyFarFromEveryKeyListsTheAllowedOnes() {
    LintException e = assertThrows(LintException.class, () -> load("temporary: {colour: red}\n"));
    assertEquals(".iam-lint.yaml:1:13: unknown key 'colour' in /temporary; allowed: paths, permissionSets, tag",
        e.getMessage());
  }

  @Test
  void unparsableNowNamesTheAcceptedForms() {
    LintException e = assertThrows(LintException.class, () -> load("now: yesterday\n"));
    assertEquals(".iam-lint.yaml:1:6: /now: 'yesterday' is not a date or date-time; write it as "
        + "2026-06-30 or 2026-06-30T12:00:00Z (a date alone is midnight UTC)", e.getMessage());
  }

  @Test
  void nowOfTheRightShapeButNoRealDateIsReportedTheSameWay() {
    LintException e = assertThrows(LintException.class, () -> load("now: 2026-13-45\n"));
    assertEquals(".iam-lint.yaml:1:6: /now: '2026-13-45' is not a date or date-time; write it as "
        + "2026-06-30 or 2026-06-30T12:00:00Z (a date alone is midnight UTC)", e.getMessage());
  }

  @Test
  void unparsableExpiresSaysHowToWriteADate() {
    LintException e = assertThrows(LintException.class,
        () -> load("suppressions:\n  - {rule: IAM201, reason: ok, expires: next year}\n"));
    assertEquals(".iam-lint.yaml:2:41: /suppressions/0/expires: 'next year' is not a date; "
        + "write it as 2027-03-31 (year-month-day)", e.getMessage());
  }

  @Test
  void fileOfOnlyCommentsIsAnEmptyConfiguration() throws IOException {
    Config c = load("# iam-lint settings\n\n   # failLevel: warning\n");
    assertEquals(Config.DEFAULT.include(), c.include());
    assertEquals(null, c.failLevel());
    assertTrue(c.rules().isEmpty());
  }

  @Test
  void emptyFileIsAnEmptyConfiguration() throws IOException {
    Config c = load("");
    assertEquals(null, c.now());
    assertEquals(Config.DEFAULT.limits(), c.limits());
  }

  @Test
  void badValueNamesItsPosition() {
    LintException e = assertThrows(LintException.class, () -> load("failLevel: fatal\n"));
    assertTrue(e.getMessage().startsWith(".iam-lint.yaml:1:12: /failLevel"), e.getMessage());
  }

  @Test
  void suppressionNeedsAReason() {
    LintException e = assertThrows(LintException.class, () -> load("suppressions:\n  - rule: IAM201\n"));
    assertTrue(e.getMessage().contains("reason"), e.getMessage());
  }

  @Test
  void everySchemaPropertyIsDescribed() throws IOException {
    JsonNode schema = JsonMapper.builder().build().readTree(ConfigLoader.class.getResourceAsStream(ConfigLoader.SCHEMA_RESOURCE));
    List<String> missing = new ArrayList<>();
    undescribed(schema, "", missing);
    assertEquals(List.of(), missing, "schema properties without a description");
  }

  @Test
  void configurationReferenceHasASectionPerTopLevelKey() throws IOException {
    JsonNode schema = JsonMapper.builder().build().readTree(ConfigLoader.class.getResourceAsStream(ConfigLoader.SCHEMA_RESOURCE));
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    for (String key : schema.get("properties").propertyNames()) {
      assertTrue(doc.contains("\n### `" + key + "`\n"), "docs/configuration.md has no section for " + key);
    }
  }

  /** Properties (with their own schema, or a $ref) that say nothing about themselves. */
  private static void undescribed(JsonNode node, String at, List<String> missing) {
    JsonNode props = node.get("properties");
    if (props != null) {
      for (String name : props.propertyNames()) {
        JsonNode p = props.get(name);
        if (!p.has("description")) missing.add(at + "/" + name);
        undescribed(p, at + "/" + name, missing);
      }
    }
    for (String child : List.of("items", "additionalProperties", "definitions")) {
      JsonNode c = node.get(child);
      if (c == null || !c.isObject()) continue;
      if (child.equals("definitions")) {
        for (String d : c.propertyNames()) undescribed(c.get(d), "#/definitions/" + d, missing);
      } else {
        undescribed(c, at + "/" + child, missing);
      }
    }
    for (String combo : List.of("oneOf", "anyOf")) {
      JsonNode c = node.get(combo);
      if (c != null) for (JsonNode alt : c) undescribed(alt, at + "/" + combo, missing);
    }
  }

  @Test
  void publishedSchemaEqualsTheShippedOne() throws IOException {
    String shipped = new String(ConfigLoader.class.getResourceAsStream(ConfigLoader.SCHEMA_RESOURCE).readAllBytes());
    assertEquals(shipped, Files.readString(Path.of("..", "schema", "iam-lint-config.schema.json")),
        "schema/iam-lint-config.schema.json must be a copy of the schema in the jar");
  }
}
