package dev.iamlint.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.iamlint.core.source.TreeCache;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Commands learn the caller's directory, environment and terminal from {@link Invocation} only:
 * the daemon runs them for clients elsewhere, and a command that asked the JVM would answer for
 * the daemon's directory instead of the client's.
 */
class CliArchitectureTest {

  private static final JavaClasses CLI = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.iamlint.cli");

  @Test
  void onlyInvocationReadsTheProcesssDirectoryEnvironmentAndTerminal() {
    noClasses().that().doNotHaveFullyQualifiedName(Invocation.class.getName())
        .should().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .orShould().callMethod(System.class, "console")
        .orShould().callMethod(Path.class, "toAbsolutePath")
        .orShould().callMethod(TreeCache.class, "userDirectory")
        .because("a command run by the daemon must see its client's directory and environment, not the daemon's")
        .check(CLI);
  }
}
