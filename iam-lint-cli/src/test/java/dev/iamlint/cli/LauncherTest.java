package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's choice of JVM options, with a stand-in JDK whose {@code java} prints its
 * arguments: start-up caches made only by a {@code check} run and used once made, the AOT cache
 * on JDK 25 (without {@code -Xshare:auto}, which it refuses), huge pages only where the kernel
 * gives them on request, the user's options taken as they are, and the launcher found through a
 * symbolic link.
 */
class LauncherTest {

  @TempDir Path tmp;
  private Path home;
  private Path jar;

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no POSIX shell here");
    home = tmp.resolve("iam-lint");
    Files.createDirectories(home.resolve("iam-lint-cli/target"));
    Files.copy(GithubIntegrationFilesTest.ROOT.resolve("iam-lint"), home.resolve("iam-lint"));
    jar = Files.write(home.resolve("iam-lint-cli/target/iam-lint-cli-9.9.9-all.jar"), new byte[] {'P', 'K'});
  }

  private Path jdk(String version) throws IOException {
    Path j = tmp.resolve("jdk-" + version);
    Files.createDirectories(j.resolve("bin"));
    Files.writeString(j.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    // prints the daemon switch it was given, then its arguments one per line
    Path java = Files.writeString(j.resolve("bin/java"),
        "#!/bin/sh\necho \"env:IAMLINT_DAEMON=${IAMLINT_DAEMON-unset}\"\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
    java.toFile().setExecutable(true);
    return j;
  }

  /** The arguments the launcher gives java. */
  private List<String> launch(Path launcher, Path javaHome, Map<String, String> env, String... args) throws Exception {
    return launchSeeingEnv(launcher, javaHome, env, args).stream().filter(l -> !l.startsWith("env:")).toList();
  }

  /** {@link #launch}, and first the fake java's {@code env:IAMLINT_DAEMON=...} line. */
  private List<String> launchSeeingEnv(Path launcher, Path javaHome, Map<String, String> env, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().remove("IAMLINT_JAVA_OPTS");
    pb.environment().remove("IAMLINT_CDS");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out.lines().toList();
  }

  private static boolean hugePagesOnRequest() throws IOException {
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    return Files.isReadable(thp) && Files.readString(thp).contains("[madvise]");
  }

  @Test
  void jdk17MakesTheArchiveOnACheckRunAndUsesItAfter() throws Exception {
    Path java17 = jdk("17.0.15");
    Path launcher = home.resolve("iam-lint");
    List<String> version = launch(launcher, java17, Map.of(), "--version");
    assertTrue(version.stream().noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit")), "--version trains nothing: " + version);
    List<String> first = launch(launcher, java17, Map.of(), "check", "p.json");
    String jsa = jar.toString().replace(".jar", ".jsa");
    assertTrue(first.contains("-XX:ArchiveClassesAtExit=" + jsa), first.toString());
    assertEquals(List.of("-jar", jar.toString(), "check", "p.json"), first.subList(first.size() - 4, first.size()));
    assertEquals(hugePagesOnRequest(), first.contains("-XX:+UseTransparentHugePages"), first.toString());
    assertTrue(first.contains("-Xshare:auto"), first.toString());

    Files.write(Path.of(jsa), new byte[] {1});
    Files.setLastModifiedTime(Path.of(jsa), FileTime.from(Instant.now().plusSeconds(5)));
    List<String> later = launch(launcher, java17, Map.of(), "--version");
    assertTrue(later.contains("-XX:SharedArchiveFile=" + jsa), "every run maps the archive once made: " + later);
  }

  @Test
  void aRunThatMakesAStartUpCacheIsNotHandedToTheDaemon() throws Exception {
    Path java17 = jdk("17.0.15");
    Path launcher = home.resolve("iam-lint");
    List<String> first = launchSeeingEnv(launcher, java17, Map.of("IAMLINT_DAEMON", "1"), "check", "p.json");
    assertTrue(first.contains("-XX:ArchiveClassesAtExit=" + jar.toString().replace(".jar", ".jsa")), first.toString());
    assertTrue(first.contains("env:IAMLINT_DAEMON=0"), "a daemon client would leave a cache of its few classes: " + first);
    Path jsa = Path.of(jar.toString().replace(".jar", ".jsa"));
    Files.write(jsa, new byte[] {1});
    Files.setLastModifiedTime(jsa, FileTime.from(Instant.now().plusSeconds(5)));
    List<String> later = launchSeeingEnv(launcher, java17, Map.of("IAMLINT_DAEMON", "1"), "check", "p.json");
    assertTrue(later.contains("env:IAMLINT_DAEMON=1"), later.toString());
    List<String> aot = launchSeeingEnv(launcher, jdk("25.0.3"), Map.of("IAMLINT_DAEMON", "1"), "check", "p.json");
    assertTrue(aot.contains("env:IAMLINT_DAEMON=0"), aot.toString());
  }

  @Test
  void jdk25MakesTheAotCacheWithoutXshare() throws Exception {
    List<String> args = launch(home.resolve("iam-lint"), jdk("25.0.3"), Map.of(), "check");
    assertTrue(args.contains("-XX:AOTCacheOutput=" + jar.toString().replace(".jar", ".aot")), args.toString());
    assertFalse(args.contains("-Xshare:auto"), args.toString());
    assertTrue(args.containsAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn16m",
        "-Djdk.reflect.useNativeAccessorOnly=true")), args.toString());
  }

  /** java on PATH through links (/usr/bin/java -> alternatives -> the JDK): its version is the JDK's. */
  @Test
  void javaOnThePathIsFollowedThroughItsLinksToTheJdksVersion() throws Exception {
    Path jdk25 = jdk("25.0.3");
    Path bin = Files.createDirectories(tmp.resolve("usr-bin"));
    Path alternatives = Files.createDirectories(tmp.resolve("alternatives"));
    try {
      Files.createSymbolicLink(alternatives.resolve("java"), jdk25.resolve("bin/java"));
      Files.createSymbolicLink(bin.resolve("java"), Path.of("../alternatives/java")); // a relative link
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
      return;
    }
    List<String> cmd = List.of("/bin/sh", home.resolve("iam-lint").toString(), "check");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("IAMLINT_JAVA_OPTS");
    pb.environment().remove("IAMLINT_CDS");
    pb.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    Process p = pb.start();
    List<String> args = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(args.contains("-XX:AOTCacheOutput=" + jar.toString().replace(".jar", ".aot")), args.toString());
  }

  @Test
  void theUsersOptionsAreTakenAsTheyAreAndCachesCanBeOff() throws Exception {
    List<String> args = launch(home.resolve("iam-lint"), jdk("17.0.2"), Map.of("IAMLINT_JAVA_OPTS", "-Xmx2g -Dx=y",
        "IAMLINT_CDS", "0"), "check");
    assertEquals(List.of("-Xmx2g", "-Dx=y", "-jar", jar.toString(), "check"), args);
  }

  @Test
  void aLinkToTheLauncherFindsItsJar() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path link;
    try {
      link = Files.createSymbolicLink(bin.resolve("iam-lint"), home.resolve("iam-lint"));
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
      return;
    }
    List<String> args = launch(link, jdk("17.0.15"), Map.of(), "rules");
    assertEquals(List.of("-jar", jar.toString(), "rules"), args.subList(args.size() - 3, args.size()));
  }
}
