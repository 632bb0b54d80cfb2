package dev.iamlint.core.engine;

import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Phase 1 of a run over named targets, started while the walk still looks for files: the walk is
 * one thread's system calls, reading the context files is the workers' work, and a run over one
 * staged file spends about as long on each. A context file (outside the named targets) is loaded
 * as soon as the walk finds it; the results are then taken in path order, as {@link
 * Parallel#forEachOrdered} gives them. Only context files start early: their trees are kept for
 * phase 2 whatever happens, so starting them early holds nothing the run would not hold anyway,
 * while a target's tree past the engine's budget must not wait in memory for its turn.
 */
final class EarlyLoads implements AutoCloseable {

  private final ExecutorService pool;
  private final Function<SourceFile, LoadedFile> load;
  private final List<Path> targets;
  private final int window;
  /** Started loads by relative path; the walk and the ordered pass run on the same thread. */
  private final Map<String, Future<LoadedFile>> started = new HashMap<>();

  /**
   * @param targets the named targets (files and directories, absolute and normalized): files under
   *     them are not started early
   */
  EarlyLoads(Function<SourceFile, LoadedFile> load, List<Path> targets, int threads) {
    this.pool = Parallel.pool(threads);
    this.load = load;
    this.targets = targets;
    this.window = threads * 16;
  }

  /** The walk found a file: a context file starts loading. */
  void found(SourceFile f) {
    Path p = f.path().toAbsolutePath().normalize();
    for (Path t : targets) {
      if (p.startsWith(t)) return;
    }
    started.put(f.relativePath(), pool.submit(() -> load.apply(f)));
  }

  /**
   * Hands every file's load to {@code sink} in the order of {@code files}, on this thread: a file
   * started early is taken as it is, the others are loaded now, at most a window of them ahead.
   */
  void forEachOrdered(List<SourceFile> files, Consumer<LoadedFile> sink) {
    Parallel.forEachOrdered(files, f -> started.remove(f.relativePath()), load, sink, pool, window);
  }

  /** Stops the workers; loads the walk started for files the run then left out are dropped. */
  @Override
  public void close() {
    pool.shutdownNow();
    started.clear();
  }
}
