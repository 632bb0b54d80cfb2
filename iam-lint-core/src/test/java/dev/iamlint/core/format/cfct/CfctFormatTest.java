package dev.iamlint.core.format.cfct;

import static dev.iamlint.core.format.ExtractTestSupport.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyKind;
import java.io.IOException;
import java.nio.file.Path;
import dev.iamlint.core.model.OrgTarget;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfctFormatTest {

  @Test
  void manifestDeclaresAndAttachesItsPolicies(@TempDir Path root) throws IOException {
    ScanContext ctx = scan(root, Config.DEFAULT, "cfct/manifest.yaml", """
        region: us-east-1
        version: 2021-03-15
        resources:
          - name: deny-leave
            resource_file: policies/deny-leave.json
            deploy_method: scp
            deployment_targets: { organizational_units: [Workloads, "Workloads:Prod"], accounts: ["111122223333"] }
          - name: rcp-baseline
            resource_file: policies/rcp.json
            deploy_method: rcp
          - name: stack
            resource_file: templates/stack.yaml
            deploy_method: stack_set
        """);
    ExtractContext.Declared scp = ctx.declarations().declared("cfct/policies/deny-leave.json");
    assertEquals(PolicyKind.SCP, scp.kind());
    assertFalse(scp.reserialized(), "CfCT deploys the file as written");
    assertEquals(PolicyKind.RCP, ctx.declarations().declared("cfct/policies/rcp.json").kind());
    assertNull(ctx.declarations().declared("cfct/templates/stack.yaml"));
    List<PolicyAttachment> attached = ctx.deployment().attachments();
    assertEquals(List.of("cfct/policies/deny-leave.json", "cfct/policies/deny-leave.json", "cfct/policies/rcp.json"),
        attached.stream().map(PolicyAttachment::path).toList());
    // SCPs go to OUs (a nested OU by its path, ':' between names); accounts are not SCP targets in CfCT.
    assertEquals(new OrgTarget(OrgTarget.Kind.ORGANIZATIONAL_UNIT, "Workloads"), attached.get(0).target());
    assertEquals(new OrgTarget(OrgTarget.Kind.ORGANIZATIONAL_UNIT, "Workloads/Prod"), attached.get(1).target());
    assertEquals(7, attached.get(1).span().startLine());
    assertNull(attached.get(2).target(), "no deployment_targets: attached, to nothing the model resolves");
    assertEquals(2, ctx.deployment().fileReferences().size());
  }

  @Test
  void noDocuments() {
    assertFalse(new CfctFormat().extract(null, null));
  }
}
