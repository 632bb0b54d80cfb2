package dev.iamlint.core.robust;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.LoadProblem;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Helpers shared by the robustness tests: write bytes to a file and load it. */
final class RobustSupport {

  private RobustSupport() {}

  static SourceFile sourceFile(Path path, Path root) {
    String name = path.getFileName().toString();
    Format f = Format.of(name, null);
    if (f == null) f = Format.JSON;
    return new SourceFile(path, root.relativize(path).toString().replace('\\', '/'), f);
  }

  static LoadedFile load(Path dir, String name, byte[] bytes) throws IOException {
    return load(dir, name, bytes, Limits.DEFAULT);
  }

  static LoadedFile load(Path dir, String name, byte[] bytes, Limits limits) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return new Loader(limits).load(sourceFile(p, dir));
  }

  static LoadedFile load(Path dir, String name, String text) throws IOException {
    return load(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The only non-duplicate-key problem of a file; fails when there is none. */
  static LoadProblem problem(LoadedFile f) {
    List<LoadProblem> ps = f.problems().stream().filter(p -> p.kind() != LoadProblem.Kind.DUPLICATE_KEY).toList();
    if (ps.isEmpty()) fail("expected a problem in " + f.file().relativePath() + " but got none");
    return ps.get(0);
  }

  static void assertProblem(LoadedFile f, LoadProblem.Kind kind, int line, int col) {
    LoadProblem p = problem(f);
    String desc = p.kind() + " " + p.span() + " " + p.message();
    if (p.kind() != kind || p.span().startLine() != line || p.span().startColumn() != col) {
      fail("expected " + kind + " at " + line + ":" + col + " but got " + desc);
    }
    assertTrue(p.message() != null && !p.message().isBlank(), "problem has a message: " + desc);
  }

  static void assertNoProblems(LoadedFile f) {
    if (!f.problems().isEmpty()) {
      LoadProblem p = f.problems().get(0);
      fail("expected no problem but got " + p.kind() + " " + p.span() + " " + p.message());
    }
  }

  /** Every problem's span lies within the text (line <= lines + 1, col >= 1). */
  static void assertSpansValid(LoadedFile f, String text) {
    int lines = text == null ? 1 : (int) text.chars().filter(c -> c == '\n').count() + 1;
    for (LoadProblem p : f.problems()) {
      Span s = p.span();
      if (s == null || s.startLine() < 1 || s.startColumn() < 1 || s.startLine() > lines + 1 || s.endLine() > lines + 1) {
        fail("bad span " + s + " for " + p.kind() + " '" + p.message() + "' in a file of " + lines + " lines");
      }
    }
  }
}
