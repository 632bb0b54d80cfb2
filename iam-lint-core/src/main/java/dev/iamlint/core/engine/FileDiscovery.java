package dev.iamlint.core.engine;

import dev.iamlint.core.config.Globs;
import dev.iamlint.core.LintException;
import dev.iamlint.core.Level;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the files of a run: explicit files always, directories walked with include/exclude
 * globs. Never leaves the root: symbolic links are followed only when their target is inside the
 * root (so a link cannot make iam-lint read outside the tree it was given), and link loops are
 * reported, not followed forever. Build and VCS folders are skipped.
 */
final class FileDiscovery {

  /** Folders never walked into. */
  static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules", ".git", ".hg", ".svn", ".terraform", "cdk.out", ".idea");

  private final Path root;
  private final Path realRoot;
  /** The root made absolute once: {@link #relative} runs for every file and directory. */
  private final Path absoluteRoot;
  private final Globs include;
  private final Globs exclude;
  private final List<Notification> notifications = new ArrayList<>();
  private final Map<Path, SourceFile> found = new LinkedHashMap<>();

  FileDiscovery(Path root, Globs include, Globs exclude) {
    this.root = root;
    this.include = include;
    this.exclude = exclude;
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      real = root;
    }
    this.realRoot = real;
    this.absoluteRoot = root.toAbsolutePath().normalize();
  }

  List<Notification> notifications() {
    return notifications;
  }

  List<SourceFile> files() {
    return new ArrayList<>(found.values());
  }

  /** Adds a path given by the user; files are taken whatever their name. */
  void addPath(Path path) {
    Path p = path.isAbsolute() ? path.normalize() : root.resolve(path).normalize();
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
      throw new LintException("no such file or directory: " + path);
    }
    if (Files.isDirectory(p)) {
      walk(p);
    } else {
      String rel = relative(p);
      Format f = Format.of(p.getFileName().toString(), head(p));
      if (f == null) f = sniff(p);
      found.putIfAbsent(p, new SourceFile(p, rel, f));
    }
  }

  private void walk(Path dir) {
    try {
      Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (!d.equals(dir) && SKIPPED_DIRS.contains(d.getFileName().toString())) return FileVisitResult.SKIP_SUBTREE;
          if (!insideRoot(d)) {
            notifications.add(new Notification(Level.WARNING,
                "not following symbolic link out of the linted tree: " + relative(d), relative(d)));
            return FileVisitResult.SKIP_SUBTREE;
          }
          String rel = relative(d);
          if (!d.equals(dir) && !rel.isEmpty() && exclude.matches(rel)) return FileVisitResult.SKIP_SUBTREE;
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          if (!attrs.isRegularFile()) return FileVisitResult.CONTINUE;
          String rel = relative(f);
          if (!include.matches(rel) || exclude.matches(rel)) return FileVisitResult.CONTINUE;
          // Its directory was checked on the way in, so only a file that is itself a link can
          // lead out (resolving every file's real path was most of the walk's time).
          if (Files.isSymbolicLink(f) && !insideRoot(f)) {
            notifications.add(new Notification(Level.WARNING,
                "not following symbolic link out of the linted tree: " + rel, rel));
            return FileVisitResult.CONTINUE;
          }
          Format fmt = Format.of(f.getFileName().toString(), head(f));
          if (fmt == null) fmt = sniff(f);
          found.putIfAbsent(f, new SourceFile(f, rel, fmt));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          String rel = relative(f);
          String why = e instanceof FileSystemLoopException ? "symbolic link loop, not followed"
              : e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
          notifications.add(new Notification(Level.WARNING, "cannot read " + rel + ": " + why, rel));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      notifications.add(new Notification(Level.ERROR, "cannot walk " + relative(dir) + ": " + e.getMessage(), relative(dir)));
    }
  }

  private boolean insideRoot(Path p) {
    try {
      return p.toRealPath().startsWith(realRoot);
    } catch (IOException e) {
      return true; // unreadable: let the reader report it
    }
  }

  String relative(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    String s = abs.startsWith(absoluteRoot) ? absoluteRoot.relativize(abs).toString() : abs.toString();
    return s.replace('\\', '/');
  }

  /** The first bytes of a file, to tell JSON from YAML in {@code .template} files. */
  private static String head(Path p) {
    if (!p.getFileName().toString().endsWith(".template")) return null;
    try (var in = Files.newInputStream(p)) {
      return new String(in.readNBytes(256), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Format sniff(Path p) {
    try (var in = Files.newInputStream(p)) {
      byte[] b = in.readNBytes(256);
      for (byte c : b) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == (byte) 0xEF || c == (byte) 0xBB || c == (byte) 0xBF) continue;
        return c == '{' || c == '[' ? Format.JSON : Format.YAML;
      }
    } catch (IOException | RuntimeException e) {
      return Format.JSON;
    }
    return Format.JSON;
  }
}
