package dev.iamlint.core.format.lza;

import static dev.iamlint.core.format.ExtractTestSupport.assignments;
import static dev.iamlint.core.format.ExtractTestSupport.corpus;
import static dev.iamlint.core.format.ExtractTestSupport.extract;
import static dev.iamlint.core.format.ExtractTestSupport.named;
import static dev.iamlint.core.format.ExtractTestSupport.names;
import static dev.iamlint.core.format.ExtractTestSupport.permissionSets;
import static dev.iamlint.core.format.ExtractTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.Formats;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LzaFormatExtractTest {

  private static final String SAMPLE = """
      policySets:
        - deploymentTargets:
            organizationalUnits: [Root]
          identityCenterDependency: true
          policies:
            - name: AcceleratorManagedPolicy01
              policy: iam-policies/p.json
      roleSets:
        - deploymentTargets:
            organizationalUnits: [Root]
          roles:
            - name: Backup-Role
              assumedBy:
                - type: service
                  principal: backup.amazonaws.com
              policies:
                awsManaged: [AdministratorAccess]
      identityCenter:
        name: identityCenter1
        identityCenterPermissionSets:
          - name: Admin
            sessionDuration: 60
            policies:
              awsManaged:
                - arn:aws:iam::aws:policy/AdministratorAccess
                - ReadOnlyAccess
              customerManaged:
                - CollectorPolicy
              acceleratorManaged:
                - AcceleratorManagedPolicy01
              inlinePolicy: iam-policies/inline.json
              permissionsBoundary:
                customerManagedPolicy:
                  name: BoundaryPolicy
                  path: /boundaries/
          - name: ReadOnly
            policies:
              awsManaged: [ReadOnlyAccess]
              permissionsBoundary:
                awsManagedPolicyName: PowerUserAccess
          - name: Bare
        identityCenterAssignments:
          - name: Assignment1
            permissionSetName: Admin
            principalId: 'abcd1234'
            principalType: USER
            principals:
              - type: USER
                name: alice
              - type: GROUP
                name: admins
            deploymentTargets:
              accounts:
                - LogArchive
                - '111122223333'
              organizationalUnits:
                - Root
                - Security
          - name: Assignment2
            permissionSetName: ReadOnly
            principalId: 'efgh5678'
            principalType: GROUP
            deploymentTargets:
              organizationalUnits: [Infrastructure]
      """;

  @Test
  void extractsPermissionSets(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "config/iam-config.yaml", SAMPLE);
    List<PermissionSet> sets = permissionSets(ctx);
    assertEquals(List.of("Admin", "ReadOnly", "Bare"), names(sets));

    PermissionSet admin = named(sets, "Admin");
    assertEquals("lza", admin.format());
    assertEquals(21, admin.span().startLine());
    assertEquals(21, admin.name().span().startLine());
    assertEquals("60", text(admin.sessionDuration()));
    assertEquals(22, admin.sessionDuration().span().startLine());
    assertEquals(List.of("arn:aws:iam::aws:policy/AdministratorAccess", "ReadOnlyAccess"),
        admin.managedPolicies().stream().map(Str::text).toList());
    assertEquals(26, admin.managedPolicies().get(1).span().startLine());
    assertEquals(List.of("CollectorPolicy", "AcceleratorManagedPolicy01"),
        admin.customerManagedPolicies().stream().map(c -> c.name().text()).toList());
    assertTrue(admin.customerManagedPolicies().stream().allMatch(c -> c.path() == null && c.pathOrDefault().equals("/")));
    assertEquals(28, admin.customerManagedPolicies().get(0).span().startLine());
    assertEquals(30, admin.customerManagedPolicies().get(1).span().startLine());
    assertNull(admin.inlinePolicy(), "the inline policy file is linted on its own");
    assertNotNull(admin.boundary());
    assertNull(admin.boundary().managedPolicy());
    assertEquals("BoundaryPolicy", admin.boundary().customerManaged().name().text());
    assertEquals("/boundaries/", admin.boundary().customerManaged().path().text());
    assertEquals(34, admin.boundary().customerManaged().name().span().startLine());

    PermissionSet ro = named(sets, "ReadOnly");
    assertNull(ro.sessionDuration());
    assertEquals("PowerUserAccess", ro.boundary().managedPolicy().text());
    assertNull(ro.boundary().customerManaged());
    assertEquals(40, ro.boundary().managedPolicy().span().startLine());

    PermissionSet bare = named(sets, "Bare");
    assertTrue(bare.managedPolicies().isEmpty());
    assertTrue(bare.customerManagedPolicies().isEmpty());
    assertNull(bare.boundary());
  }

  @Test
  void assignmentsOnePerPrincipal(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "iam-config.yaml", SAMPLE);
    List<Assignment> as = assignments(ctx);
    assertEquals(3, as.size());

    Assignment alice = as.get(0);
    assertEquals("lza", alice.format());
    assertEquals("Admin", alice.permissionSet().text());
    assertEquals(44, alice.permissionSet().span().startLine());
    assertEquals("USER", alice.principalType().text());
    assertEquals("alice", alice.principal().text());
    assertEquals(49, alice.principal().span().startLine());
    assertEquals(43, alice.span().startLine());
    Assignment admins = as.get(1);
    assertEquals("GROUP", admins.principalType().text());
    assertEquals("admins", admins.principal().text());

    List<Assignment.Target> t = alice.targets();
    assertEquals(4, t.size());
    assertEquals(new Assignment.Target(Assignment.Type.ACCOUNT, t.get(0).raw(), "LogArchive", null), t.get(0));
    assertEquals(54, t.get(0).raw().span().startLine());
    assertEquals(Assignment.Type.ACCOUNT, t.get(1).type());
    assertEquals("111122223333", t.get(1).id());
    assertEquals(Assignment.Type.ROOT, t.get(2).type());
    assertEquals("Root", t.get(2).name());
    assertEquals(Assignment.Type.ORGANIZATIONAL_UNIT, t.get(3).type());
    assertEquals("Security", t.get(3).name());
    assertNull(t.get(3).id());
    assertEquals(58, t.get(3).raw().span().startLine());
    assertEquals(t, admins.targets());

    Assignment deprecated = as.get(2);
    assertEquals("ReadOnly", deprecated.permissionSet().text());
    assertEquals("GROUP", deprecated.principalType().text());
    assertEquals("efgh5678", deprecated.principal().text());
    assertEquals(List.of(Assignment.Type.ORGANIZATIONAL_UNIT), deprecated.targets().stream().map(Assignment.Target::type).toList());
    assertEquals("Infrastructure", deprecated.targets().get(0).name());
  }

  @Test
  void unquotedAccountIdIsAnAccount(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "iam-config.yaml", """
        identityCenter:
          identityCenterAssignments:
            - permissionSetName: X
              principals: [{type: USER, name: bob}]
              deploymentTargets:
                accounts: [111122223333]
        """);
    Assignment.Target t = assignments(ctx).get(0).targets().get(0);
    assertEquals(Assignment.Type.ACCOUNT, t.type());
    assertEquals("111122223333", t.id());
  }

  @Test
  void roleSetsAndPolicySetsAloneAreRecognisedWithoutDocuments(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "iam-config.yaml", """
        roleSets:
          - deploymentTargets: {accounts: [Management]}
            roles:
              - name: R
                assumedBy: [{type: account, principal: '111122223333'}]
        policySets: []
        """);
    assertTrue(ctx.documents().isEmpty());
    assertTrue(ctx.problems().isEmpty());
  }

  @Test
  void malformedShapesDoNotCrash(@TempDir Path dir) throws IOException {
    ExtractContext ctx = extract(dir, "iam-config.yaml", """
        identityCenter:
          identityCenterPermissionSets:
            - just-a-string
            - name: [not, a, string]
              sessionDuration: sixty
              policies:
                awsManaged: ReadOnlyAccess
                customerManaged: {a: b}
                permissionsBoundary: {}
          identityCenterAssignments:
            - permissionSetName: 7
              principals: [bob]
              deploymentTargets: nope
        roleSets:
          - roles: nope
        """);
    List<PermissionSet> sets = permissionSets(ctx);
    assertEquals(1, sets.size());
    assertNull(sets.get(0).name());
    assertEquals("sixty", text(sets.get(0).sessionDuration()));
    assertEquals(List.of("ReadOnlyAccess"), sets.get(0).managedPolicies().stream().map(Str::text).toList());
    assertNull(sets.get(0).boundary());
    Assignment a = assignments(ctx).get(0);
    assertNull(a.permissionSet());
    assertTrue(a.targets().isEmpty());
  }

  @Test
  void otherYamlIsNotLza(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("other.yaml");
    java.nio.file.Files.writeString(p, "identityCenter: yes\nfoo: bar\n");
    SourceFile sf = new SourceFile(p, "other.yaml", Format.YAML);
    LoadedFile loaded = new Loader(Limits.DEFAULT).load(sf);
    ExtractContext ctx = new ExtractContext(sf, null, Limits.DEFAULT);
    assertFalse(Formats.extractAll(loaded.documents(), ctx));
    assertTrue(ctx.documents().isEmpty());
  }

  @Test
  void realCorpusAllEnabled() {
    Path p = corpus("lza/test-config-all-enabled/iam-config.yaml");
    ExtractContext ctx = extract(p, "lza/test-config-all-enabled/iam-config.yaml");
    List<PermissionSet> sets = permissionSets(ctx);
    assertEquals(List.of("PermissionSet1", "PermissionSet2", "PermissionSet3"), names(sets));

    PermissionSet ps1 = named(sets, "PermissionSet1");
    assertNull(ps1.sessionDuration(), "sessionDuration is commented out");
    assertEquals(List.of("arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/CloudFrontFullAccess",
        "PowerUserAccess", "ReadOnlyAccess"), ps1.managedPolicies().stream().map(Str::text).toList());
    assertEquals(List.of("ResourceConfigurationCollectorPolicy", "lzaManagedPolicy01", "lzaManagedPolicy02"),
        ps1.customerManagedPolicies().stream().map(c -> c.name().text()).toList());
    assertEquals("PowerUserAccess", ps1.boundary().managedPolicy().text());
    assertNull(ps1.boundary().customerManaged());
    assertNull(ps1.inlinePolicy());

    PermissionSet ps2 = named(sets, "PermissionSet2");
    assertEquals("60", text(ps2.sessionDuration()));
    assertEquals("lzaManagedPolicy01", ps2.boundary().customerManaged().name().text());
    assertEquals("/", ps2.boundary().customerManaged().path().text());
    assertNull(ps2.boundary().managedPolicy());

    List<Assignment> as = assignments(ctx);
    // Assignment1: four principals (the deprecated principalId is superseded); Assignment2: the deprecated pair.
    assertEquals(5, as.size());
    assertEquals(List.of("lza-accelerator-user-01", "lza-accelerator-group-01", "lza-accelerator-user-02",
        "lza-accelerator-group-02", "1234abcd-1001-70f0-9c12-56a6aa967ca4"), as.stream().map(a -> a.principal().text()).toList());
    assertEquals("LogArchive", as.get(0).targets().get(0).name());
    assertEquals(Assignment.Type.ACCOUNT, as.get(0).targets().get(0).type());
    assertEquals("Security", as.get(4).targets().get(0).name());
    assertEquals(Assignment.Type.ORGANIZATIONAL_UNIT, as.get(4).targets().get(0).type());
    assertEquals("GROUP", as.get(4).principalType().text());
  }
}
