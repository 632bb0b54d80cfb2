package dev.iamlint.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rule API that docs/custom-rules.md states: a rule (built-in or in a user's jar) compiles
 * against these packages of iam-lint-core only, and they never hand out a type of the engine, the
 * input formats, the reporters or the custom-rule loader, which may change in any version.
 */
class RuleApiTest {

  /** The packages of the rule API (docs/custom-rules.md, "What a rule may use"). */
  static final String[] API = {
    "dev.iamlint.core.rule", "dev.iamlint.core.model", "dev.iamlint.core.source", "dev.iamlint.core.catalog",
    "dev.iamlint.core.analysis", "dev.iamlint.core.analysis.access", "dev.iamlint.core.workspace", "dev.iamlint.core.config"
  };

  /** Core's internals. */
  static final String[] INTERNAL = {
    "dev.iamlint.core.engine..", "dev.iamlint.core.format..", "dev.iamlint.core.report..", "dev.iamlint.core.custom.."
  };

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
      .importPackages("dev.iamlint.core", "dev.iamlint.rules");

  @Test
  void theApiPackagesExposeNoInternalType() {
    noClasses().that().resideInAnyPackage(API).should().dependOnClassesThat().resideInAnyPackage(INTERNAL)
        .because("a rule jar compiled against the API must keep working when the engine changes")
        .check(CLASSES);
  }

  @Test
  void theBuiltInRulesUseOnlyTheApi() {
    String[] allowed = new String[API.length + 3];
    System.arraycopy(API, 0, allowed, 0, API.length);
    allowed[API.length] = "dev.iamlint.rules..";
    allowed[API.length + 1] = "java..";
    allowed[API.length + 2] = "dev.iamlint.core";
    classes().that().resideInAPackage("dev.iamlint.rules..").should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
        .because("the built-in rules are written like any user's rule")
        .check(CLASSES);
  }
}
