package dev.iamlint.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.config.Globs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths relative to the root as reports print them, by the text fast path and the general one alike. */
class FileDiscoveryRelativeTest {

  @TempDir Path root;

  @Test
  void pathsUnderTheRootAreRelativeWithSlashes() {
    FileDiscovery d = new FileDiscovery(root, Globs.of(List.of("**/*.json")), Globs.of(List.of()));
    Path abs = root.toAbsolutePath().normalize();
    assertEquals("a.json", d.relative(abs.resolve("a.json")));
    assertEquals("policies/prod/a.json", d.relative(abs.resolve("policies").resolve("prod").resolve("a.json")));
    assertEquals("a..b/c.json", d.relative(abs.resolve("a..b").resolve("c.json")));
    // the general way: dot names, a relative path, a path that only starts like the root
    assertEquals(".iam-lint.yaml", d.relative(abs.resolve(".iam-lint.yaml")));
    assertEquals(".github/workflows/x.yaml", d.relative(abs.resolve(".github").resolve("workflows").resolve("x.yaml")));
    assertEquals("b.json", d.relative(abs.resolve("a").resolve("..").resolve("b.json")));
    assertEquals("c.json", d.relative(abs.resolve(".").resolve("c.json")));
    Path sibling = abs.resolveSibling(abs.getFileName() + "-other").resolve("x.json");
    assertEquals(sibling.toString().replace('\\', '/'), d.relative(sibling));
  }
}
