package dev.iamlint.core.engine;

import dev.iamlint.core.LintException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Maps in parallel on daemon threads, keeping order; small inputs stay on the calling thread. */
final class Parallel {

  private Parallel() {}

  static <T, R> List<R> map(List<T> items, Function<T, R> f, int threads) {
    if (threads <= 1 || items.size() < 8) {
      List<R> out = new ArrayList<>(items.size());
      for (T t : items) out.add(f.apply(t));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
      Thread t = new Thread(r, "iam-lint-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T t : items) futures.add(pool.submit(() -> f.apply(t)));
      List<R> out = new ArrayList<>(items.size());
      for (Future<R> fu : futures) {
        try {
          out.add(fu.get());
        } catch (ExecutionException e) {
          // the loader and the per-file check catch everything they expect; this is a bug, not bad input
          throw new LintException("internal error: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LintException("interrupted");
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
