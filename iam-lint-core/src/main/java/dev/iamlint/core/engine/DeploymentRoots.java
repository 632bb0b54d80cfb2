package dev.iamlint.core.engine;

import dev.iamlint.core.format.Formats;
import dev.iamlint.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The deployments of a run: the folders a format makes deployment roots (see
 * {@link dev.iamlint.core.format.InputFormat#rootsDeployment}), when the repository holds more
 * than one. Each file belongs to the deepest root above it; files under none belong to the
 * repository's own deployment, {@code ""}. With one root or none the whole run is one deployment,
 * as a repository of one landing zone and its other files always was.
 */
final class DeploymentRoots {

  /** Root folders but the repository's own, relative to the lint root, each ending in '/'. */
  private final List<String> roots;

  private DeploymentRoots(List<String> roots) {
    this.roots = roots;
  }

  static DeploymentRoots of(List<SourceFile> files) {
    TreeSet<String> found = new TreeSet<>();
    for (SourceFile f : files) {
      String rel = f.relativePath();
      int slash = rel.lastIndexOf('/');
      if (Formats.rootsDeployment(f)) found.add(rel.substring(0, slash + 1));
    }
    if (found.size() < 2) return new DeploymentRoots(List.of());
    // A root in the repository's own folder is the default deployment, the one of files under no
    // other root.
    found.remove("");
    return new DeploymentRoots(new ArrayList<>(found));
  }

  /** The deployments' folders but the repository's own, in path order. */
  List<String> folders() {
    return roots;
  }

  /** Whether the run has more than one deployment. */
  boolean several() {
    return !roots.isEmpty();
  }

  /** The deployment a file belongs to: its root folder ({@code "lz/prod/"}), or {@code ""}. */
  String of(String relativePath) {
    String best = "";
    for (String r : roots) {
      if (relativePath.startsWith(r) && r.length() > best.length()) best = r;
    }
    return best;
  }
}
