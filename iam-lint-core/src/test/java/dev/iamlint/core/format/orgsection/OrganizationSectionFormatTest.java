package dev.iamlint.core.format.orgsection;

import static dev.iamlint.core.format.ExtractTestSupport.config;
import static dev.iamlint.core.format.ExtractTestSupport.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.TargetDeclaration;
import dev.iamlint.core.workspace.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganizationSectionFormatTest {

  @Test
  void sectionContributesOrganizationAttachmentsAndDeclarations(@TempDir Path root) throws IOException {
    Config c = config(root, """
        organization:
          managementAccount: mgmt
          root: { id: r-ab12, scps: [scp/root.json] }
          organizationalUnits:
            - { name: Prod, parent: Workloads, scps: [./scp/prod.json], rcps: [rcp/prod.json] }
            - { name: Workloads, parent: Root, fullAWSAccess: false }
          accounts:
            - { name: mgmt, id: "111122223333", organizationalUnit: Root }
        """);
    ScanContext ctx = scan(root, c, "scp/root.json", "{}");
    Deployment d = ctx.deployment();
    assertEquals("Workloads/Prod", d.organization().ouByIdOrNameOrPath("Prod").orElseThrow().path());
    assertTrue(d.organization().isManagement("111122223333"));
    assertEquals(List.of("config"), d.attachments().stream().map(PolicyAttachment::source).distinct().toList());
    assertEquals(List.of("scp/root.json", "scp/prod.json", "rcp/prod.json"), d.attachments().stream().map(PolicyAttachment::path).toList());
    assertEquals(OrgTarget.root(), d.attachments().get(0).target());
    assertEquals(PolicyKind.RCP, d.attachments().get(2).kind());
    assertEquals(List.of(true, true, false, true), d.targetDeclarations().stream().map(TargetDeclaration::fullAwsAccess).toList());
    assertEquals(PolicyKind.SCP, ctx.declarations().declared("scp/prod.json").kind());
    assertEquals(List.of(true, false, false), d.fileReferences().stream().map(r -> r.exists()).toList());
  }

  @Test
  void noSectionNoOrganization(@TempDir Path root) throws IOException {
    Deployment d = scan(root, Config.DEFAULT).deployment();
    assertEquals(null, d.organization());
    assertFalse(d.attachments().iterator().hasNext());
  }
}
