package dev.iamlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Precedence is declared ({@code supersededBy}) and applied by the engine, so turning the broader
 * rule off never silences the narrower ones: with IAM201 on, it alone speaks for an administrator
 * statement; with IAM201 off, IAM202–IAM207 report what they see in it.
 */
class RulePrecedenceTest {

  /** {@code Allow * on *} (with an {@code s3:*} beside it) and {@code Allow NotAction s3:* on *}: both full admin. */
  private static final String POLICY = """
      {
        "Version": "2012-10-17",
        "Statement": [
          {"Effect": "Allow", "Action": ["*", "s3:*"], "Resource": "*"},
          {"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}
        ]
      }
      """;

  private static final Set<String> NARROWER = Set.of("IAM202", "IAM203", "IAM204", "IAM205", "IAM206", "IAM207");

  @TempDir Path root;

  @Test
  void withFullAdminGrantOnOnlyItReports() throws IOException {
    assertEquals(Set.of("IAM201"), ruleIds(Map.of()));
  }

  @Test
  void withFullAdminGrantOffTheNarrowerRulesReport() throws IOException {
    assertEquals(NARROWER, ruleIds(Map.of("IAM201", "off")));
  }

  /** The wildcard family's ids reported on the policy, at the given rule levels. */
  private Set<String> ruleIds(Map<String, String> levels) throws IOException {
    Files.writeString(root.resolve("admin.json"), POLICY);
    List<Finding> findings = new Engine(Engine.discoverRules(getClass().getClassLoader()))
        .run(LintRequest.of(root).withRuleLevels(levels)).findings();
    Set<String> ids = new TreeSet<>();
    for (Finding f : findings) {
      if (f.ruleId().startsWith("IAM2")) ids.add(f.ruleId());
    }
    return ids;
  }
}
