package dev.iamlint.core.custom;

import dev.iamlint.core.LintException;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Loads the rules of rule jars ({@code --plugin}, {@code plugins:}) with their own class loader
 * and {@link ServiceLoader}, so they work wherever iam-lint runs with {@code java -jar} (the
 * launcher, the pre-commit hook) as well as in the Maven goal.
 */
public final class RuleJars {

  /** The ServiceLoader file a rule jar registers its rules in. */
  public static final String SERVICES = "META-INF/services/" + Rule.class.getName();

  private RuleJars() {}

  /**
   * A jar to load.
   *
   * @param file the jar, absolute
   * @param origin where it was named, for messages ({@code --plugin}, {@code .iam-lint.yaml:12:5})
   */
  public record Jar(Path file, String origin) {}

  /**
   * The rules of the jars. A jar's rules whose classes the parent loader already has (the same jar
   * in the Maven plugin's dependencies as well) are not loaded twice.
   *
   * @param parent the class loader of iam-lint itself (the rules' API comes from it)
   * @param alreadyLoaded class names of the rules the run has without these jars
   * @throws LintException for a missing or unreadable jar, a jar without rules, or a rule that
   *     cannot be made or has an id or name it may not have
   */
  public static List<Rule> load(List<Jar> jars, ClassLoader parent, Set<String> alreadyLoaded) {
    if (jars.isEmpty()) return List.of();
    List<URL> urls = new ArrayList<>();
    for (Jar j : jars) {
      if (!Files.isRegularFile(j.file())) {
        throw new LintException(j.origin() + ": rule jar not found: " + j.file());
      }
      try {
        urls.add(j.file().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new LintException(j.origin() + ": cannot use " + j.file() + ": " + e.getMessage(), e);
      }
    }
    // Left open: the rules' classes are loaded lazily while the run goes on. A run is one process
    // (CLI) or one goal execution (Maven), after which the loader is garbage like the rules.
    URLClassLoader loader = new URLClassLoader("iam-lint-plugins", urls.toArray(URL[]::new), parent);
    for (int i = 0; i < jars.size(); i++) {
      if (!hasServices(loader, urls.get(i))) {
        throw new LintException(jars.get(i).origin() + ": " + jars.get(i).file() + " registers no rule: it has no "
            + SERVICES + " (see docs/custom-rules.md)");
      }
    }
    List<Rule> out = new ArrayList<>();
    try {
      for (Rule r : ServiceLoader.load(Rule.class, loader)) {
        if (alreadyLoaded.contains(r.getClass().getName())) continue;
        if (r.getClass().getClassLoader() != loader) continue; // the parent's, already in the run
        RuleDescriptor d;
        try {
          d = r.descriptor();
        } catch (RuntimeException | LinkageError e) {
          throw new LintException(source(r) + ": rule " + r.getClass().getName() + " has no usable metadata: "
              + e.getMessage(), e);
        }
        String problem = RuleIds.problem(d.id(), d.name());
        if (problem != null) throw new LintException(source(r) + ": rule " + d.className() + ": " + problem);
        out.add(JarRule.of(r));
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new LintException("cannot load the rules of " + jars.stream().map(j -> j.file().toString()).toList() + ": "
          + e.getMessage(), e);
    }
    return out;
  }

  /** Whether the jar at this URL (not its parents) has the services file. */
  private static boolean hasServices(URLClassLoader loader, URL jar) {
    try {
      Enumeration<URL> found = loader.findResources(SERVICES);
      String base = jar.toExternalForm();
      while (found.hasMoreElements()) {
        if (found.nextElement().toExternalForm().contains(base)) return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jar a rule class comes from, for messages. */
  static String source(Rule r) {
    try {
      var cs = r.getClass().getProtectionDomain().getCodeSource();
      return cs == null || cs.getLocation() == null ? r.getClass().getName() : Path.of(cs.getLocation().toURI()).toString();
    } catch (Exception e) {
      return r.getClass().getName();
    }
  }
}
