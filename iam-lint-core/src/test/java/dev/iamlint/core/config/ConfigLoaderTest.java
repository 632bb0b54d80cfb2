package dev.iamlint.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.LintException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path root;

  private Config load(String yaml) throws IOException {
    Path f = root.resolve(".iam-lint.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f, root);
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
  void publishedSchemaEqualsTheShippedOne() throws IOException {
    String shipped = new String(ConfigLoader.class.getResourceAsStream(ConfigLoader.SCHEMA_RESOURCE).readAllBytes());
    assertEquals(shipped, Files.readString(Path.of("..", "schema", "iam-lint-config.schema.json")),
        "schema/iam-lint-config.schema.json must be a copy of the schema in the jar");
  }
}
