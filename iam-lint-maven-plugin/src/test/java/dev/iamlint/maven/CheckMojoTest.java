package dev.iamlint.maven;

import dev.iamlint.core.Level;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.testing.RuleJarBuilder;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.testing.AbstractMojoTestCase;
import org.apache.maven.project.MavenProject;

/**
 * The goal as Maven configures it: the harness reads the fixture project's pom, injects its
 * plugin configuration and the parameters' default values, and the test runs the real engine
 * and rules on the fixture's files (copied under target/unit so reports do not land in src).
 */
public class CheckMojoTest extends AbstractMojoTestCase {

  public void testCleanProjectPassesAndWritesReports() throws Exception {
    Path dir = fixture("clean");
    CheckMojo mojo = configuredMojo(dir);

    mojo.execute();

    Path sarif = dir.resolve("target/iam-lint/iam-lint.sarif");
    assertTrue("SARIF report written", Files.isRegularFile(sarif));
    assertTrue(Files.readString(sarif).contains("\"2.1.0\""));
    assertTrue("text report written", Files.isRegularFile(dir.resolve("target/iam-lint/iam-lint.txt")));
  }

  public void testFullAdminPolicyFailsTheBuild() throws Exception {
    Path dir = fixture("full-admin");
    CheckMojo mojo = configuredMojo(dir);

    try {
      mojo.execute();
      fail("expected MojoFailureException");
    } catch (MojoFailureException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("at or above the fail level 'error'"));
    }
    // The report is written before the build fails, so CI can upload it.
    Path sarif = dir.resolve("target/iam-lint/iam-lint.sarif");
    assertTrue(Files.readString(sarif).contains("IAM201"));
  }

  public void testPluginsParameterLoadsARuleJar() throws Exception {
    Path dir = fixture("clean");
    Path jar = new RuleJarBuilder()
        .rule("com.acme.iam.NoReports", RuleJarBuilder.statementRule("com.acme.iam.NoReports", "ACME201", "no-report-reads",
            "s3:GetObject", "reports are read through the portal"))
        .build(dir.resolve("tools/acme-rules.jar"));
    CheckMojo mojo = configuredMojo(dir);
    setVariableValueToObject(mojo, "plugins", List.of(new File("tools/acme-rules.jar")));
    try {
      mojo.execute();
      fail("expected MojoFailureException");
    } catch (MojoFailureException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("1 finding at or above the fail level"));
    }
    assertTrue(Files.readString(dir.resolve("target/iam-lint/iam-lint.sarif")).contains("ACME201"));
    assertTrue(Files.isRegularFile(jar));
  }

  public void testARuleThatThrowsIsABuildError() throws Exception {
    Path dir = fixture("clean");
    new RuleJarBuilder()
        .rule("com.acme.iam.Broken", RuleJarBuilder.throwingRule("com.acme.iam.Broken", "ACME900", "broken-rule", "boom"))
        .build(dir.resolve("tools/broken.jar"));
    Files.writeString(dir.resolve(".iam-lint.yaml"), "plugins: [tools/broken.jar]\n");
    CheckMojo mojo = configuredMojo(dir);
    try {
      mojo.execute();
      fail("expected MojoExecutionException");
    } catch (MojoExecutionException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("rule ACME900 broken-rule failed on "));
      assertTrue(e.getMessage(), e.getMessage().contains("IllegalStateException: boom"));
    }
  }

  public void testFailOnViolationFalseOnlyLogs() throws Exception {
    Path dir = fixture("full-admin");
    CheckMojo mojo = configuredMojo(dir);
    setVariableValueToObject(mojo, "failOnViolation", false);

    mojo.execute();

    assertTrue(Files.readString(dir.resolve("target/iam-lint/iam-lint.sarif")).contains("IAM201"));
  }

  public void testFailLevelNoneNeverFails() throws Exception {
    Path dir = fixture("full-admin");
    CheckMojo mojo = configuredMojo(dir);
    setVariableValueToObject(mojo, "failLevel", "none");

    mojo.execute();
  }

  public void testRuleLevelOffDisablesTheRule() throws Exception {
    Path dir = fixture("full-admin");
    CheckMojo mojo = configuredMojo(dir);
    setVariableValueToObject(mojo, "ruleLevels", Map.of("IAM201", "off"));
    setVariableValueToObject(mojo, "formats", List.of("json"));
    // With IAM201 off, the narrower rules it supersedes (IAM205, IAM206 on Allow * on *) speak.
    setVariableValueToObject(mojo, "failLevel", "none");

    mojo.execute();

    String json = Files.readString(dir.resolve("target/iam-lint/iam-lint.json"));
    assertFalse(json.contains("IAM201"));
    assertTrue(json.contains("IAM205"));
  }

  public void testSkipDoesNothing() throws Exception {
    Path dir = fixture("full-admin");
    CheckMojo mojo = configuredMojo(dir);
    setVariableValueToObject(mojo, "skip", true);

    mojo.execute();

    assertFalse(Files.exists(dir.resolve("target/iam-lint")));
  }

  public void testUnknownFormatIsAnExecutionError() throws Exception {
    CheckMojo mojo = configuredMojo(fixture("clean"));
    setVariableValueToObject(mojo, "formats", List.of("sarif", "pdf"));
    try {
      mojo.execute();
      fail("expected MojoExecutionException");
    } catch (MojoExecutionException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("pdf"));
    }
  }

  public void testMissingConfigFileIsAnExecutionError() throws Exception {
    CheckMojo mojo = configuredMojo(fixture("clean"));
    setVariableValueToObject(mojo, "configFile", new File("no-such-config.yaml"));
    try {
      mojo.execute();
      fail("expected MojoExecutionException");
    } catch (MojoExecutionException e) {
      assertTrue(e.getMessage(), e.getMessage().startsWith("iam-lint: "));
    }
  }

  /** Every parameter reaches the request with the CLI option's meaning. */
  public void testParametersMapToTheRequest() throws Exception {
    Path dir = fixture("clean");
    CheckMojo mojo = configuredMojo(dir);
    setVariableValueToObject(mojo, "sourceDirectories", List.of(new File("policies")));
    setVariableValueToObject(mojo, "includes", List.of("**/*.{json,yaml}"));
    setVariableValueToObject(mojo, "excludes", List.of("legacy/**"));
    setVariableValueToObject(mojo, "configFile", new File("conf/iam-lint.yaml"));
    setVariableValueToObject(mojo, "catalogFile", new File("/opt/iam-catalog.bin"));
    setVariableValueToObject(mojo, "failLevel", "Warning");
    setVariableValueToObject(mojo, "ruleLevels", Map.of("IAM201", "note"));
    setVariableValueToObject(mojo, "threads", 3);
    setVariableValueToObject(mojo, "cacheDirectory", new File("build-cache"));

    LintRequest r = mojo.request();

    Path root = dir.toAbsolutePath().normalize();
    assertEquals(root, r.root());
    assertEquals(List.of(root.resolve("policies")), r.paths());
    assertEquals("clean", r.category());
    assertEquals(List.of("**/*.{json,yaml}"), r.includes());
    assertEquals(List.of("legacy/**"), r.excludes());
    assertEquals(root.resolve("conf/iam-lint.yaml"), r.configFile());
    assertEquals(Path.of("/opt/iam-catalog.bin"), r.catalogFile());
    assertEquals(dev.iamlint.core.config.FailLevel.WARNING, r.failLevel());
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), r.now());
    assertEquals(Map.of("IAM201", "note"), r.ruleLevels());
    assertEquals(3, r.threads());
    assertEquals(root.resolve("build-cache"), r.cacheDir());
    setVariableValueToObject(mojo, "noCache", true);
    assertNull(mojo.request().cacheDir());
  }

  public void testDefaultsLeaveTheConfigurationInCharge() throws Exception {
    CheckMojo mojo = configuredMojo(fixture("clean"));
    setVariableValueToObject(mojo, "now", null);
    setVariableValueToObject(mojo, "threads", 0);

    LintRequest r = mojo.request();

    Path module = fixture("clean").toAbsolutePath().normalize();
    assertEquals(module, r.root());
    assertEquals(List.of(module), r.paths());
    assertNull(r.configFile());
    assertNull(r.failLevel());
    assertNull(r.now());
    assertEquals(List.of(), r.includes());
    assertEquals(0, r.threads());
    // The user's cache directory ($IAMLINT_CACHE_DIR, which the build sets for tests).
    assertEquals(dev.iamlint.core.source.TreeCache.userDirectory(), r.cacheDir());
    assertNotNull(r.cacheDir());
  }

  public void testNowAcceptsADate() throws Exception {
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), CheckMojo.parseInstant("2026-03-01"));
    assertEquals(Instant.parse("2026-02-28T23:00:00Z"), CheckMojo.parseInstant("2026-03-01T00:00:00+01:00"));
    try {
      CheckMojo.parseInstant("yesterday");
      fail();
    } catch (MojoExecutionException expected) {
      assertTrue(expected.getMessage().contains("yesterday"));
    }
  }

  // --- helpers ---

  /** A fresh copy of src/test/resources/unit/NAME under target/unit/NAME. */
  private Path fixture(String name) throws IOException {
    Path src = getTestFile("src/test/resources/unit/" + name).toPath();
    Path dst = getTestFile("target/unit/" + getName() + "/" + name).toPath();
    if (Files.exists(dst)) {
      try (Stream<Path> s = Files.walk(dst)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
      }
    }
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
    return dst;
  }

  /** The mojo as Maven would configure it for the project in {@code dir}. */
  private CheckMojo configuredMojo(Path dir) throws Exception {
    File pom = dir.resolve("pom.xml").toFile();
    Model model;
    try (Reader in = Files.newBufferedReader(pom.toPath(), StandardCharsets.UTF_8)) {
      model = new MavenXpp3Reader().read(in);
    }
    MavenProject project = new MavenProject(model);
    project.setFile(pom);
    Build build = model.getBuild() != null ? model.getBuild() : new Build();
    build.setDirectory(dir.resolve("target").toString());
    model.setBuild(build);
    CheckMojo mojo = (CheckMojo) lookupConfiguredMojo(project, "check");
    assertNotNull(mojo);
    return mojo;
  }
}
