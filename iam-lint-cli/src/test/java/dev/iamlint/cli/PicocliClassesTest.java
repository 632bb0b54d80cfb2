package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/**
 * The CLI ships picocli built from its sources for this project's release (iam-lint-cli/pom.xml):
 * the class files in picocli's own jar are Java 5's, which class-data sharing and the AOT cache
 * cannot store, so every run would load, parse and verify them again.
 */
class PicocliClassesTest {

  @Test
  void picocliComesFromThisModulesBuildAsJava17ClassFiles() throws Exception {
    Path from = Paths.get(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertEquals(Paths.get("target", "classes").toAbsolutePath(), from,
        "picocli should be loaded from the module's own classes, not from picocli's jar");
    for (Class<?> c : new Class<?>[] {CommandLine.class, CommandLine.Model.CommandSpec.class,
        CommandLine.Help.Ansi.class}) {
      assertTrue(majorVersion(c) >= 61, c.getName() + " is class-file version " + majorVersion(c));
    }
  }

  private static int majorVersion(Class<?> c) throws IOException {
    String resource = "/" + c.getName().replace('.', '/') + ".class";
    try (InputStream in = c.getResourceAsStream(resource); DataInputStream data = new DataInputStream(in)) {
      assertEquals(0xCAFEBABE, data.readInt());
      data.readUnsignedShort(); // minor
      return data.readUnsignedShort();
    }
  }
}
