package dev.iamlint.core.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.ConfigLoader;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import dev.iamlint.core.workspace.Workspace;
import org.junit.jupiter.api.Assumptions;

/** Loads files and runs the phases of the built-in formats on them, as the engine does. */
public final class ExtractTestSupport {

  private ExtractTestSupport() {}

  public static ExtractContext extract(Path file, String rel) {
    Format f = rel.endsWith(".json") ? Format.JSON : Format.YAML;
    SourceFile sf = new SourceFile(file, rel, f);
    LoadedFile loaded = new Loader(Limits.DEFAULT).load(sf);
    assertTrue(loaded.problems().isEmpty(), () -> "load problems in " + rel + ": " + loaded.problems());
    ExtractContext ctx = new ExtractContext(sf, null, Limits.DEFAULT);
    assertTrue(Formats.extractAll(loaded.documents(), ctx), () -> rel + " not recognised");
    return ctx;
  }

  public static ExtractContext extract(Path dir, String rel, String content) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return extract(p, rel);
  }

  /** Writes {@code pathsAndContents} (path, content, path, content, ...) under {@code root} and loads them, in path order. */
  public static List<LoadedFile> files(Path root, String... pathsAndContents) throws IOException {
    List<LoadedFile> out = new ArrayList<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      String rel = pathsAndContents[i];
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, pathsAndContents[i + 1]);
      out.add(new Loader(Limits.DEFAULT).load(new SourceFile(p, rel, rel.endsWith(".json") ? Format.JSON : Format.YAML)));
    }
    out.sort(Comparator.comparing(f -> f.file().relativePath()));
    return out;
  }

  /** The scan phase over the files. */
  public static ScanContext scan(Path root, Config config, String... pathsAndContents) throws IOException {
    return Formats.scan(config, root, files(root, pathsAndContents));
  }

  /** Scan and extract phases over the files, and the workspace built from them. */
  public static Workspace workspace(Path root, Config config, String... pathsAndContents) throws IOException {
    List<LoadedFile> files = files(root, pathsAndContents);
    ScanContext scan = Formats.scan(config, root, files);
    List<Document> documents = new ArrayList<>();
    for (LoadedFile f : files) {
      ExtractContext ctx = new ExtractContext(f.file(), scan.declarations().declared(f.file().relativePath()), Limits.DEFAULT);
      Formats.extractAll(f.documents(), ctx);
      documents.addAll(ctx.documents());
    }
    return new Workspace(documents, scan.deployment(), config);
  }

  /** A configuration read from YAML written to {@code root/.iam-lint.yaml}. */
  public static Config config(Path root, String yaml) throws IOException {
    Path f = root.resolve(".iam-lint.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f, root);
  }

  /** The shared corpus directory, or a skipped test when it is not there. */
  public static Path corpus(String sub) {
    String dir = System.getProperty("iamlint.corpus");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Paths.get(dir)),
        "shared corpus not found (system property iamlint.corpus = " + dir + "); real-corpus extractor tests skipped");
    Path p = Paths.get(dir).resolve(sub);
    Assumptions.assumeTrue(Files.exists(p), "corpus file " + p + " not present; skipped");
    return p;
  }

  public static List<PermissionSet> permissionSets(ExtractContext ctx) {
    return ctx.documents().stream().filter(PermissionSet.class::isInstance).map(PermissionSet.class::cast).toList();
  }

  public static List<Assignment> assignments(ExtractContext ctx) {
    return ctx.documents().stream().filter(Assignment.class::isInstance).map(Assignment.class::cast).toList();
  }

  public static PermissionSet named(List<PermissionSet> sets, String name) {
    return sets.stream().filter(s -> s.name() != null && s.name().text().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no permission set " + name + " in " + names(sets)));
  }

  public static List<String> names(List<? extends Document> docs) {
    return docs.stream().map(Document::displayName).collect(Collectors.toList());
  }

  public static String text(Object scalarNode) {
    return scalarNode == null ? null : ((ScalarNode) scalarNode).text();
  }
}
