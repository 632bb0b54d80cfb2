package dev.iamlint.core.engine;

import dev.iamlint.core.LintException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/** Maps in parallel on daemon threads, keeping order; small inputs stay on the calling thread. */
final class Parallel {

  private Parallel() {}

  /**
   * Applies {@code f} in parallel and hands the results to {@code sink} in the order of
   * {@code items}, on the calling thread. At most a small window of results waits for the sink,
   * so the results (parsed files) never all exist at once.
   */
  static <T, R> void forEachOrdered(List<T> items, Function<T, R> f, Consumer<R> sink, int threads) {
    if (threads <= 1 || items.size() < 8) {
      for (T t : items) sink.accept(f.apply(t));
      return;
    }
    ExecutorService pool = pool(Math.min(threads, items.size()));
    try {
      forEachOrdered(items, t -> null, f, sink, pool, threads * 16);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * {@link #forEachOrdered(List, Function, Consumer, int)} on a given pool, for
   * items some of which are already under way: {@code started} gives an item's running task, or
   * null to submit {@code f} for it now. At most {@code window} tasks submitted here wait for the
   * sink (the started ones are running already).
   */
  static <T, R> void forEachOrdered(List<T> items, Function<T, Future<R>> started, Function<T, R> f,
      Consumer<R> sink, ExecutorService pool, int window) {
    record Pending<R>(Future<R> task, boolean submittedHere) {}
    ArrayDeque<Pending<R>> pending = new ArrayDeque<>();
    int next = 0;
    int ahead = 0;
    while (next < items.size() || !pending.isEmpty()) {
      while (next < items.size() && ahead < window) {
        T t = items.get(next++);
        Future<R> running = started.apply(t);
        if (running != null) {
          pending.add(new Pending<>(running, false));
        } else {
          pending.add(new Pending<>(pool.submit(() -> f.apply(t)), true));
          ahead++;
        }
      }
      Pending<R> done = pending.poll();
      if (done.submittedHere()) ahead--;
      sink.accept(get(done.task()));
    }
  }

  static ExecutorService pool(int threads) {
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "iam-lint-worker");
      t.setDaemon(true);
      return t;
    });
  }

  static <R> R get(Future<R> fu) {
    try {
      return fu.get();
    } catch (ExecutionException e) {
      // Out of memory (or another VM error) is not a bug of the task: let the caller say so. The
      // loader and the per-file check catch everything they expect; anything else is a bug.
      if (e.getCause() instanceof Error err) throw err;
      throw new LintException("internal error: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LintException("interrupted");
    }
  }

  static <T, R> List<R> map(List<T> items, Function<T, R> f, int threads) {
    if (threads <= 1 || items.size() < 8) {
      List<R> out = new ArrayList<>(items.size());
      for (T t : items) out.add(f.apply(t));
      return out;
    }
    ExecutorService pool = pool(Math.min(threads, items.size()));
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T t : items) futures.add(pool.submit(() -> f.apply(t)));
      List<R> out = new ArrayList<>(items.size());
      for (Future<R> fu : futures) out.add(get(fu));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
