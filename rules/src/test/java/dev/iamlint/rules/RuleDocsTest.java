package dev.iamlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed pages under {@code docs/rules/} must equal what the metadata and doc bodies
 * generate. Run with {@code -Diamlint.updateDocs=true} to rewrite them.
 */
class RuleDocsTest {

  private static final Path DOCS = Path.of("..", "docs", "rules");

  @Test
  void generatedDocsAreUpToDate() throws IOException {
    boolean update = Boolean.getBoolean("iamlint.updateDocs");
    List<RuleDescriptor> rules = new Engine(Engine.discoverRules(getClass().getClassLoader())).rules();
    List<String> stale = new ArrayList<>();
    for (RuleDescriptor d : rules) check(DOCS.resolve(d.docStem() + ".md"), RuleDocs.render(d), update, stale);
    check(DOCS.resolve("README.md"), RuleDocs.index(rules), update, stale);
    assertEquals(List.of(), stale, "stale generated docs; run ./mvnw -pl rules test -Dtest=RuleDocsTest -Diamlint.updateDocs=true");
  }

  private static void check(Path file, String expected, boolean update, List<String> stale) throws IOException {
    String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    if (expected.equals(actual)) return;
    if (update) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    } else {
      stale.add(file.toString());
    }
  }
}
