package dev.iamlint.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a rule jar in a test, as a user would: rule classes compiled against iam-lint-core (the
 * test class path), a {@code META-INF/services/dev.iamlint.core.rule.Rule} file naming them, and
 * resources such as their doc pages. For tests of {@code --plugin}, {@code plugins:} and rules
 * that throw.
 */
public final class RuleJarBuilder {

  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, String> resources = new LinkedHashMap<>();
  private final List<String> services = new ArrayList<>();
  private final List<String> omitted = new ArrayList<>();

  /** A rule class: its fully qualified name and source; listed in the services file. */
  public RuleJarBuilder rule(String className, String source) {
    sources.put(className, source);
    services.add(className);
    return this;
  }

  /** A helper class: compiled, and in the jar unless {@link #omit omitted}; not a rule. */
  public RuleJarBuilder source(String className, String source) {
    sources.put(className, source);
    return this;
  }

  /** Leaves a compiled class out of the jar (a jar missing a class, or built against another API). */
  public RuleJarBuilder omit(String className) {
    omitted.add(className.replace('.', '/') + ".class");
    return this;
  }

  /** A resource, e.g. {@code com/acme/docs/ACME101-no-delete.md}. */
  public RuleJarBuilder resource(String path, String text) {
    resources.put(path, text);
    return this;
  }

  /** Compiles the sources with the running JDK's compiler and writes the jar. */
  public Path build(Path jar) {
    try {
      Path work = Files.createTempDirectory("rule-jar");
      Path src = work.resolve("src");
      Path classes = work.resolve("classes");
      Files.createDirectories(classes);
      List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
          System.getProperty("java.class.path"), "--release", "17", "-proc:none"));
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
        args.add(f.toString());
      }
      JavaCompiler compiler = sources.isEmpty() ? null : ToolProvider.getSystemJavaCompiler();
      if (compiler == null && !sources.isEmpty()) throw new IllegalStateException("no Java compiler: run the tests on a JDK");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = compiler == null ? 0 : compiler.run(null, err, err, args.toArray(String[]::new));
      if (code != 0) throw new IllegalStateException("the test rule does not compile: " + err.toString(StandardCharsets.UTF_8));
      if (jar.getParent() != null) Files.createDirectories(jar.getParent());
      try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
        try (Stream<Path> files = Files.walk(classes)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            String entry = classes.relativize(f).toString().replace('\\', '/');
            if (omitted.contains(entry)) continue;
            jos.putNextEntry(new JarEntry(entry));
            jos.write(Files.readAllBytes(f));
            jos.closeEntry();
          }
        }
        for (Map.Entry<String, String> e : resources.entrySet()) {
          jos.putNextEntry(new JarEntry(e.getKey()));
          jos.write(e.getValue().getBytes(StandardCharsets.UTF_8));
          jos.closeEntry();
        }
        if (!services.isEmpty()) {
          jos.putNextEntry(new JarEntry("META-INF/services/dev.iamlint.core.rule.Rule"));
          jos.write((String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
          jos.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The source of a statement rule: it reports every Allow of {@code action} (exactly as
   * written) at the action, with the message {@code message}.
   */
  public static String statementRule(String className, String id, String name, String action, String message) {
    int dot = className.lastIndexOf('.');
    return "package " + className.substring(0, dot) + ";\n"
        + "import dev.iamlint.core.model.PolicyDocument;\n"
        + "import dev.iamlint.core.model.Statement;\n"
        + "import dev.iamlint.core.model.Str;\n"
        + "import dev.iamlint.core.rule.DocumentRule;\n"
        + "import dev.iamlint.core.Level;\n"
        + "import dev.iamlint.core.rule.RuleContext;\n"
        + "import dev.iamlint.core.rule.RuleInfo;\n"
        + "@RuleInfo(id = \"" + id + "\", name = \"" + name + "\", level = Level.ERROR, securitySeverity = 5.0,\n"
        + "    summary = \"" + message + "\", description = \"" + message + ".\",\n"
        + "    messages = @RuleInfo.Message(text = \"" + message + "\"))\n"
        + "public final class " + className.substring(dot + 1) + " implements DocumentRule {\n"
        + "  @Override public void onStatement(PolicyDocument p, Statement s, RuleContext ctx) {\n"
        + "    if (!s.isAllow() || s.action() == null) return;\n"
        + "    for (Str a : s.action().values()) if (a.text().equals(\"" + action + "\")) ctx.report(a, \"default\");\n"
        + "  }\n"
        + "}\n";
  }

  /** The source of a rule that throws {@code IllegalStateException(message)} on every statement. */
  public static String throwingRule(String className, String id, String name, String message) {
    int dot = className.lastIndexOf('.');
    return "package " + className.substring(0, dot) + ";\n"
        + "import dev.iamlint.core.model.PolicyDocument;\n"
        + "import dev.iamlint.core.model.Statement;\n"
        + "import dev.iamlint.core.rule.DocumentRule;\n"
        + "import dev.iamlint.core.Level;\n"
        + "import dev.iamlint.core.rule.RuleContext;\n"
        + "import dev.iamlint.core.rule.RuleInfo;\n"
        + "@RuleInfo(id = \"" + id + "\", name = \"" + name + "\", level = Level.WARNING, securitySeverity = 1.0,\n"
        + "    summary = \"Throws.\", description = \"A rule with a bug.\", messages = @RuleInfo.Message(text = \"never\"))\n"
        + "public final class " + className.substring(dot + 1) + " implements DocumentRule {\n"
        + "  @Override public void onStatement(PolicyDocument p, Statement s, RuleContext ctx) {\n"
        + "    throw new IllegalStateException(\"" + message + "\");\n"
        + "  }\n"
        + "}\n";
  }
}
