package dev.iamlint.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.Level;
import dev.iamlint.core.config.Globs;
import dev.iamlint.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build, dependency and version-control folders are not walked, unless an include glob names the
 * folder or the run names it as a PATH; a skipped {@code cdk.out} (synthesized CloudFormation, so
 * access as code) says so in a note.
 */
class FileDiscoverySkippedFoldersTest {

  @TempDir Path root;

  @BeforeEach
  void tree() throws IOException {
    for (String rel : List.of("policies/a.json", "cdk.out/App.template.json", "infra/cdk.out/Stack.template.json",
        "node_modules/pkg/package.json", "target/classes/x.json")) {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "{}");
    }
  }

  private List<String> found(FileDiscovery d, String... paths) {
    for (String p : paths) d.addPath(root.resolve(p));
    return d.files().stream().map(SourceFile::relativePath).sorted().toList();
  }

  @Test
  void buildFoldersAreSkippedAndASkippedCdkOutSaysSo() {
    FileDiscovery d = new FileDiscovery(root, Globs.of(List.of("**/*.json")), Globs.of(List.of()));
    assertEquals(List.of("policies/a.json"), found(d, "."));
    List<String> notes = d.notifications().stream().filter(n -> n.level() == Level.NOTE).map(n -> n.message()).toList();
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(notes.get(0).startsWith("skipped cdk.out/: the CloudFormation templates the AWS CDK synthesizes"), notes.get(0));
    assertTrue(notes.get(0).endsWith("--include 'cdk.out/**/*.template.json'"), notes.get(0));
  }

  @Test
  void anIncludeThatNamesTheFolderWalksIt() {
    FileDiscovery d = new FileDiscovery(root, Globs.of(List.of("policies/*.json", "**/cdk.out/**/*.template.json")),
        Globs.of(List.of()));
    assertEquals(List.of("cdk.out/App.template.json", "infra/cdk.out/Stack.template.json", "policies/a.json"), found(d, "."));
    assertEquals(List.of(), d.notifications());
  }

  @Test
  void aFolderNamedAsAPathIsWalked() {
    FileDiscovery d = new FileDiscovery(root, Globs.of(List.of("**/*.json")), Globs.of(List.of()));
    assertEquals(List.of("infra/cdk.out/Stack.template.json"), found(d, "infra/cdk.out"));
  }
}
