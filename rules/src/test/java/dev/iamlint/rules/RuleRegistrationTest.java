package dev.iamlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.rule.Rule;
import dev.iamlint.core.rule.RuleCatalogue;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.testing.RuleFixtures;
import dev.iamlint.rules.grammar.ParseError;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every rule class is registered, unique, complete, documented and has fixtures. */
class RuleRegistrationTest {

  private static final List<Rule> RULES = Engine.discoverRules(RuleRegistrationTest.class.getClassLoader());

  @Test
  void everyRuleClassIsRegistered() throws IOException, URISyntaxException {
    Path root = Path.of(ParseError.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> annotated = new TreeSet<>();
    try (Stream<Path> s = Files.walk(root.resolve("dev/iamlint/rules"))) {
      for (Path p : s.toList()) {
        String n = root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
        if (!n.endsWith(".class") || n.contains("$")) continue;
        try {
          Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'));
          if (c.isAnnotationPresent(RuleInfo.class) || (Rule.class.isAssignableFrom(c) && !c.isInterface())) {
            annotated.add(c.getName());
          }
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
      }
    }
    Set<String> registered = new TreeSet<>();
    for (Rule r : RULES) registered.add(r.getClass().getName());
    assertEquals(annotated, registered, "rule classes and META-INF/services/dev.iamlint.core.rule.Rule differ");
  }

  @Test
  void idsAndNamesAreUniqueAndCatalogued() {
    Set<String> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Rule r : RULES) {
      RuleDescriptor d = r.descriptor();
      assertTrue(ids.add(d.id()), "duplicate id " + d.id());
      assertTrue(names.add(d.name()), "duplicate name " + d.name());
      assertEquals(d.name(), RuleCatalogue.IDS.get(d.id()), d.id() + " must keep its catalogued name (ids are a public contract)");
    }
  }

  @Test
  void metadataIsComplete() {
    for (Rule r : RULES) {
      RuleDescriptor d = r.descriptor();
      Class<?> c = r.getClass();
      assertTrue(Modifier.isFinal(c.getModifiers()), c + " must be final");
      assertTrue(d.id().matches("IAM\\d{3}"), d.id());
      assertTrue(d.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), d.name());
      assertEquals(d.name(), kebab(c.getSimpleName()), "class name and rule name must share one stem: " + c.getSimpleName());
      assertTrue(d.securitySeverity() >= 0 && d.securitySeverity() <= 10, d.id() + " security-severity");
      assertFalse(d.summary().isBlank(), d.id() + " summary");
      assertFalse(d.description().isBlank(), d.id() + " description");
      assertFalse(d.messages().isEmpty(), d.id() + " messages");
      assertFalse(d.tags().isEmpty(), d.id() + " tags");
      assertFalse(d.since().isBlank(), d.id() + " since");
      // Only families whose findings are security alerts carry the tag GitHub files them under.
      boolean security = d.id().matches("IAM[2347]\\d\\d|IAM008|IAM103|IAM507|IAM603|IAM604");
      assertEquals(security, d.tags().contains("security"), d.id() + " security tag");
      for (String section : List.of("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Options", "## References")) {
        assertTrue(d.docBody().contains(section), d.id() + " doc body lacks '" + section + "' (docs/" + d.docStem() + ".md)");
      }
    }
  }

  /**
   * The doc's "## Options" table and the {@code @RuleInfo(options = ...)} declaration say the same:
   * every declared option has a row {@code | `name` | type | `default` | meaning |}, and every
   * row names a declared option.
   */
  @Test
  void optionsAreDocumentedAsDeclared() {
    for (Rule r : RULES) {
      RuleDescriptor d = r.descriptor();
      String body = d.docBody();
      int from = body.indexOf("## Options");
      int to = body.indexOf("## References", from);
      String section = from < 0 ? "" : body.substring(from, to < 0 ? body.length() : to);
      Set<String> rows = new TreeSet<>();
      for (String line : section.split("\n")) {
        var m = java.util.regex.Pattern.compile("\\| `([A-Za-z0-9]+)` \\|.*").matcher(line);
        if (m.matches()) rows.add(m.group(1));
      }
      Set<String> declared = new TreeSet<>();
      for (RuleInfo.Option o : d.options()) {
        declared.add(o.name());
        String type = o.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        String def = o.defaultValue().isEmpty() ? "computed" : "`" + o.defaultValue() + "`";
        String row = "| `" + o.name() + "` | " + type + " | " + def + " | ";
        assertTrue(section.contains(row), d.id() + " docs/" + d.docStem() + ".md: Options lacks the row " + row + "...");
      }
      assertEquals(declared, rows, d.id() + ": options declared in @RuleInfo and rows of the doc's Options table");
    }
  }

  @Test
  void everyRuleHasBadAndGoodFixtures() {
    for (Rule r : RULES) {
      List<RuleFixtures.Fixture> f = RuleFixtures.of(RuleRegistrationTest.class, r.descriptor().name());
      assertTrue(f.stream().anyMatch(RuleFixtures.Fixture::bad), r.descriptor().id() + " has no bad fixture");
      assertTrue(f.stream().anyMatch(x -> !x.bad()), r.descriptor().id() + " has no good fixture");
    }
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
