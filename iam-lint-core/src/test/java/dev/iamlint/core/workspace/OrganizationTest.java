package dev.iamlint.core.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.config.ConfigLoader;
import dev.iamlint.core.format.Formats;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganizationTest {

  @TempDir Path root;

  private LoadedFile file(String rel, String content) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return new Loader(Limits.DEFAULT).load(new SourceFile(p, rel, rel.endsWith(".json") ? Format.JSON : Format.YAML));
  }

  /** The organization the formats' scan phase builds, as the engine runs it. */
  private Optional<Organization> org(Config c, List<LoadedFile> files) {
    return Optional.ofNullable(Formats.scan(c, root, files).deployment().organization());
  }

  private Config config(String yaml) throws IOException {
    Path f = root.resolve(".iam-lint.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f, root);
  }

  @Test
  void fromConfigSection() throws IOException {
    Config c = config("""
        organization:
          managementAccount: acme-management
          root: { id: r-ab12 }
          organizationalUnits:
            - { name: Prod, id: ou-ab12-33333333, parent: Workloads }
            - { name: Workloads, id: ou-ab12-22222222, parent: Root }
            - { name: Security, id: ou-ab12-11111111, parent: r-ab12 }
          accounts:
            - { name: acme-management, id: "111122223333", organizationalUnit: Root }
            - { name: acme-prod, id: "444455556666", organizationalUnit: Prod }
        """);
    Organization org = org(c, List.of()).orElseThrow();
    assertTrue(org.isRoot("Root"));
    assertTrue(org.isRoot("r-ab12"));
    assertEquals("Workloads/Prod", org.ouByIdOrNameOrPath("Prod").orElseThrow().path());
    assertEquals("Workloads/Prod", org.ouByIdOrNameOrPath("ou-ab12-33333333").orElseThrow().path());
    assertEquals("ou-ab12-33333333", org.ouByIdOrNameOrPath("Workloads/Prod").orElseThrow().id());
    assertEquals("ou-ab12-33333333", org.ouByIdOrNameOrPath("Root/Workloads/Prod").orElseThrow().id());
    assertFalse(org.ouByIdOrNameOrPath("prod").isPresent(), "names are case-sensitive");
    assertEquals("acme-prod", org.accountByIdOrName("444455556666").orElseThrow().name());
    assertEquals("444455556666", org.accountByIdOrName("acme-prod").orElseThrow().id());
    assertFalse(org.accountByIdOrName("ACME-PROD").isPresent());
    assertTrue(org.isManagement("acme-management"));
    assertTrue(org.isManagement("111122223333"));
    assertFalse(org.isManagement("acme-prod"));
    assertEquals(List.of("Workloads", "Security"), org.children(null).stream().map(Organization.Ou::name).toList());
    Organization.Ou workloads = org.ouByIdOrNameOrPath("Workloads").orElseThrow();
    assertEquals(List.of("Prod"), org.children(workloads).stream().map(Organization.Ou::name).toList());
    assertEquals(List.of("acme-management"), org.accountsIn(null).stream().map(Organization.Account::name).toList());
    assertEquals(List.of("acme-prod"),
        org.accountsIn(org.ouByIdOrNameOrPath("Prod").orElseThrow()).stream().map(Organization.Account::name).toList());
    assertEquals(c.file(), org.sources().get(0));
  }

  @Test
  void fromLandingZoneAcceleratorFiles() throws IOException {
    LoadedFile accounts = file("lza/accounts-config.yaml", """
        mandatoryAccounts:
          - name: Management
            email: mgmt@example.com
            organizationalUnit: Root
          - name: Audit
            email: audit@example.com
            organizationalUnit: Security
        workloadAccounts:
          - name: Prod1
            email: prod1@example.com
            organizationalUnit: Workloads/Prod
        accountIds:
          - email: MGMT@example.com
            accountId: '111111111111'
          - email: prod1@example.com
            accountId: 222222222222
        """);
    LoadedFile orgConfig = file("lza/organization-config.yaml", """
        enable: true
        organizationalUnits:
          - name: Security
          - name: Workloads
          - name: Workloads/Prod
        organizationalUnitIds:
          - name: Security
            id: ou-abcd-11111111
        serviceControlPolicies: []
        """);
    LoadedFile other = file("lza/iam-config.yaml", "policySets: []\n");
    Organization org = org(Config.DEFAULT, List.of(accounts, orgConfig, other)).orElseThrow();
    assertEquals(2, org.sources().size());
    Organization.Ou prod = org.ouByIdOrNameOrPath("Workloads/Prod").orElseThrow();
    assertEquals("Prod", prod.name());
    assertEquals("Workloads", prod.parentPath());
    assertEquals(prod, org.ouByIdOrNameOrPath("Prod").orElseThrow());
    assertEquals("Security", org.ouByIdOrNameOrPath("ou-abcd-11111111").orElseThrow().name());
    assertEquals("111111111111", org.accountByIdOrName("Management").orElseThrow().id());
    assertEquals("Prod1", org.accountByIdOrName("222222222222").orElseThrow().name());
    assertTrue(org.isManagement("Management"));
    assertTrue(org.isManagement("111111111111"));
    assertFalse(org.isManagement("Audit"));
    assertEquals(List.of("Prod1"), org.accountsIn(prod).stream().map(Organization.Account::name).toList());
    assertEquals(List.of("Management"), org.accountsIn(null).stream().map(Organization.Account::name).toList());
  }

  @Test
  void noSourceNoModel() throws IOException {
    LoadedFile policy = file("p.json", "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    assertTrue(org(Config.DEFAULT, List.of(policy)).isEmpty());
    assertTrue(new Workspace(List.of(), Formats.scan(Config.DEFAULT, root, List.of(policy)).deployment(), Config.DEFAULT).org().isEmpty());
  }
}
