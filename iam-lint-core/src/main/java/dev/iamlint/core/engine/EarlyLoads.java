package dev.iamlint.core.engine;

import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Phase 1 started while the walk still looks for files: the walk is one thread's system calls, and
 * phase 1's work is the workers' (a run over one staged file spends about as long on each; a whole
 * run's walk left the second core idle). A context file (outside the targets) is loaded as soon as
 * the walk finds it; a target is only scanned then, for whether its phase-1 load would find
 * anything (most targets hold no format's signal, and phase 1 then has nothing to do with them);
 * the results are then taken in path order, as {@link Parallel#forEachOrdered} gives them, and a
 * target that does hold a signal is loaded at its turn. Context files' trees are kept for phase 2
 * whatever happens, so starting them early holds nothing the run would not hold anyway; a target's
 * tree is never made early, since one past the engine's budget must not wait in memory for its
 * turn, and a scan's answer is one boolean.
 */
final class EarlyLoads implements AutoCloseable {

  /** A target whose scan found nothing: phase 1 hands on null, as its load would have. */
  private static final Future<LoadedFile> NOTHING = CompletableFuture.completedFuture(null);

  private final ExecutorService pool;
  private final Function<SourceFile, LoadedFile> load;
  private final Predicate<SourceFile> worthLoading;
  private final List<Path> targets;
  private final int window;
  /** Started loads and scans by relative path; the walk and the ordered pass run on the same thread. */
  private final Map<String, Future<LoadedFile>> started = new HashMap<>();
  private final Map<String, Future<Boolean>> scanned = new HashMap<>();

  /**
   * @param load a file's phase-1 load
   * @param worthLoading for a target: false only when its phase-1 load would give null (it holds
   *     no signal, or cannot be read); null to leave targets to the ordered pass
   * @param targets the targets (files and directories, absolute and normalized)
   */
  EarlyLoads(Function<SourceFile, LoadedFile> load, Predicate<SourceFile> worthLoading, List<Path> targets, int threads) {
    this.pool = Parallel.pool(threads);
    this.load = load;
    this.worthLoading = worthLoading;
    this.targets = targets;
    this.window = threads * 16;
  }

  /** The walk found a file: a context file starts loading, a target its scan. */
  void found(SourceFile f) {
    Path p = f.path().toAbsolutePath().normalize();
    for (Path t : targets) {
      if (p.startsWith(t)) {
        if (worthLoading != null) scanned.put(f.relativePath(), pool.submit(() -> worthLoading.test(f)));
        return;
      }
    }
    started.put(f.relativePath(), pool.submit(() -> load.apply(f)));
  }

  /**
   * Hands every file's load to {@code sink} in the order of {@code files}, on this thread: a file
   * started early is taken as it is, a target scanned as holding nothing gives null, the others are
   * loaded now, at most a window of them ahead.
   */
  void forEachOrdered(List<SourceFile> files, Consumer<LoadedFile> sink) {
    Parallel.forEachOrdered(files, this::startedFor, load, sink, pool, window);
  }

  private Future<LoadedFile> startedFor(SourceFile f) {
    Future<LoadedFile> running = started.remove(f.relativePath());
    if (running != null) return running;
    Future<Boolean> scan = scanned.remove(f.relativePath());
    // Waiting here is waiting for a scan queued before any load of this pass: it is not stuck.
    return scan != null && !Parallel.get(scan) ? NOTHING : null;
  }

  /** Stops the workers; loads and scans the walk started for files the run then left out are dropped. */
  @Override
  public void close() {
    pool.shutdownNow();
    started.clear();
    scanned.clear();
  }
}
