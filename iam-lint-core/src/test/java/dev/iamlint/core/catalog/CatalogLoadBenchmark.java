package dev.iamlint.core.catalog;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reports how long the catalogue takes to load; not a test, so it never fails a build on a slow
 * machine. Run after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp iam-lint-core/target/classes:iam-lint-core/target/test-classes \
 *     dev.iamlint.core.catalog.CatalogLoadBenchmark
 * </pre>
 *
 * <p>The first line is the cold cost in this fresh JVM (class loading, resource read, inflate,
 * decode, indexes) up to the first lookup; then repeated loads show the warm cost.
 */
public final class CatalogLoadBenchmark {
  private CatalogLoadBenchmark() {}

  public static void main(String[] args) throws IOException {
    // CPU time of this thread as well as wall time: on a busy machine (CI, parallel builds) wall
    // time mostly measures waiting for a core. The bean is created first so it is not counted.
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    IamCatalog catalog = IamCatalog.bundled();
    boolean found = catalog.action("s3:GetObject").isPresent();
    long t1 = System.nanoTime();
    long c1 = threads.getCurrentThreadCpuTime();
    System.out.printf("cold: first call to first lookup %.1f ms wall, %.1f ms CPU (found=%s)%n",
        (t1 - t0) / 1e6, (c1 - c0) / 1e6, found);

    long a0 = System.nanoTime();
    int all = catalog.actions().size();
    System.out.printf("cold: decode all services (actions(), expand(\"*\")) %.1f ms (%d actions)%n",
        (System.nanoTime() - a0) / 1e6, all);

    long t2 = System.nanoTime();
    String doc = catalog.managedPolicy("AdministratorAccess").orElseThrow().document();
    long t3 = System.nanoTime();
    System.out.printf("cold: first managed policy document %.1f ms (%d chars)%n", (t3 - t2) / 1e6, doc.length());

    byte[] bytes;
    try (InputStream in = IamCatalog.class.getResourceAsStream("iam-catalog.bin")) {
      bytes = in.readAllBytes();
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    double best = Double.MAX_VALUE;
    double sum = 0;
    for (int i = 0; i < rounds; i++) {
      long s = System.nanoTime();
      IamCatalog c = IamCatalog.fromBytes(bytes);
      c.action("s3:GetObject").orElseThrow();
      double ms = (System.nanoTime() - s) / 1e6;
      best = Math.min(best, ms);
      if (i >= rounds / 2) {
        sum += ms;
      }
    }
    System.out.printf("warm: load from bytes to first lookup, best %.1f ms, mean of last %d %.1f ms%n",
        best, rounds - rounds / 2, sum / (rounds - rounds / 2));
    double bestAll = Double.MAX_VALUE;
    for (int i = 0; i < rounds; i++) {
      long s = System.nanoTime();
      IamCatalog.fromBytes(bytes).actions();
      bestAll = Math.min(bestAll, (System.nanoTime() - s) / 1e6);
    }
    System.out.printf("warm: load from bytes and decode every service, best %.1f ms%n", bestAll);

    long e0 = System.nanoTime();
    int n = 0;
    for (String p : new String[] {"s3:Get*", "iam:*Policy*", "ec2:Describe?nstances", "*", "*:Describe*"}) {
      n += catalog.expand(p).size();
    }
    System.out.printf("expand of 5 patterns: %.2f ms (%d actions)%n", (System.nanoTime() - e0) / 1e6, n);
    long s0 = System.nanoTime();
    String suggestion = catalog.suggestActions("ec2:describeinstance").get(0);
    System.out.printf("suggestActions: %.2f ms (%s)%n", (System.nanoTime() - s0) / 1e6, suggestion);
    System.out.println(catalog);
  }
}
