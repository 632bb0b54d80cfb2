package dev.iamlint.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The iam-lint version, from the build. */
public final class Version {

  private static final String VERSION = read();

  private Version() {}

  public static String get() {
    return VERSION;
  }

  /** The semantic version without a -SNAPSHOT suffix (SARIF semanticVersion). */
  public static String semantic() {
    return VERSION.replace("-SNAPSHOT", "");
  }

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) return "0.0.0";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "0.0.0");
    } catch (IOException e) {
      return "0.0.0";
    }
  }
}
