package dev.iamlint.rules.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM005's reach: an error anywhere in a file of iam-lint's (a CloudFormation template included:
 * CloudFormation keeps the last value there too), nothing in a file that is not ours.
 */
class DuplicateKeyLevelsTest {

  @Test
  void errorsInATemplateNothingInAnotherToolsFile(@TempDir Path root) throws IOException {
    Files.copy(Path.of("src/test/resources/duplicate-key/bad-template.yaml"), root.resolve("template.yaml"));
    Files.copy(Path.of("src/test/resources/duplicate-key/good-not-ours-manifest.yaml"), root.resolve("deployment.yaml"));
    List<Finding> found = new Engine().run(LintRequest.of(root).withCacheDir(null)).findings().stream()
        .filter(f -> f.ruleId().equals("IAM005")).toList();
    assertEquals(List.of("template.yaml:7:7 ERROR", "template.yaml:18:13 ERROR"),
        found.stream().map(f -> f.location() + " " + f.level()).toList());
  }
}
