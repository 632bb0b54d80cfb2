package dev.iamlint.core.engine;

import dev.iamlint.core.LintException;
import dev.iamlint.core.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one root of a run: every path in every report is relative to it, its {@code .iam-lint.yaml}
 * is the configuration, and the whole tree under it is the context of workspace rules. So the
 * same finding has the same path, fingerprint and suppression whether the run named the
 * repository, a folder of it, staged files (pre-commit) or a Maven module.
 *
 * <p>In order: the explicit root ({@code --root}, Maven {@code rootDirectory}); the nearest
 * ancestor of the start directory (inclusive) holding {@code .iam-lint.yaml}; the top of the git
 * work tree; the start directory itself. When the targets lie outside the root so found (a
 * command run in one repository on another one's files), the root is looked up the same way from
 * the first target instead.
 */
public final class RepositoryRoot {

  private RepositoryRoot() {}

  /** The root for targets: from {@code start}, or from the first target when they lie outside it. */
  public static Path find(Path start, Path explicit, java.util.List<Path> targets) {
    Path root = find(start, explicit);
    if (explicit != null || targets.isEmpty()) return root;
    Path from = start.toAbsolutePath().normalize();
    boolean outside = false;
    for (Path t : targets) {
      if (!from.resolve(t).toAbsolutePath().normalize().startsWith(root)) outside = true;
    }
    if (!outside) return root;
    Path first = from.resolve(targets.get(0)).toAbsolutePath().normalize();
    Path dir = Files.isDirectory(first) ? first : first.getParent();
    return dir == null ? root : find(dir, null);
  }

  /**
   * @param start where the command runs (CLI: the current directory; Maven: the top-level
   *     project's directory)
   * @param explicit the root given by the user, or null
   */
  public static Path find(Path start, Path explicit) {
    Path from = start.toAbsolutePath().normalize();
    if (explicit != null) {
      Path r = from.resolve(explicit).toAbsolutePath().normalize();
      if (!Files.isDirectory(r)) throw new LintException("the root is not a directory: " + explicit);
      return r;
    }
    for (Path d = from; d != null; d = d.getParent()) {
      for (String name : ConfigLoader.FILE_NAMES) {
        if (Files.isRegularFile(d.resolve(name))) return d;
      }
    }
    for (Path d = from; d != null; d = d.getParent()) {
      // .git is a folder in a clone and a file in a worktree or submodule.
      if (Files.exists(d.resolve(".git"))) return d;
    }
    return from;
  }
}
