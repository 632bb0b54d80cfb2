package dev.iamlint.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.iamlint.core.rule.Rule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The layering of STYLE.md (13): rules read the model, the catalogue and the analysis layer, never
 * another rule, nor the loaders, formats or the engine; neither core's nor the rules' packages
 * form cycles.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // core's test jar (the fixture harness and test helpers) is on this module's test class path
      .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
      .importPackages("dev.iamlint.core", "dev.iamlint.rules");

  private static final String CORE = "dev.iamlint.core.";

  /** What rules must not reach into: how files are found, read and classified, and how rules are run. */
  private static final List<String> FORBIDDEN = List.of(CORE + "extract.", CORE + "format.", CORE + "engine.", CORE + "source.");

  /**
   * The {@code source} types the model hands out: elements keep their {@link
   * dev.iamlint.core.source.Span}, documents their {@link dev.iamlint.core.source.Node} tree and
   * {@link dev.iamlint.core.source.SourceFile}, and {@code onFile} gets the {@link
   * dev.iamlint.core.source.LoadedFile} with its {@link dev.iamlint.core.source.LoadProblem}s.
   */
  private static final Set<String> MODEL_EXPOSED = Set.of(CORE + "source.Span", CORE + "source.Node",
      CORE + "source.SourceFile", CORE + "source.LoadedFile", CORE + "source.ObjectNode", CORE + "source.ScalarNode",
      CORE + "source.ArrayNode", CORE + "source.LoadProblem");

  private static final Set<String> NODES = Set.of(CORE + "source.Node", CORE + "source.ObjectNode",
      CORE + "source.ScalarNode", CORE + "source.ArrayNode");

  /**
   * Who may use which forbidden type, by package (a family) or class, and why. Everything else in
   * {@link #FORBIDDEN} fails the test. An entry is a decision: add one only with its reason.
   */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      // The structural rules (IAM001-IAM010) check the document as written: the tree, its spans,
      // load problems, duplicate keys. They read what the model exposes and nothing more.
      Map.entry("dev.iamlint.rules.grammar", MODEL_EXPOSED),
      // IAM006 measures what AWS measures: the characters of the text as written, without white
      // space, which only the file's text (SourceText) and its format (JSON or YAML) give.
      Map.entry("dev.iamlint.rules.grammar.PolicySizeLimit", Set.of(CORE + "source.SourceText", CORE + "source.Format")),
      // IAM002 takes a YAML plain number as a Sid (Sid: 1), not a JSON one: only the format tells them apart.
      Map.entry("dev.iamlint.rules.grammar.InvalidPolicyStructure", Set.of(CORE + "source.Format")),
      // IAM105 compares statements as written (key order and layout aside) to find repeats.
      Map.entry("dev.iamlint.rules.catalogue.RedundantGrant", NODES),
      // IAM405/IAM406: "temporary" is declared by path globs; the path is the SourceFile's.
      Map.entry("dev.iamlint.rules.time.Temporary", Set.of(CORE + "source.SourceFile")),
      // IAM701 recognises VPC endpoint policies in bare files by their path.
      Map.entry("dev.iamlint.rules.trust.PublicPrincipal", Set.of(CORE + "source.SourceFile")),
      // IAM301 judges a policy with the other policies of its user or group (PolicySets), read
      // from the file's template in onDocuments, which hands it the LoadedFile.
      Map.entry("dev.iamlint.rules.mfa.MissingMfaCondition", Set.of(CORE + "source.LoadedFile")),
      // The permission-set and organization rules report at positions of the documents and
      // manifests the model hands out (spans, source files, the nodes of a permission set).
      Map.entry("dev.iamlint.rules.identitycenter", MODEL_EXPOSED),
      Map.entry("dev.iamlint.rules.organization", MODEL_EXPOSED));

  @Test
  void aRuleNeverReferencesAnotherRule() {
    classes().that().resideInAPackage("dev.iamlint.rules..")
        .should(new ArchCondition<JavaClass>("not reference another rule class") {
          @Override
          public void check(JavaClass c, ConditionEvents events) {
            JavaClass self = outermost(c);
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
              JavaClass target = outermost(d.getTargetClass());
              if (target.equals(self) || !isRule(target) || !target.getPackageName().startsWith("dev.iamlint.rules")) continue;
              events.add(SimpleConditionEvent.violated(d, d.getDescription()));
            }
          }
        })
        .check(CLASSES);
  }

  @Test
  void ruleFamiliesDoNotDependOnEachOther() {
    slices().matching("dev.iamlint.rules.(*)..").should().notDependOnEachOther().check(CLASSES);
  }

  @Test
  void rulesUseNeitherLoadersNorFormatsNorTheEngine() {
    classes().that().resideInAPackage("dev.iamlint.rules..")
        .should(new ArchCondition<JavaClass>("use only the model, the catalogue and the analysis layer of core") {
          @Override
          public void check(JavaClass c, ConditionEvents events) {
            JavaClass self = outermost(c);
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
              String target = outermost(d.getTargetClass()).getName();
              if (FORBIDDEN.stream().noneMatch(target::startsWith) || allowed(self, target)) continue;
              events.add(SimpleConditionEvent.violated(d, d.getDescription()));
            }
          }
        })
        .check(CLASSES);
  }

  @Test
  void corePackagesAreFreeOfCycles() {
    // Level and RuleOptions live in the core root package, which config and the rule API both
    // use, so config -> rule -> config is no longer a cycle and needs no exemption.
    slices().matching("dev.iamlint.core.(*)..").should().beFreeOfCycles()
        .check(CLASSES);
  }

  @Test
  void rulePackagesAreFreeOfCycles() {
    slices().matching("dev.iamlint.rules.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  private static boolean allowed(JavaClass self, String target) {
    Set<String> byClass = ALLOWED.get(self.getName());
    Set<String> byPackage = ALLOWED.get(self.getPackageName());
    return (byClass != null && byClass.contains(target)) || (byPackage != null && byPackage.contains(target));
  }

  private static boolean isRule(JavaClass c) {
    return c.isAssignableTo(Rule.class) && !c.isInterface();
  }

  private static JavaClass outermost(JavaClass c) {
    JavaClass out = c;
    while (out.getEnclosingClass().isPresent()) out = out.getEnclosingClass().get();
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
}
