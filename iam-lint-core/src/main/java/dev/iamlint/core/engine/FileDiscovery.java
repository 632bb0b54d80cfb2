package dev.iamlint.core.engine;

import dev.iamlint.core.config.Globs;
import dev.iamlint.core.LintException;
import dev.iamlint.core.Level;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
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
import java.util.function.Consumer;

/**
 * Finds the files of a run: explicit files always, directories walked with include/exclude
 * globs. Never leaves the root: symbolic links are followed only when their target is inside the
 * root (so a link cannot make iam-lint read outside the tree it was given), and link loops are
 * reported, not followed forever. Build and VCS folders are skipped.
 */
final class FileDiscovery {

  /**
   * Folders not walked into unless an include glob names them ({@link Globs#namesFolder}) or the
   * run names them as a PATH: build outputs, dependencies, version control.
   */
  static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules", ".git", ".hg", ".svn", ".terraform", "cdk.out", ".idea");

  /** The AWS CDK's output folder: generated CloudFormation, access as code, so its skip is said (with --verbose). */
  private static final String CDK_OUT = "cdk.out";

  private final Path root;
  private final Path realRoot;
  /** The root made absolute once: {@link #relative} runs for every file and directory. */
  private final Path absoluteRoot;
  private final Globs include;
  private final Globs exclude;
  private final List<Notification> notifications = new ArrayList<>();
  private final Map<Path, SourceFile> found = new LinkedHashMap<>();

  /** Told of each file as the walk finds it (phase 1 starts loading while the walk goes on). */
  private final Consumer<SourceFile> onFound;

  FileDiscovery(Path root, Globs include, Globs exclude) {
    this(root, include, exclude, f -> { });
  }

  FileDiscovery(Path root, Globs include, Globs exclude, Consumer<SourceFile> onFound) {
    this.onFound = onFound;
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
    if (!insideRoot(dir)) {
      outOfTree(relative(dir));
      return;
    }
    // A directory named by a link is walked under the link's name, like any other it names.
    walkTree(Files.isSymbolicLink(dir) ? dir.resolve(".") : dir, List.of());
  }

  /**
   * Walks a tree without following links, so that a plain file costs one {@code stat} (following
   * them, and then asking each file whether it was a link, was two, and system calls were half the
   * walk's time); a link met on the way is resolved where it is met ({@link #visitLink}).
   *
   * @param positions where the links that led here sit in the real tree (their directories' real
   *     paths, outermost first), to tell a loop
   */
  private void walkTree(Path start, List<Path> positions) {
    try {
      Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (d.equals(start)) return FileVisitResult.CONTINUE;
          String name = d.getFileName().toString();
          String rel = relative(d);
          if (SKIPPED_DIRS.contains(name) && !include.namesFolder(name)) {
            if (name.equals(CDK_OUT)) {
              notifications.add(new Notification(Level.NOTE, "skipped " + rel + "/: the CloudFormation templates the AWS CDK "
                  + "synthesizes (a build output); to lint them, name the folder as a PATH or include it by name, e.g. --include '"
                  + rel + "/**/*.template.json'", rel));
            }
            return FileVisitResult.SKIP_SUBTREE;
          }
          return !rel.isEmpty() && exclude.matches(rel) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          if (attrs.isSymbolicLink()) {
            visitLink(f, positions);
          } else if (attrs.isRegularFile()) {
            String rel = relative(f);
            if (include.matches(rel) && !exclude.matches(rel)) add(f, rel);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          String rel = relative(f);
          String why = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
          notifications.add(new Notification(Level.WARNING, "cannot read " + rel + ": " + why, rel));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      notifications.add(new Notification(Level.ERROR, "cannot walk " + relative(start) + ": " + e.getMessage(), relative(start)));
    }
  }

  /**
   * A symbolic link: followed when its target is inside the root (a file is taken under the
   * link's name, a directory walked under it), reported when it leads out of the root or back
   * into a directory that encloses it (a loop), skipped when it leads nowhere.
   */
  private void visitLink(Path link, List<Path> positions) {
    String rel = relative(link);
    Path target;
    BasicFileAttributes attrs;
    try {
      target = link.toRealPath();
      attrs = Files.readAttributes(target, BasicFileAttributes.class);
    } catch (IOException | SecurityException e) {
      return; // a dangling link: nothing to read
    }
    boolean inside = target.startsWith(realRoot);
    // The same order of tests as for a plain file or directory: a link whose name the walk would
    // skip says nothing, wherever it leads.
    if (attrs.isRegularFile()) {
      if (!include.matches(rel) || exclude.matches(rel)) return;
      if (inside) add(link, rel);
      else outOfTree(rel);
      return;
    }
    if (!attrs.isDirectory() || SKIPPED_DIRS.contains(link.getFileName().toString())) return;
    if (!inside) {
      outOfTree(rel);
      return;
    }
    if (exclude.matches(rel)) return;
    List<Path> here = new ArrayList<>(positions);
    try {
      here.add(link.toAbsolutePath().getParent().toRealPath());
    } catch (IOException | SecurityException e) {
      return;
    }
    for (Path p : here) {
      if (p.startsWith(target)) {
        notifications.add(new Notification(Level.WARNING, "cannot read " + rel + ": symbolic link loop, not followed", rel));
        return;
      }
    }
    // "link/." is the directory the link names, walked under the link's own path.
    walkTree(link.resolve("."), List.copyOf(here));
  }

  private void outOfTree(String rel) {
    notifications.add(new Notification(Level.WARNING, "not following symbolic link out of the linted tree: " + rel, rel));
  }

  private void add(Path f, String rel) {
    Path p = f.normalize();
    Format fmt = Format.of(p.getFileName().toString(), head(p));
    if (fmt == null) fmt = sniff(p);
    SourceFile file = new SourceFile(p, rel, fmt);
    if (found.putIfAbsent(p, file) == null) onFound.accept(file);
  }

  private boolean insideRoot(Path p) {
    try {
      return p.toRealPath().startsWith(realRoot);
    } catch (IOException e) {
      return true; // unreadable: let the reader report it
    }
  }

  String relative(Path p) {
    // The walk's paths are the root's text and the names below it: cut the text (relativize
    // compares every name and looks for dots, ~5 µs a file on a fresh JVM). Anything else, and any
    // path with a name starting with a dot ("..", ".", or only a dotfile), takes the general way.
    String text = p.toString();
    String rootText = absoluteRoot.toString();
    char sep = p.getFileSystem().getSeparator().charAt(0);
    if (text.length() > rootText.length() + 1 && text.startsWith(rootText) && text.charAt(rootText.length()) == sep
        && text.indexOf(sep + ".", rootText.length()) < 0 && !rootText.endsWith(String.valueOf(sep))) {
      return text.substring(rootText.length() + 1).replace('\\', '/');
    }
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
