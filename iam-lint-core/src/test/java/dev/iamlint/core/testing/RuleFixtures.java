package dev.iamlint.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import dev.iamlint.core.engine.LintResult;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a rule over its fixtures, checkstyle-style: the expectation sits next to the input.
 *
 * <p>Fixtures live in the test resources folder named after the rule ({@code full-admin-grant/}).
 * {@code bad-*} files must give exactly the findings marked in them; {@code good-*} files must give
 * none of the rule. YAML files mark a line with a trailing {@code # expect: IAM201} (the line must
 * hold the finding's start) or {@code # expect: IAM201@17} (line and column). JSON files, which
 * have no comments, list {@code line:col IAM201} lines in a side file {@code <name>.expected}. A
 * fixture may have a configuration side file {@code <name>.iam-lint.yaml}. The clock is fixed at
 * {@link #NOW} unless the configuration sets {@code now}.
 *
 * <p>A case that needs several files (a manifest and the policy files it names) is a folder
 * {@code bad-*} or {@code good-*}: its tree is the lint root (a {@code .iam-lint.yaml} in it is the
 * configuration), and expectations are marked in its files as above, a JSON file's side file
 * included; they are then matched with the file's path ({@code iam-config.yaml:18:13 IAM501}).
 *
 * <p>Published in iam-lint-core's test jar for the authors of rule jars (docs/custom-rules.md):
 * ids of every form {@link dev.iamlint.core.rule.RuleIds#ID} allows ({@code ACME001},
 * {@code ACME-0001}) can be marked.
 */
public final class RuleFixtures {

  /** The fixed clock of fixture runs. */
  public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  // Rule ids as RuleIds.ID has them: IAM201, ACME001, ACME-0001.
  private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*((?:[A-Z]+-?\\d{3,4}(?:@\\d+)?[ ,]*)+)");
  private static final Pattern ONE = Pattern.compile("([A-Z]+-?\\d{3,4})(?:@(\\d+))?");

  private RuleFixtures() {}

  /** One fixture file: its path and whether it is a bad one. */
  public record Fixture(Path file, boolean bad) {
    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }

  /** The fixtures of a rule, from the test class path folder named after the rule. */
  public static List<Fixture> of(Class<?> testClass, String ruleName) {
    URL url = testClass.getClassLoader().getResource(ruleName);
    if (url == null) throw new AssertionError("no fixture folder '" + ruleName + "' on the test class path");
    try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
      List<Fixture> out = new ArrayList<>();
      s.sorted().forEach(p -> {
        String n = p.getFileName().toString();
        if (n.endsWith(".expected") || n.endsWith(".iam-lint.yaml")) return;
        if (n.startsWith("bad-")) out.add(new Fixture(p, true));
        else if (n.startsWith("good-")) out.add(new Fixture(p, false));
      });
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lints one fixture with the given rules and asserts the rule's findings are as marked. */
  public static void check(Fixture fixture, Rule rule, List<Rule> allRules) {
    RuleDescriptor d = rule.descriptor();
    LintResult result = run(fixture.file(), allRules);
    boolean folder = Files.isDirectory(fixture.file());
    List<String> actual = new ArrayList<>();
    for (Finding f : result.findings()) {
      if (f.ruleId().equals(d.id())) {
        actual.add((folder ? f.location().path() + ":" : "") + f.location().span().startLine() + ":"
            + f.location().span().startColumn() + " " + f.ruleId());
      }
    }
    if (!fixture.bad()) {
      assertEquals(List.of(), actual, fixture + " is a good fixture: it must give no " + d.id() + " finding; got "
          + describe(result, d.id()));
      return;
    }
    List<String> expected = expectations(fixture.file()).stream().filter(e -> e.endsWith(" " + d.id())).toList();
    assertTrue(!expected.isEmpty(), fixture + " is a bad fixture but marks no expected " + d.id() + " finding");
    List<String> unmatched = new ArrayList<>(actual);
    List<String> missing = new ArrayList<>();
    for (String e : expected) {
      String pos = e.substring(0, e.indexOf(' '));
      String hit = null;
      for (String a : unmatched) {
        String apos = a.substring(0, a.indexOf(' '));
        boolean withColumn = pos.chars().filter(ch -> ch == ':').count() > (folder ? 1 : 0);
        if (withColumn ? apos.equals(pos) : apos.startsWith(pos + ":")) {
          hit = a;
          break;
        }
      }
      if (hit == null) missing.add(e);
      else unmatched.remove(hit);
    }
    assertTrue(missing.isEmpty() && unmatched.isEmpty(), fixture + ": expected " + expected + "; missing " + missing
        + ", unexpected " + unmatched + "; all " + d.id() + " findings: " + describe(result, d.id()));
  }

  private static String describe(LintResult r, String id) {
    StringBuilder sb = new StringBuilder("[");
    for (Finding f : r.findings()) {
      if (!f.ruleId().equals(id)) continue;
      sb.append("\n  ").append(f.location()).append(' ').append(f.ruleId()).append(": ").append(f.message());
    }
    return sb.append(r.findings().stream().anyMatch(f -> f.ruleId().equals(id)) ? "\n]" : "]").toString();
  }

  /** Lints a single file in a fresh temporary root (with its config side file, if any). */
  public static LintResult run(Path fixture, List<Rule> rules) {
    try {
      Path root = Files.createTempDirectory("iam-lint-fixture");
      if (Files.isDirectory(fixture)) {
        try (Stream<Path> s = Files.walk(fixture)) {
          for (Path p : s.sorted().toList()) {
            if (p.equals(fixture) || p.getFileName().toString().endsWith(".expected")) continue;
            Path to = root.resolve(fixture.relativize(p).toString());
            if (Files.isDirectory(p)) Files.createDirectories(to);
            else Files.copy(p, to);
          }
        }
      } else {
        Files.copy(fixture, root.resolve(fixture.getFileName().toString()));
      }
      Path config = fixture.resolveSibling(fixture.getFileName() + ".iam-lint.yaml");
      if (Files.exists(config)) Files.copy(config, root.resolve(".iam-lint.yaml"));
      LintRequest req = LintRequest.of(root).withNow(NOW).withThreads(1);
      return new Engine(rules).run(req);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The expected findings marked in a fixture, as {@code line[:col] ID}. */
  public static List<String> expectations(Path fixture) {
    if (Files.isDirectory(fixture)) {
      try (Stream<Path> s = Files.walk(fixture)) {
        List<String> out = new ArrayList<>();
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          String n = p.getFileName().toString();
          if (n.endsWith(".expected")) continue;
          String rel = fixture.relativize(p).toString().replace('\\', '/');
          for (String e : expectations(p)) out.add(rel + ":" + e);
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      List<String> out = new ArrayList<>();
      Path side = fixture.resolveSibling(fixture.getFileName() + ".expected");
      if (Files.exists(side)) {
        for (String l : Files.readAllLines(side, StandardCharsets.UTF_8)) {
          String t = l.strip();
          if (!t.isEmpty() && !t.startsWith("#")) out.add(t.replaceAll("\\s+", " "));
        }
        return out;
      }
      List<String> lines = Files.readAllLines(fixture, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = EXPECT.matcher(lines.get(i));
        if (!m.find()) continue;
        Matcher one = ONE.matcher(m.group(1));
        while (one.find()) {
          out.add((i + 1) + (one.group(2) != null ? ":" + one.group(2) : "") + " " + one.group(1));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
