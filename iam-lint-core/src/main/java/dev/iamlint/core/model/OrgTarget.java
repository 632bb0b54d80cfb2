package dev.iamlint.core.model;

/**
 * A root, organizational unit or account as an organization source names it (an attachment's or
 * a declaration's target), resolved against the organization only in the workspace.
 *
 * @param kind what the reference names; an OU reference that names the root ({@code Root}, the
 *     root's id) is the root once resolved
 * @param ref the id, name or path as written; {@code Root} for the root
 */
public record OrgTarget(Kind kind, String ref) {

  /** What a target reference names. */
  public enum Kind { ROOT, ORGANIZATIONAL_UNIT, ACCOUNT }

  public static OrgTarget root() {
    return new OrgTarget(Kind.ROOT, "Root");
  }
}
