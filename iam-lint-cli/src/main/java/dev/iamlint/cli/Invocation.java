package dev.iamlint.cli;

import dev.iamlint.core.source.TreeCache;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a command runs: the caller's working directory, environment and whether its standard
 * output is a terminal. A command reads these from here, never from the JVM, so that the
 * {@linkplain Daemon daemon} can run a command for a client in another directory with another
 * environment and give the same answer the client would have given itself.
 *
 * @param cwd the caller's working directory, absolute
 * @param env the caller's environment: the {@link #VARIABLES} it sets
 * @param terminal whether the caller's standard output is a terminal (colours)
 */
record Invocation(Path cwd, Map<String, String> env, boolean terminal) {

  Invocation {
    if (!cwd.isAbsolute()) throw new IllegalArgumentException("not absolute: " + cwd);
    cwd = cwd.normalize();
    env = Map.copyOf(env);
  }

  /**
   * The environment variables iam-lint reads: colours, the parse cache's directory, the daemon.
   * Only these are kept, so a daemon client hands over no more of its environment (tokens, keys)
   * than the run needs.
   */
  static final List<String> VARIABLES = List.of(
      "NO_COLOR", "TERM", "IAMLINT_CACHE_DIR", "XDG_CACHE_HOME", "LOCALAPPDATA", "IAMLINT_DAEMON", "XDG_RUNTIME_DIR");

  /** This process's. */
  static Invocation current() {
    Map<String, String> env = new HashMap<>();
    for (String name : VARIABLES) {
      String value = System.getenv(name);
      if (value != null) env.put(name, value);
    }
    return new Invocation(Path.of("").toAbsolutePath(), env, System.console() != null);
  }

  /** The user's parse cache directory as the caller's environment names it ({@link TreeCache#userDirectory()}). */
  Path cacheDirectory() {
    return TreeCache.userDirectory(env, System.getProperty("user.home"), System.getProperty("os.name"));
  }

  /** A path as the caller typed it, resolved against the caller's directory. */
  Path resolve(Path typed) {
    return cwd.resolve(typed).normalize();
  }
}
