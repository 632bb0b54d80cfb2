package dev.iamlint.core.analysis;

import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import java.util.regex.Pattern;

/** How far a statement's resources reach: every role, every resource of a kind, the caller's own user. */
public final class Resources {

  private Resources() {}

  /** A Resource value that matches every role: {@code *}, {@code arn:aws:iam::111122223333:role/*}, {@code arn:aws:iam::*:*}. */
  public static final Pattern ANY_ROLE = Pattern.compile("\\*|arn:.*:iam::.*:(\\*|role/?\\*)");

  /** The caller's own user: {@code arn:aws:iam::*:user/${aws:username}} (any account, any path). */
  private static final Pattern OWN_USER =
      Pattern.compile("arn:.*:iam::.*:user/(.*/)?\\$\\{aws:username}", Pattern.CASE_INSENSITIVE);

  /** The Resource value that matches every role, or the NotResource key; null when the roles are named. */
  public static Str anyRole(Statement s) {
    return matching(s, ANY_ROLE);
  }

  /**
   * The Resource value matching the pattern (trimmed), or the NotResource key (which reaches all
   * but a list); null when no value matches or the statement has neither element.
   */
  public static Str matching(Statement s, Pattern any) {
    if (s.resource() != null) {
      for (Str r : s.resource().values()) {
        if (any.matcher(r.text().trim()).matches()) return r;
      }
      return null;
    }
    return s.notResource() != null ? s.notResource().key() : null;
  }

  /**
   * True when every Resource value is the caller's own user ({@code ...:user/${aws:username}}):
   * credential actions on it give the caller nothing it does not have.
   */
  public static boolean selfScoped(Statement s) {
    if (s.resource() == null || s.resource().isEmpty()) return false;
    for (Str r : s.resource().values()) {
      if (!OWN_USER.matcher(r.text().trim()).matches()) return false;
    }
    return true;
  }
}
