package dev.iamlint.core.engine;

import dev.iamlint.core.LintException;
import dev.iamlint.core.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one root of a run: every path in every report is relative to it, its {@code .iam-lint.yaml}
 * is the configuration, and the whole tree under it is the context of workspace rules. So the
 * same finding has the same path, fingerprint and suppression whether the run named the
 * repository, a folder of it, staged files (pre-commit) or a Maven module.
 *
 * <p>The root is the explicit one ({@code --root}, Maven {@code rootDirectory}) if given.
 * Otherwise it is looked up from where the targets are (from the current directory when there are
 * none): the nearest ancestor holding {@code .iam-lint.yaml}; else the top of the git work tree;
 * else the current directory, when the targets are inside it, or the target's own directory. The
 * targets decide rather than the current directory so that a repository inside another one (the
 * bundled example inside iam-lint's own tree, a project of a monorepo with its own
 * {@code .iam-lint.yaml}) is linted with its own configuration and context.
 */
public final class RepositoryRoot {

  private RepositoryRoot() {}

  /**
   * @param cwd where the command runs (Maven: where the build started)
   * @param explicit the root given by the user (relative to {@code cwd}), or null
   * @param targets the PATH arguments (relative to {@code cwd}); may be empty
   * @throws LintException when the explicit root is no directory, or targets lie under different roots
   */
  public static Path find(Path cwd, Path explicit, List<Path> targets) {
    Path from = cwd.toAbsolutePath().normalize();
    if (explicit != null) {
      Path r = from.resolve(explicit).toAbsolutePath().normalize();
      if (!Files.isDirectory(r)) throw new LintException("the root is not a directory: " + explicit);
      return r;
    }
    if (targets.isEmpty()) return lookUp(from, from);
    Set<Path> roots = new LinkedHashSet<>();
    for (Path t : targets) {
      Path abs = from.resolve(t).toAbsolutePath().normalize();
      Path dir = Files.isDirectory(abs) || abs.getParent() == null ? abs : abs.getParent();
      roots.add(lookUp(dir, abs.startsWith(from) ? from : dir));
    }
    if (roots.size() == 1) return roots.iterator().next();
    Path common = lookUp(from, from);
    for (Path t : targets) {
      if (!from.resolve(t).toAbsolutePath().normalize().startsWith(common)) {
        throw new LintException("the paths belong to different repository roots (" + roots + "); lint them separately "
            + "or pass --root");
      }
    }
    return common;
  }

  /** The root for the current directory alone. */
  public static Path find(Path cwd, Path explicit) {
    return find(cwd, explicit, List.of());
  }

  /** From {@code dir} upward: a configuration, else the git work-tree top, else {@code fallback}. */
  private static Path lookUp(Path dir, Path fallback) {
    for (Path d = dir; d != null; d = d.getParent()) {
      for (String name : ConfigLoader.FILE_NAMES) {
        if (Files.isRegularFile(d.resolve(name))) return d;
      }
    }
    for (Path d = dir; d != null; d = d.getParent()) {
      // .git is a folder in a clone and a file in a worktree or submodule.
      if (Files.exists(d.resolve(".git"))) return d;
    }
    return fallback;
  }
}
