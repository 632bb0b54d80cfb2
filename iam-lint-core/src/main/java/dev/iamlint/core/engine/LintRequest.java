package dev.iamlint.core.engine;

import dev.iamlint.core.config.FailLevel;
import dev.iamlint.core.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to lint and how. Built by the CLI and the Maven goal from their options; every field
 * mirrors one user-settable option, and null / empty means "not set: use the configuration file,
 * then the default".
 *
 * @param root the repository root (see {@link RepositoryRoot}): findings are reported relative to
 *     it, {@code .iam-lint.yaml} is looked up in it (SARIF's %SRCROOT%), and every file under it is
 *     the context of workspace rules
 * @param paths the targets: files and directories whose findings are reported; relative paths
 *     resolve against {@code root}; empty means every file under the root. Files named here are
 *     linted even if no include glob matches them
 * @param configFile an explicit configuration file, or null to use {@code root/.iam-lint.yaml}
 *     if it exists
 * @param includes include globs (override the configuration's), empty for the configuration's
 * @param excludes exclude globs, added to the configuration's
 * @param failLevel overrides the configuration's failLevel, or null
 * @param now the clock for time-window rules, or null (configuration, then real time)
 * @param catalogFile a newer generated IAM catalogue, or null for the bundled one
 * @param ruleLevels per-rule level overrides by id or name ("off" disables), applied after the
 *     configuration's
 * @param threads worker threads for loading and checking; 0 means one per available processor
 * @param excludedTargets folders whose files are context but not targets (a Maven parent's
 *     modules, which report their own files)
 * @param category the run's category (SARIF {@code automationDetails.id}), or null for "iam-lint"
 * @param plugins rule jars to load (CLI: --plugin), added to the configuration's {@code plugins:};
 *     relative paths resolve against {@code root}
 * @param cacheDir where parsed trees of the repository's context files are kept between runs
 *     (see {@link dev.iamlint.core.source.TreeCache}), or null for no cache
 */
public record LintRequest(
    Path root,
    List<Path> paths,
    Path configFile,
    List<String> includes,
    List<String> excludes,
    FailLevel failLevel,
    Instant now,
    Path catalogFile,
    Map<String, String> ruleLevels,
    int threads,
    List<Path> excludedTargets,
    String category,
    List<Path> plugins,
    Path cacheDir) {

  public LintRequest {
    plugins = List.copyOf(plugins);
    Objects.requireNonNull(root, "root");
    paths = List.copyOf(paths);
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
    ruleLevels = Map.copyOf(ruleLevels);
    excludedTargets = List.copyOf(excludedTargets);
  }

  /** A request for one root with every option at its default. */
  public static LintRequest of(Path root) {
    return new LintRequest(root, List.of(), null, List.of(), List.of(), null, null, null, Map.of(), 0, List.of(), null,
        List.of(), null);
  }

  public LintRequest withPaths(List<Path> p) {
    return new LintRequest(root, p, configFile, includes, excludes, failLevel, now, catalogFile, ruleLevels, threads, excludedTargets, category, plugins, cacheDir);
  }

  public LintRequest withConfigFile(Path f) {
    return new LintRequest(root, paths, f, includes, excludes, failLevel, now, catalogFile, ruleLevels, threads, excludedTargets, category, plugins, cacheDir);
  }

  public LintRequest withIncludes(List<String> i) {
    return new LintRequest(root, paths, configFile, i, excludes, failLevel, now, catalogFile, ruleLevels, threads, excludedTargets, category, plugins, cacheDir);
  }

  public LintRequest withExcludes(List<String> e) {
    return new LintRequest(root, paths, configFile, includes, e, failLevel, now, catalogFile, ruleLevels, threads, excludedTargets, category, plugins, cacheDir);
  }

  public LintRequest withFailLevel(FailLevel l) {
    return new LintRequest(root, paths, configFile, includes, excludes, l, now, catalogFile, ruleLevels, threads, excludedTargets, category, plugins, cacheDir);
  }

  public LintRequest withNow(Instant n) {
    return new LintRequest(root, paths, configFile, includes, excludes, failLevel, n, catalogFile, ruleLevels, threads, excludedTargets, category, plugins, cacheDir);
  }

  public LintRequest withCatalogFile(Path c) {
    return new LintRequest(root, paths, configFile, includes, excludes, failLevel, now, c, ruleLevels, threads, excludedTargets, category, plugins, cacheDir);
  }

  public LintRequest withRuleLevels(Map<String, String> r) {
    return new LintRequest(root, paths, configFile, includes, excludes, failLevel, now, catalogFile, r, threads, excludedTargets, category, plugins, cacheDir);
  }

  public LintRequest withExcludedTargets(List<Path> dirs) {
    return new LintRequest(root, paths, configFile, includes, excludes, failLevel, now, catalogFile, ruleLevels, threads, dirs, category, plugins, cacheDir);
  }

  public LintRequest withCategory(String c) {
    return new LintRequest(root, paths, configFile, includes, excludes, failLevel, now, catalogFile, ruleLevels, threads, excludedTargets, c, plugins, cacheDir);
  }

  public LintRequest withPlugins(List<Path> jars) {
    return new LintRequest(root, paths, configFile, includes, excludes, failLevel, now, catalogFile, ruleLevels, threads, excludedTargets, category, jars, cacheDir);
  }

  public LintRequest withCacheDir(Path dir) {
    return new LintRequest(root, paths, configFile, includes, excludes, failLevel, now, catalogFile, ruleLevels, threads, excludedTargets, category, plugins, dir);
  }

  public LintRequest withThreads(int t) {
    return new LintRequest(root, paths, configFile, includes, excludes, failLevel, now, catalogFile, ruleLevels, t, excludedTargets, category, plugins, cacheDir);
  }
}
