package dev.iamlint.core.rule;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The id and name formats every rule follows, built-in or not. An id is a prefix of capital
 * letters, an optional hyphen and three or four digits ({@code IAM201}, {@code ACME001},
 * {@code ACME-0001}); a name is kebab-case ({@code full-admin-grant}). The prefix {@code IAM} is
 * reserved for iam-lint's own rules, and so is every name of the published rule catalogue, so a
 * user's rule can never shadow a built-in one in {@code explain}, {@code --rule} or a suppression.
 * The configuration schema's {@code ruleName} pattern accepts exactly these forms (ids in any case).
 */
public final class RuleIds {

  /** The id format (upper case as declared; configuration may write it in any case). */
  public static final Pattern ID = Pattern.compile("[A-Z]+-?[0-9]{3,4}");

  /** The name format. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** The prefix of iam-lint's own rule ids. */
  public static final String RESERVED_PREFIX = "IAM";

  private RuleIds() {}

  /** True when the text, in any case, has the form of a rule id. */
  public static boolean isIdFormat(String text) {
    return text != null && ID.matcher(text.trim().toUpperCase(Locale.ROOT)).matches();
  }

  /** The prefix of an id ({@code ACME} of {@code ACME-0001}), upper case. */
  public static String prefix(String id) {
    String t = id.trim().toUpperCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && t.charAt(i) >= 'A' && t.charAt(i) <= 'Z') i++;
    return t.substring(0, i);
  }

  /** True for an id in iam-lint's reserved prefix. */
  public static boolean isReserved(String id) {
    return isIdFormat(id) && RESERVED_PREFIX.equals(prefix(id));
  }

  /**
   * True for an id that a rule outside iam-lint may have: the id format, not the reserved prefix.
   * A configuration naming such an id that no loaded rule has is waiting for a plugin, not a typo.
   */
  public static boolean isCustomId(String id) {
    return isIdFormat(id) && !isReserved(id);
  }

  /**
   * Why a rule from outside iam-lint may not have this id and name, or null when it may: the
   * formats, the reserved prefix, and the names of the published catalogue.
   */
  public static String problem(String id, String name) {
    if (id == null || !ID.matcher(id).matches()) {
      return "id '" + id + "' does not have the form of a rule id: capital letters, an optional '-', and 3 or 4 digits "
          + "(e.g. ACME001 or ACME-0001)";
    }
    if (isReserved(id)) {
      return "id '" + id + "' uses the prefix " + RESERVED_PREFIX + ", which is reserved for iam-lint's own rules";
    }
    if (name == null || !NAME.matcher(name).matches()) {
      return "name '" + name + "' is not kebab-case (lower-case words joined by '-', e.g. no-s3-delete-bucket)";
    }
    String builtIn = RuleCatalogue.idOf(name);
    if (builtIn != null) {
      return "name '" + name + "' is the name of the built-in rule " + builtIn;
    }
    return null;
  }
}
