package dev.iamlint.core.model;

import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.util.List;

/**
 * An account assignment: a principal gets a permission set in some targets.
 *
 * @param permissionSet the permission set's name (or a reference that resolves to one), or null
 * @param principalType USER or GROUP, as written
 * @param principal the principal's id or name
 * @param targets where the permission set is provisioned
 */
public record Assignment(
    SourceFile file,
    Node node,
    Str permissionSet,
    Str principalType,
    Str principal,
    List<Target> targets,
    String format) implements Document {

  public Assignment {
    targets = List.copyOf(targets);
  }

  /** An assignment target. */
  public record Target(Type type, Str raw, String name, String id) {}

  /** What a target names. */
  public enum Type {
    ACCOUNT,
    ORGANIZATIONAL_UNIT,
    /** An OU and every OU below it. */
    ORGANIZATIONAL_UNIT_RECURSIVE,
    ROOT,
    /** Something this version cannot resolve (an account tag, a placeholder). */
    OTHER
  }

  @Override
  public Span span() {
    return node.span();
  }

  @Override
  public String pointer() {
    return node.pointer();
  }

  @Override
  public String displayName() {
    return permissionSet != null ? permissionSet.text() : file.relativePath() + "#" + node.pointer();
  }
}
