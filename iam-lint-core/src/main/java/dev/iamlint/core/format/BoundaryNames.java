package dev.iamlint.core.format;

/**
 * Names that say a policy is a permissions boundary ({@code permissions-boundaries/},
 * {@code DevPermissionsBoundary.json}, a managed policy named {@code AppPermissionsBoundary}, and
 * AWS's own managed policies meant as boundaries, such as
 * {@code AmazonDataZoneProjectRolePermissionsBoundary}): an identity policy so named limits a
 * role's permissions and grants nothing by itself (IAM User Guide, "Permissions boundaries for IAM
 * entities"). Shared by the formats that name policies: a policy file by its path, a template's
 * managed policy by its name; with the name normalisation ({@link #compact}, {@link #stem}) the
 * policy-file format also reads other kinds from folder names by.
 */
public final class BoundaryNames {

  private BoundaryNames() {}

  /** Whether the name, compared ignoring case and separators, says permissions boundary. */
  public static boolean names(String name) {
    if (name == null) return false;
    String compact = compact(name);
    return compact.contains("permissionsboundar") || compact.contains("permissionboundar");
  }

  /** Whether the file (its name without extensions) or one of its folders {@link #names names} a boundary. */
  public static boolean pathNames(String relativePath) {
    String[] segments = relativePath.replace('\\', '/').split("/");
    for (int i = 0; i < segments.length; i++) {
      if (names(i == segments.length - 1 ? stem(segments[i]) : segments[i])) return true;
    }
    return false;
  }

  /** The file name without its extensions ({@code a.policy.json} to {@code a}). */
  public static String stem(String fileName) {
    int dot = fileName.indexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /** The text in lower case with everything but letters and digits left out ("Service_Control-Policies" to "servicecontrolpolicies"). */
  public static String compact(String segment) {
    StringBuilder sb = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = Character.toLowerCase(segment.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) sb.append(c);
    }
    return sb.toString();
  }
}
