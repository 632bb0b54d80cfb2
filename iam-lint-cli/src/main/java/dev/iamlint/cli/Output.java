package dev.iamlint.cli;

import dev.iamlint.core.report.ReportFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One report to write: a format and a file, or standard output when {@code file} is null.
 *
 * @param format the report format
 * @param file where to write it, or null for standard output
 */
record Output(ReportFormat format, Path file) {

  /** One {@code --format} or {@code --output} occurrence, in command-line order. */
  sealed interface Arg permits FormatArg, FileArg {}

  record FormatArg(ReportFormat format) implements Arg {}

  record FileArg(Path file) implements Arg {}

  /**
   * Pairs formats with files in command-line order: an {@code --output} belongs to the
   * {@code --format} just before it; an {@code --output} with no unpaired format before it
   * belongs to the next {@code --format}, or to the text format when none follows. No arguments
   * at all mean text to standard output. Files are compared as paths resolved against {@code cwd},
   * the caller's directory.
   *
   * @throws IllegalArgumentException when two reports would go to standard output, or two to one file
   */
  static List<Output> pair(List<Arg> args, Path cwd) {
    List<Output> outputs = new ArrayList<>();
    Path pendingFile = null;
    for (Arg arg : args) {
      if (arg instanceof FormatArg f) {
        outputs.add(new Output(f.format(), pendingFile));
        pendingFile = null;
      } else if (arg instanceof FileArg o) {
        int last = outputs.size() - 1;
        if (pendingFile == null && last >= 0 && outputs.get(last).file() == null) {
          outputs.set(last, new Output(outputs.get(last).format(), o.file()));
        } else if (pendingFile != null) {
          throw new IllegalArgumentException(
              "--output " + o.file() + " follows --output " + pendingFile + " with no --format between them");
        } else {
          pendingFile = o.file();
        }
      }
    }
    if (pendingFile != null) outputs.add(new Output(ReportFormat.TEXT, pendingFile));
    if (outputs.isEmpty()) outputs.add(new Output(ReportFormat.TEXT, null));

    long toStdout = outputs.stream().filter(o -> o.file() == null).count();
    if (toStdout > 1) {
      throw new IllegalArgumentException(
          "only one --format can go to standard output; give the others an --output FILE");
    }
    List<Path> files = new ArrayList<>();
    for (Output o : outputs) {
      if (o.file() == null) continue;
      Path normal = cwd.resolve(o.file()).normalize();
      if (files.contains(normal)) {
        throw new IllegalArgumentException("two reports would be written to " + o.file());
      }
      files.add(normal);
    }
    return List.copyOf(outputs);
  }
}
