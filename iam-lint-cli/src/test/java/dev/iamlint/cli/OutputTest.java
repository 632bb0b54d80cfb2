package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iamlint.cli.Output.FileArg;
import dev.iamlint.cli.Output.FormatArg;
import dev.iamlint.core.report.ReportFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {

  private static final Path CWD = Path.of("/work/repo");

  static FormatArg f(ReportFormat format) {
    return new FormatArg(format);
  }

  static FileArg o(String file) {
    return new FileArg(Path.of(file));
  }

  @Test
  void noArgumentsMeanTextOnStdout() {
    assertEquals(List.of(new Output(ReportFormat.TEXT, null)), Output.pair(List.of(), CWD));
  }

  @Test
  void outputPairsWithThePrecedingFormat() {
    assertEquals(
        List.of(new Output(ReportFormat.SARIF, Path.of("x.sarif")), new Output(ReportFormat.TEXT, null)),
        Output.pair(List.of(f(ReportFormat.SARIF), o("x.sarif"), f(ReportFormat.TEXT)), CWD));
  }

  @Test
  void leadingOutputPairsWithTheNextFormat() {
    assertEquals(List.of(new Output(ReportFormat.JSON, Path.of("r.json"))),
        Output.pair(List.of(o("r.json"), f(ReportFormat.JSON)), CWD));
  }

  @Test
  void outputAloneIsText() {
    assertEquals(List.of(new Output(ReportFormat.TEXT, Path.of("r.txt"))), Output.pair(List.of(o("r.txt")), CWD));
  }

  @Test
  void rejectsAmbiguousCombinations() {
    assertThrows(IllegalArgumentException.class,
        () -> Output.pair(List.of(f(ReportFormat.JSON), f(ReportFormat.TEXT)), CWD));
    assertThrows(IllegalArgumentException.class,
        () -> Output.pair(List.of(f(ReportFormat.JSON), o("a"), f(ReportFormat.SARIF), o("a")), CWD));
    assertThrows(IllegalArgumentException.class,
        () -> Output.pair(List.of(f(ReportFormat.JSON), o("a"), o("b"), o("c")), CWD));
    // the same file named relatively and absolutely, against the caller's directory (not the JVM's)
    assertThrows(IllegalArgumentException.class,
        () -> Output.pair(List.of(f(ReportFormat.JSON), o("out/a"), f(ReportFormat.SARIF), o("/work/repo/out/../out/a")), CWD));
  }
}
