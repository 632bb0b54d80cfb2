package dev.iamlint.core.config;

import dev.iamlint.core.LintException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Glob matching on '/'-separated relative paths, as users write them in {@code .iam-lint.yaml}:
 * {@code **}/ also matches zero directories ({@code **}/*.json matches {@code a.json}), and a
 * pattern ending in {@code /**} matches everything below that folder.
 */
public final class Globs {

  private final List<PathMatcher> matchers;

  private Globs(List<PathMatcher> matchers) {
    this.matchers = matchers;
  }

  public static Globs of(List<String> patterns) {
    List<PathMatcher> out = new ArrayList<>();
    for (String p : patterns) {
      String pat = p.startsWith("./") ? p.substring(2) : p;
      add(out, pat);
      if (pat.startsWith("**/")) add(out, pat.substring(3));
      if (pat.endsWith("/**")) add(out, pat.substring(0, pat.length() - 3));
      if (!pat.contains("/") && !pat.startsWith("**")) add(out, "**/" + pat);
    }
    return new Globs(List.copyOf(out));
  }

  private static void add(List<PathMatcher> out, String pattern) {
    if (pattern.isEmpty()) return;
    try {
      out.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
    } catch (IllegalArgumentException e) {
      throw new LintException("invalid glob '" + pattern + "': " + e.getMessage());
    }
  }

  public boolean isEmpty() {
    return matchers.isEmpty();
  }

  /** True when a relative path ('/'-separated) matches one of the patterns. */
  public boolean matches(String relativePath) {
    if (matchers.isEmpty()) return false;
    Path p = Path.of(relativePath);
    for (PathMatcher m : matchers) {
      if (m.matches(p)) return true;
    }
    return false;
  }
}
