package dev.iamlint.core.engine;

import dev.iamlint.core.config.Globs;
import dev.iamlint.core.LintException;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The files of a run: every file under the root that the include/exclude globs admit (the
 * context), and among them the targets — what the PATH arguments name (all of them when none).
 * Files named explicitly are targets even when no include glob matches them.
 */
final class RunFiles {

  private final List<SourceFile> all;
  private final Set<String> targets;
  /** The configuration file's path when it is a target (its findings, e.g. of the organization section, are reported). */
  private final String targetConfig;

  private RunFiles(List<SourceFile> all, Set<String> targets, String targetConfig) {
    this.all = all;
    this.targets = targets;
    this.targetConfig = targetConfig;
  }

  static RunFiles discover(Path root, LintRequest request, Config config, Path configPath, List<Notification> notes) {
    return discover(root, request, config, configPath, notes, f -> { });
  }

  /** {@link #discover} telling {@code onFound} of each file of the repository's walk as it is found. */
  static RunFiles discover(Path root, LintRequest request, Config config, Path configPath, List<Notification> notes,
      Consumer<SourceFile> onFound) {
    List<String> includes = !request.includes().isEmpty() ? request.includes()
        : !config.include().isEmpty() ? config.include() : Config.DEFAULT_INCLUDE;
    List<String> excludes = new ArrayList<>(config.exclude());
    excludes.addAll(request.excludes());
    Globs include = Globs.of(includes);
    Globs exclude = Globs.of(excludes);
    Path configAbs = configPath == null ? null : configPath.toAbsolutePath().normalize();

    FileDiscovery context = new FileDiscovery(root, include, exclude, onFound);
    context.addPath(root);
    notes.addAll(context.notifications());
    Map<String, SourceFile> byPath = new LinkedHashMap<>();
    for (SourceFile f : context.files()) byPath.put(f.relativePath(), f);

    Set<String> targets = new HashSet<>();
    if (request.paths().isEmpty()) {
      targets.addAll(byPath.keySet());
    } else {
      FileDiscovery named = new FileDiscovery(root, include, exclude);
      for (Path p : request.paths()) {
        Path abs = root.resolve(p).toAbsolutePath().normalize();
        if (!abs.startsWith(root)) {
          throw new LintException(p + " is outside the repository root " + root
              + "; run from inside the repository or pass --root");
        }
        named.addPath(abs);
      }
      for (SourceFile f : named.files()) {
        byPath.putIfAbsent(f.relativePath(), f);
        targets.add(f.relativePath());
      }
    }
    for (Path dir : request.excludedTargets()) {
      Path abs = root.resolve(dir).toAbsolutePath().normalize();
      if (abs.equals(root) || !abs.startsWith(root)) continue;
      String prefix = root.relativize(abs).toString().replace('\\', '/') + "/";
      targets.removeIf(t -> t.startsWith(prefix));
    }
    String targetConfig = null;
    if (configAbs != null) {
      String rel = configAbs.startsWith(root) ? root.relativize(configAbs).toString().replace('\\', '/') : null;
      if (rel != null && (request.paths().isEmpty() || targets.contains(rel))) targetConfig = rel;
      byPath.values().removeIf(f -> f.path().toAbsolutePath().normalize().equals(configAbs));
    }
    targets.retainAll(byPath.keySet());
    List<SourceFile> sorted = new ArrayList<>(byPath.values());
    sorted.sort(Comparator.comparing(SourceFile::relativePath));
    return new RunFiles(List.copyOf(sorted), Set.copyOf(targets), targetConfig);
  }

  /** Every file of the repository that the globs admit, targets included, sorted by path. */
  List<SourceFile> all() {
    return all;
  }

  boolean isTarget(SourceFile f) {
    return targets.contains(f.relativePath());
  }

  boolean isTargetPath(String relativePath) {
    return targets.contains(relativePath) || relativePath.equals(targetConfig);
  }

  int targetCount() {
    return targets.size();
  }
}
