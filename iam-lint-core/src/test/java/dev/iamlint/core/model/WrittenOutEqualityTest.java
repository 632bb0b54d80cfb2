package dev.iamlint.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import dev.iamlint.core.workspace.Organization;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Records whose equals and hashCode are written out (for start-up, see their comments) keep a
 * record's contract: equal exactly when every component is, and equal ones hash alike.
 */
class WrittenOutEqualityTest {

  private static final SourceFile A = new SourceFile(Path.of("a.yaml"), "a.yaml", Format.YAML);
  private static final SourceFile B = new SourceFile(Path.of("b.yaml"), "b.yaml", Format.YAML);

  @Test
  void spanComparesEveryComponent() {
    Span s = new Span(2, 3, 4, 5);
    assertEqualAndHashAlike(s, new Span(2, 3, 4, 5));
    for (Span other : List.of(new Span(1, 3, 4, 5), new Span(2, 4, 4, 5), new Span(2, 3, 5, 5), new Span(2, 3, 4, 6))) {
      assertNotEquals(s, other);
    }
    assertNotEquals(s, null);
    assertNotEquals(s, "2:3-4:5");
  }

  @Test
  void sourceFileComparesEveryComponent() {
    SourceFile f = new SourceFile(Path.of("p/a.json"), "p/a.json", Format.JSON);
    assertEqualAndHashAlike(f, new SourceFile(Path.of("p/a.json"), "p/a.json", Format.JSON));
    assertNotEquals(f, new SourceFile(Path.of("q/a.json"), "p/a.json", Format.JSON));
    assertNotEquals(f, new SourceFile(Path.of("p/a.json"), "a.json", Format.JSON));
    assertNotEquals(f, new SourceFile(Path.of("p/a.json"), "p/a.json", Format.YAML));
    assertEqualAndHashAlike(new SourceFile(null, null, null), new SourceFile(null, null, null));
  }

  @Test
  void strComparesEveryComponentNullsIncluded() {
    Str s = new Str("s3:GetObject", new Span(1, 2, 1, 14), "/Statement/0/Action");
    assertEqualAndHashAlike(s, new Str("s3:GetObject", new Span(1, 2, 1, 14), "/Statement/0/Action"));
    assertNotEquals(s, new Str("s3:GetObjectX", s.span(), s.pointer()));
    assertNotEquals(s, new Str(s.text(), new Span(1, 3, 1, 14), s.pointer()));
    assertNotEquals(s, new Str(s.text(), s.span(), "/Statement/1/Action"));
    assertEqualAndHashAlike(new Str(null, null, null), new Str(null, null, null));
    assertNotEquals(new Str(null, null, null), s);
  }

  @Test
  void organizationUnitsAndAccountsCompareEveryComponent() {
    Span at = new Span(3, 1, 3, 9);
    Organization.Ou ou = new Organization.Ou("ou-1", "Prod", "Workloads/Prod", "Workloads", A, at);
    assertEqualAndHashAlike(ou, new Organization.Ou("ou-1", "Prod", "Workloads/Prod", "Workloads", A, at));
    List<Function<Organization.Ou, Organization.Ou>> changes = List.of(
        o -> new Organization.Ou("ou-2", o.name(), o.path(), o.parentPath(), o.file(), o.span()),
        o -> new Organization.Ou(o.id(), "Dev", o.path(), o.parentPath(), o.file(), o.span()),
        o -> new Organization.Ou(o.id(), o.name(), "Prod", o.parentPath(), o.file(), o.span()),
        o -> new Organization.Ou(o.id(), o.name(), o.path(), null, o.file(), o.span()),
        o -> new Organization.Ou(o.id(), o.name(), o.path(), o.parentPath(), B, o.span()),
        o -> new Organization.Ou(o.id(), o.name(), o.path(), o.parentPath(), o.file(), null));
    for (Function<Organization.Ou, Organization.Ou> change : changes) assertNotEquals(ou, change.apply(ou));

    Organization.Account acct = new Organization.Account("111122223333", "prod", "Workloads/Prod", A, at);
    assertEqualAndHashAlike(acct, new Organization.Account("111122223333", "prod", "Workloads/Prod", A, at));
    assertNotEquals(acct, new Organization.Account("444455556666", "prod", "Workloads/Prod", A, at));
    assertNotEquals(acct, new Organization.Account("111122223333", "dev", "Workloads/Prod", A, at));
    assertNotEquals(acct, new Organization.Account("111122223333", "prod", "Root", A, at));
    assertNotEquals(acct, new Organization.Account("111122223333", "prod", "Workloads/Prod", B, at));
    assertNotEquals(acct, new Organization.Account("111122223333", "prod", "Workloads/Prod", A, null));
  }

  private static void assertEqualAndHashAlike(Object a, Object b) {
    assertEquals(a, b);
    assertEquals(b, a);
    assertEquals(a.hashCode(), b.hashCode());
  }
}
