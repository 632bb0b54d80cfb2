import dev.iamlint.core.Version;
import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.report.ReportFormat;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.WorkspaceRule;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the time of an iam-lint run goes, through the public API (tools/bench/README.md,
 * "Profiling"); not a benchmark of record. Run with the launcher's JVM options against the shaded
 * jar, like BareParse:
 *
 * <pre>java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp &lt;jar&gt;:&lt;classes&gt; Phases [--threads N] [--rules] DIR</pre>
 *
 * First the phases of one cold run, in the CLI's order: JVM start to main, rule discovery
 * ({@code new Engine()}), catalogue decoding ({@code IamCatalog.bundled()}, which the run would
 * otherwise do lazily inside the first file), {@code Engine.run} and the SARIF report. With
 * {@code --rules}, then, in the warmed JVM: the run with no rules (discovery, parsing, model,
 * workspace) and each rule alone, least CPU time of five runs on one thread, so each rule's cost is its time over the
 * no-rule run.
 */
public final class Phases {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    int threads = 0;
    boolean rules = false;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--rules" -> rules = true;
        default -> dir = Path.of(args[i]);
      }
    }
    long toMain = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    long a = System.nanoTime();
    Engine engine = new Engine();
    long b = System.nanoTime();
    IamCatalog catalog = IamCatalog.bundled();
    catalog.actions();
    long c = System.nanoTime();
    LintRequest request = LintRequest.of(dir).withThreads(threads);
    LintResult result = engine.run(request);
    long d = System.nanoTime();
    Path sarif = Files.createTempFile("iam-lint-phases", ".sarif");
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(sarif, StandardCharsets.UTF_8))) {
      ReportFormat.SARIF.reporter(false, Version.get()).write(result, w);
    }
    long e = System.nanoTime();
    System.out.printf("cold run: %d files, %d documents, %d findings, threads %s%n", result.filesScanned(), result.documentsChecked(),
        result.findings().size(), threads == 0 ? "default" : threads);
    System.out.printf("  JVM uptime at main       %6d ms (includes loading java.management)%n", toMain);
    System.out.printf("  new Engine() (rules)     %6d ms%n", ms(b - a));
    System.out.printf("  IamCatalog.bundled()     %6d ms%n", ms(c - b));
    System.out.printf("  Engine.run               %6d ms%n", ms(d - c));
    System.out.printf("  SARIF report (%5d KB)   %6d ms%n", Files.size(sarif) / 1024, ms(e - d));
    Files.deleteIfExists(sarif);
    if (!rules) return;

    List<Rule> all = Engine.discoverRules(Phases.class.getClassLoader());
    request = request.withThreads(1); // on this thread, so its CPU time is the run's
    for (int i = 0; i < 2; i++) engine.run(request); // warm up
    long full = best(new Engine(all), request);
    long none = best(new Engine(List.of()), request);
    System.out.printf("%nwarm runs, threads 1, CPU time of the run, best of 5: all %d rules %d ms, no rules %d ms (parse, model, workspace)%n",
        all.size(), full, none);
    List<String> lines = new ArrayList<>();
    long sum = 0;
    for (Rule r : all) {
      long t = best(new Engine(List.of(r)), request) - none;
      sum += Math.max(0, t);
      lines.add(String.format("%6d ms  %-7s %s%s", t, r.descriptor().id(), r.getClass().getSimpleName(),
          r instanceof WorkspaceRule ? " (workspace)" : ""));
    }
    lines.sort((x, y) -> Long.compare(Long.parseLong(y.substring(0, 6).trim()), Long.parseLong(x.substring(0, 6).trim())));
    System.out.printf("each rule alone, over the no-rule run (sum %d ms; all rules over none: %d ms):%n", sum, full - none);
    lines.forEach(System.out::println);
  }

  /** Least CPU time of the calling thread over five runs (robust to other load on the machine). */
  static long best(Engine engine, LintRequest request) {
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long s = mx.getCurrentThreadCpuTime();
      engine.run(request);
      best = Math.min(best, mx.getCurrentThreadCpuTime() - s);
    }
    return ms(best);
  }

  static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
