package dev.iamlint.core.config;

import dev.iamlint.core.LintException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Glob matching on '/'-separated relative paths, as users write them in {@code .iam-lint.yaml}:
 * {@code **}/ also matches zero directories ({@code **}/*.json matches {@code a.json}), and a
 * pattern ending in {@code /**} matches everything below that folder.
 *
 * <p>The file system's glob matcher decides, except for the shapes nearly every configuration and
 * the defaults use ({@code **}/*.json, *.yaml, {@code build/**}, a plain name), which are compared
 * as strings with the same result: the walk tests every file of the repository against every
 * pattern, and a regular expression per pattern and file cost a one-file run ~10 ms.
 */
public final class Globs {

  /** One pattern: a string test when its shape allows one, else the file system's matcher. */
  private interface Matcher {
    boolean matches(String path, Path parsed);
  }

  private final List<Matcher> matchers;
  private final boolean needsPath;
  /** Every folder name the patterns write out literally ({@code cdk.out} of {@code cdk.out/*.json}). */
  private final Set<String> literalFolders;

  private Globs(List<Matcher> matchers, Set<String> literalFolders) {
    this.matchers = matchers;
    this.needsPath = matchers.stream().anyMatch(m -> m instanceof Fallback);
    this.literalFolders = literalFolders;
  }

  public static Globs of(List<String> patterns) {
    List<Matcher> out = new ArrayList<>();
    Set<String> folders = new HashSet<>();
    boolean unix = FileSystems.getDefault().getSeparator().equals("/");
    for (String p : patterns) {
      String pat = p.startsWith("./") ? p.substring(2) : p;
      String[] segments = pat.split("/");
      for (int i = 0; i < segments.length - 1; i++) {
        if (!segments[i].isEmpty() && segments[i].chars().noneMatch(c -> "*?[]{}\\".indexOf(c) >= 0)) folders.add(segments[i]);
      }
      List<String> variants = new ArrayList<>(List.of(pat));
      if (pat.startsWith("**/")) variants.add(pat.substring(3));
      if (pat.endsWith("/**")) variants.add(pat.substring(0, pat.length() - 3));
      if (!pat.contains("/") && !pat.startsWith("**")) variants.add("**/" + pat);
      // "a/**/b" also matches "a/b", as in .gitignore (the file system's glob wants a folder between).
      for (String v : List.copyOf(variants)) {
        if (v.contains("/**/")) variants.add(v.replace("/**/", "/"));
      }
      for (String v : variants) add(out, v, unix);
    }
    return new Globs(List.copyOf(out), Set.copyOf(folders));
  }

  /**
   * Whether a pattern writes this folder name out as one of its folders ({@code cdk.out} for
   * {@code cdk.out/*.template.json} or {@code infra/cdk.out/**}): a folder the walk skips by
   * default is walked when an include names it so.
   */
  public boolean namesFolder(String name) {
    return literalFolders.contains(name);
  }

  private static void add(List<Matcher> out, String pattern, boolean unix) {
    if (pattern.isEmpty()) return;
    PathMatcher m;
    try {
      m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    } catch (IllegalArgumentException e) {
      throw new LintException("invalid glob '" + pattern + "': " + e.getMessage());
    }
    // Windows' matcher ignores case and takes either separator: only its own answer is right there.
    Matcher fast = unix ? Shape.of(pattern) : null;
    out.add(fast != null ? fast : new Fallback(m));
  }

  public boolean isEmpty() {
    return matchers.isEmpty();
  }

  /** True when a relative path ('/'-separated) matches one of the patterns. */
  public boolean matches(String relativePath) {
    if (matchers.isEmpty()) return false;
    // The file system's matcher sees the path as Path.of prints it (no doubled or trailing '/');
    // string tests need the same text.
    boolean plain = !relativePath.contains("//") && !relativePath.endsWith("/");
    Path p = needsPath || !plain ? Path.of(relativePath) : null;
    String s = plain ? relativePath : p.toString();
    for (Matcher m : matchers) {
      if (m.matches(s, p)) return true;
    }
    return false;
  }

  private record Fallback(PathMatcher matcher) implements Matcher {
    @Override
    public boolean matches(String path, Path parsed) {
      return matcher.matches(parsed != null ? parsed : Path.of(path));
    }
  }

  /**
   * The string-testable shapes, with the JDK's glob semantics ('*' never crosses '/', '**' does):
   * {@code *SUFFIX} (a name without '/'), {@code **}/*SUFFIX (a path with at least one '/' whose
   * last name ends so), {@code PREFIX/**} (below a literal folder) and a literal path.
   */
  private record Shape(Kind kind, String literal) implements Matcher {
    enum Kind { NAME_SUFFIX, NESTED_NAME_SUFFIX, BELOW, EQUALS }

    static Shape of(String pattern) {
      if (pattern.startsWith("**/*") && literal(pattern.substring(4)) && !pattern.substring(4).contains("/")) {
        return new Shape(Kind.NESTED_NAME_SUFFIX, pattern.substring(4));
      }
      if (pattern.startsWith("*") && literal(pattern.substring(1)) && !pattern.substring(1).contains("/")) {
        return new Shape(Kind.NAME_SUFFIX, pattern.substring(1));
      }
      if (pattern.endsWith("/**") && literal(pattern.substring(0, pattern.length() - 3))) {
        String prefix = pattern.substring(0, pattern.length() - 3);
        return plainPath(prefix) ? new Shape(Kind.BELOW, prefix + "/") : null;
      }
      return literal(pattern) && plainPath(pattern) ? new Shape(Kind.EQUALS, pattern) : null;
    }

    /** No glob syntax at all (a backslash escapes, a comma matters inside braces: both left out). */
    private static boolean literal(String s) {
      for (int i = 0; i < s.length(); i++) {
        if ("*?[]{}\\,".indexOf(s.charAt(i)) >= 0) return false;
      }
      return true;
    }

    /** A path as Path.of would print it: not empty, no leading, doubled or trailing '/'. */
    private static boolean plainPath(String s) {
      return !s.isEmpty() && !s.startsWith("/") && !s.endsWith("/") && !s.contains("//");
    }

    @Override
    public boolean matches(String path, Path parsed) {
      return switch (kind) {
        case NAME_SUFFIX -> path.endsWith(literal) && path.indexOf('/') < 0;
        // the suffix holds no '/', so a path ending with it ends so in its last name
        case NESTED_NAME_SUFFIX -> path.endsWith(literal) && path.indexOf('/') >= 0;
        case BELOW -> path.startsWith(literal);
        case EQUALS -> path.equals(literal);
      };
    }
  }
}
