package dev.iamlint.core.format.lza;

import static dev.iamlint.core.format.ExtractTestSupport.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.DeclaredPolicy;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicySet;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.TargetDeclaration;
import dev.iamlint.core.workspace.Deployment;
import dev.iamlint.core.workspace.Organization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What LZA's configuration files contribute in the scan phase. */
class LzaFormatScanTest {

  private static final String ORGANIZATION = """
      organizationalUnits:
        - name: Security
        - name: Workloads
      quarantineNewAccounts:
        enable: true
        scpPolicyName: Quarantine
      serviceControlPolicies:
        - name: Guardrails
          policy: scp/guardrails.json
          strategy: allow-list
          deploymentTargets:
            organizationalUnits: [Root, Workloads]
            accounts: ["{{ account Audit }}"]
        - name: Quarantine
          policy: scp/quarantine.json
        - name: Forgotten
          policy: scp/forgotten.json
      """;

  @Test
  void organizationAndScpAttachments(@TempDir Path root) throws IOException {
    Deployment d = scan(root, Config.DEFAULT, "config/organization-config.yaml", ORGANIZATION).deployment();
    Organization org = d.organization();
    assertEquals(List.of("Security", "Workloads"), org.organizationalUnits().stream().map(Organization.Ou::path).toList());

    String src = "config/organization-config.yaml";
    List<PolicyAttachment> attached = d.attachments();
    assertEquals(List.of(
        new OrgTarget(OrgTarget.Kind.ORGANIZATIONAL_UNIT, "Root"),
        new OrgTarget(OrgTarget.Kind.ORGANIZATIONAL_UNIT, "Workloads"),
        new OrgTarget(OrgTarget.Kind.ACCOUNT, "{{ account Audit }}")),
        attached.subList(0, 3).stream().map(PolicyAttachment::target).toList());
    assertTrue(attached.subList(0, 3).stream().allMatch(a -> a.source().equals(src) && a.label().equals("Guardrails")
        && a.path().equals("config/scp/guardrails.json") && a.kind() == PolicyKind.SCP));
    // The quarantine SCP is attached by LZA to new accounts: attached, to no modelled target.
    PolicyAttachment quarantine = attached.get(3);
    assertNull(quarantine.target());
    assertEquals("config/scp/quarantine.json", quarantine.path());
    assertEquals(4, attached.size());

    // allow-list: FullAWSAccess is detached from every target of the entry. The root is declared
    // at the serviceControlPolicies key (for findings about it), FullAWSAccess left as it is.
    assertEquals(4, d.targetDeclarations().size());
    TargetDeclaration rootTarget = d.targetDeclarations().get(0);
    assertEquals(OrgTarget.root(), rootTarget.target());
    assertTrue(rootTarget.fullAwsAccess());
    assertEquals(7, rootTarget.span().startLine(), "at the serviceControlPolicies key");
    assertEquals(1, rootTarget.span().startColumn());
    assertTrue(d.targetDeclarations().subList(1, 4).stream().noneMatch(TargetDeclaration::fullAwsAccess));

    assertEquals(List.of("Guardrails", "Quarantine", "Forgotten"), d.declaredPolicies().stream().map(DeclaredPolicy::label).toList());
    assertEquals(16, d.declaredPolicies().get(2).span().startLine(), "at the entry's name");
  }

  @Test
  void ignoredOusAreNotManaged(@TempDir Path root) throws IOException {
    Organization org = scan(root, Config.DEFAULT, "config/organization-config.yaml", """
        organizationalUnits:
          - name: Security
          - name: Suspended
            ignore: true
          - name: Suspended/Old
          - name: Sandbox
            ignore: false
        """).deployment().organization();
    assertEquals(List.of(false, true, true, false),
        org.organizationalUnits().stream().map(org::isUnmanaged).toList(), "an ignored OU and what is below it");
  }

  @Test
  void organizationsNotEnabled(@TempDir Path root) throws IOException {
    Deployment d = scan(root, Config.DEFAULT, "config/organization-config.yaml", """
        enable: false
        organizationalUnits: []
        serviceControlPolicies:
          - name: Guardrails
            policy: scp/guardrails.json
            deploymentTargets:
              organizationalUnits: [Root]
        """).deployment();
    assertTrue(d.organization().withoutOrganizations(), "LZA enable: false: accounts outside any organization");
    assertTrue(d.attachments().isEmpty(), "no SCP is attached where there is no organization");
  }

  @Test
  void declaresTheFilesItNames(@TempDir Path root) throws IOException {
    ScanContext ctx = scan(root, Config.DEFAULT, "config/organization-config.yaml", ORGANIZATION,
        "config/iam-config.yaml", """
            policySets:
              - deploymentTargets: { accounts: [Prod] }
                policies:
                  - name: AppPolicy
                    policy: iam-policies/app.json
            identityCenter:
              identityCenterPermissionSets:
                - name: Ops
                  policies:
                    inlinePolicy: iam-policies/ops-inline.json
            """,
        "config/scp/guardrails.json", "{}");
    ExtractContext.Declared scp = ctx.declarations().declared("config/scp/guardrails.json");
    assertEquals(PolicyKind.SCP, scp.kind());
    assertTrue(scp.reserialized(), "LZA deploys the file re-serialized");
    ExtractContext.Declared cmp = ctx.declarations().declared("config/iam-policies/app.json");
    assertEquals(Set.of(PolicyUse.MANAGED), cmp.uses());
    assertEquals("AppPolicy", cmp.name().text());
    assertEquals(Set.of(PolicyUse.PERMISSION_SET_INLINE), ctx.declarations().declared("config/iam-policies/ops-inline.json").uses());
    Deployment d = ctx.deployment();
    assertEquals(List.of(false, false, true, false, false),
        d.fileReferences().stream().map(r -> r.exists()).toList(), "iam-config.yaml is scanned first; only guardrails.json exists");
  }

  @Test
  void policySetsWithTheirTargets(@TempDir Path root) throws IOException {
    Deployment d = scan(root, Config.DEFAULT, "config/iam-config.yaml", """
        policySets:
          - deploymentTargets:
              organizationalUnits: [Workloads]
              accounts: [Audit, 111122223333]
              excludedAccounts: [Sandbox]
            policies:
              - name: AppPolicy
                policy: iam-policies/app.json
              - name: RemotePolicy
                policy: https://example.com/policy.json
          - policies: [{ name: Other }]
        """).deployment();
    assertEquals(2, d.policySets().size());
    PolicySet set = d.policySets().get(0);
    assertEquals(List.of("Workloads"), set.targets().organizationalUnits().stream().map(Str::text).toList());
    assertEquals(List.of("Audit", "111122223333"), set.targets().accounts().stream().map(Str::text).toList());
    assertEquals(List.of("Sandbox"), set.targets().excludedAccounts().stream().map(Str::text).toList());
    assertEquals("config/iam-policies/app.json", set.policies().get(0).path());
    assertNull(set.policies().get(1).path(), "a URL is not a file of the repository");
    assertTrue(d.policySets().get(1).targets().organizationalUnits().isEmpty());
    assertNull(d.organization(), "an iam-config.yaml alone is no organization source");
  }

  /** A policy named only as roles' boundaryPolicy is a boundary (it grants nothing); one also attached is not. */
  @Test
  void boundaryOnlyPolicies(@TempDir Path root) throws IOException {
    ScanContext ctx = scan(root, Config.DEFAULT, "config/iam-config.yaml", """
        policySets:
          - deploymentTargets: { organizationalUnits: [Root] }
            policies:
              - name: Default-Boundary
                policy: iam-policies/boundary.json
              - name: Both
                policy: iam-policies/both.json
              - name: App
                policy: iam-policies/app.json
        roleSets:
          - deploymentTargets: { organizationalUnits: [Root] }
            roles:
              - name: A
                policies: { customerManaged: [App, Both] }
                boundaryPolicy: Default-Boundary
              - name: B
                boundaryPolicy: Both
        """);
    assertEquals(Set.of(PolicyUse.MANAGED, PolicyUse.BOUNDARY),
        ctx.declarations().declared("config/iam-policies/boundary.json").uses());
    assertEquals(Set.of(PolicyUse.MANAGED), ctx.declarations().declared("config/iam-policies/both.json").uses());
    assertEquals(Set.of(PolicyUse.MANAGED), ctx.declarations().declared("config/iam-policies/app.json").uses());
  }

  /**
   * LZA creates one policy per policySets[].policies[] entry, so one file under two names is two
   * policies: both names are declared, and the file is a boundary only if every name is one.
   */
  @Test
  void oneFileUnderSeveralNames(@TempDir Path root) throws IOException {
    ScanContext ctx = scan(root, Config.DEFAULT, "config/iam-config.yaml", """
        policySets:
          - deploymentTargets: { organizationalUnits: [Root] }
            policies:
              - name: Boundary
                policy: iam-policies/shared.json
              - name: Attached
                policy: iam-policies/shared.json
              - name: Attached
                policy: iam-policies/shared.json
              - name: OnlyBoundaryOne
                policy: iam-policies/boundary.json
              - name: OnlyBoundaryTwo
                policy: iam-policies/boundary.json
        roleSets:
          - deploymentTargets: { organizationalUnits: [Root] }
            roles:
              - name: A
                policies: { customerManaged: [Attached] }
                boundaryPolicy: Boundary
              - name: B
                boundaryPolicy: OnlyBoundaryOne
              - name: C
                boundaryPolicy: OnlyBoundaryTwo
        """);
    ExtractContext.Declared shared = ctx.declarations().declared("config/iam-policies/shared.json");
    assertEquals("Boundary", shared.name().text(), "the first entry's name stays the document's name");
    assertEquals(List.of("Boundary", "Attached"), shared.names().stream().map(n -> n.name().text()).toList());
    assertEquals("config/iam-config.yaml", shared.names().get(1).file().relativePath());
    assertEquals(Set.of(PolicyUse.MANAGED), shared.uses(), "attached under one of its names: not a boundary only");
    ExtractContext.Declared boundary = ctx.declarations().declared("config/iam-policies/boundary.json");
    assertEquals(Set.of(PolicyUse.MANAGED, PolicyUse.BOUNDARY), boundary.uses());
    assertEquals(2, boundary.names().size());
  }
}
