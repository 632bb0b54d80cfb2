package dev.iamlint.core.workspace;

import static dev.iamlint.core.format.ExtractTestSupport.config;
import static dev.iamlint.core.format.ExtractTestSupport.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicySet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace's queries over the deployment model: SCP chains, policy-set targets, assignments. */
class DeploymentQueriesTest {

  private static final String ORGANIZATION = """
      organization:
        managementAccount: mgmt
        root: { scps: [scp/root.json] }
        organizationalUnits:
          - { name: Workloads, parent: Root, scps: [scp/workloads.json] }
          - { name: Prod, parent: Workloads, scps: [scp/prod.json] }
        accounts:
          - { name: mgmt, organizationalUnit: Root }
          - { name: app, id: "444455556666", organizationalUnit: Prod, scps: [scp/app.json] }
          - { name: loose, organizationalUnit: Root }
          - { name: opaque, organizationalUnit: Workloads, scps: [scp/not-in-repo.json] }
      """;

  private static String scp(String sid) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + sid + "\",\"Effect\":\"Deny\",\"Action\":\"a:B\",\"Resource\":\"*\"}]}";
  }

  private Workspace organization(Path root, String... more) throws IOException {
    Config c = config(root, ORGANIZATION);
    List<String> files = new java.util.ArrayList<>(List.of(
        "scp/root.json", scp("Root"), "scp/workloads.json", scp("Workloads"), "scp/prod.json", scp("Prod"),
        "scp/app.json", scp("App"), "scp/lza.json", scp("Lza"),
        "lza/organization-config.yaml", """
            organizationalUnits: [{ name: Workloads }]
            serviceControlPolicies:
              - name: FromLza
                policy: ../scp/lza.json
                deploymentTargets: { organizationalUnits: [Workloads] }
            """));
    files.addAll(List.of(more));
    return workspace(root, c, files.toArray(String[]::new));
  }

  private static List<String> sids(Optional<List<PolicyDocument>> chain) {
    return chain.orElseThrow().stream().map(p -> p.statements().get(0).sid().text()).toList();
  }

  @Test
  void scpChainOfAnAccountRunsFromTheRootDown(@TempDir Path root) throws IOException {
    Workspace ws = organization(root);
    Organization org = ws.org().orElseThrow();
    ScpAttachments scps = ws.scps();
    assertEquals(List.of("Root", "Workloads", "Lza", "Prod", "App"), sids(scps.chain(org.accountByIdOrName("app").orElseThrow())),
        "root, every OU on the path (sources merged), the account");
    assertEquals(List.of("Root", "Workloads", "Lza", "Prod"), sids(scps.chain(org.ouByIdOrNameOrPath("Prod").orElseThrow())));
    assertEquals(List.of("Root"), sids(scps.chain(org.accountByIdOrName("loose").orElseThrow())));
    assertTrue(scps.chain(org.accountByIdOrName("opaque").orElseThrow()).isEmpty(), "an SCP whose content is unknown");
    assertEquals(List.of("Root"), sids(scps.rootChain()));
  }

  @Test
  void targetsAreCountedPerSource(@TempDir Path root) throws IOException {
    ScpAttachments scps = organization(root).scps();
    List<ScpAttachments.Target> workloads = scps.targets().stream().filter(t -> t.name().equals("Workloads")).toList();
    assertEquals(List.of("config", "lza/organization-config.yaml"), workloads.stream().map(ScpAttachments.Target::source).toList());
    assertEquals(List.of("scp/workloads.json", "scp/lza.json"),
        scps.attachedTo(OrgTarget.Kind.ORGANIZATIONAL_UNIT, "Workloads").stream().map(PolicyAttachment::path).toList());
    ScpAttachments.Target mgmt = scps.targets().stream().filter(t -> t.name().equals("mgmt")).findFirst().orElseThrow();
    assertTrue(scps.isManagement(mgmt));
    assertTrue(scps.isAttached("scp/lza.json"));
    assertFalse(scps.isAttached("scp/other.json"));
    assertEquals("Lza", scps.document(workloads.get(1).scps().get(0)).statements().get(0).sid().text());
  }

  @Test
  void accountsAPolicySetDeploysTo(@TempDir Path root) throws IOException {
    Workspace ws = organization(root, "lza/iam-config.yaml", """
        policySets:
          - deploymentTargets: { organizationalUnits: [Workloads], excludedAccounts: [app] }
            policies: [{ name: WorkloadPolicy, policy: policies/workload.json }]
          - deploymentTargets: { organizationalUnits: [Root] }
            policies: [{ name: Everywhere }]
          - deploymentTargets: { accounts: ["{{ account }}"] }
            policies: [{ name: Templated }]
          - deploymentTargets: { organizationalUnits: [Nowhere], accounts: ["444455556666"] }
            policies: [{ name: Undefined }]
        """, "lza/policies/workload.json", scp("Workload"));
    List<PolicySet> sets = ws.policySets();
    assertEquals(Set.of("opaque"), ws.accountsOf(sets.get(0)));
    assertEquals(Set.of("mgmt", "app", "loose", "opaque"), ws.accountsOf(sets.get(1)));
    assertNull(ws.accountsOf(sets.get(2)), "templated targets are not resolvable");
    assertNull(ws.accountsOf(sets.get(3)), "an OU the organization does not define");
    PolicyDocument workload = ws.cmps().namedIgnoreCase("WorkloadPolicy").get(0).policy();
    assertTrue(ws.deployedByPolicySet(workload));
  }

  @Test
  void permissionSetsAssignmentsAndCmpReferences(@TempDir Path root) throws IOException {
    Workspace ws = workspace(root, Config.DEFAULT, "iam-config.yaml", """
        identityCenter:
          identityCenterPermissionSets:
            - name: Ops
              policies:
                customerManaged: [OpsPolicy]
                permissionsBoundary: { customerManagedPolicy: { name: Boundary } }
          identityCenterAssignments:
            - name: ops
              permissionSetName: Ops
              principals: [{ type: GROUP, name: a }, { type: GROUP, name: b }]
              deploymentTargets: { accounts: [app] }
            - name: other
              permissionSetName: Other
              principals: [{ type: GROUP, name: a }]
        """);
    PermissionSet ops = ws.permissionSetsNamed("Ops").get(0);
    assertEquals(List.of("OpsPolicy", "Boundary"), Workspace.cmpReferences(ops).stream().map(r -> r.name().text()).toList());
    assertEquals(1, ws.assignmentsOf(ops).size(), "one per assignment entry, not per principal");
    assertEquals(3, ws.assignments().size());
  }
}
