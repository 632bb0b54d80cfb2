package dev.iamlint.core.format.policyfile;

import static dev.iamlint.core.format.ExtractTestSupport.config;
import static dev.iamlint.core.format.ExtractTestSupport.workspace;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileFormatTest {

  private static final String ALLOW = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String BUCKET = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

  private static Map<String, PolicyKind> kinds(Workspace ws) {
    return ws.policies().stream().collect(Collectors.toMap(p -> p.file().relativePath(), PolicyDocument::kind));
  }

  @Test
  void kindFromContent(@TempDir Path root) throws IOException {
    Workspace ws = workspace(root, Config.DEFAULT, "a.json", ALLOW, "trust.json", TRUST, "bucket.json", BUCKET);
    assertEquals(Map.of("a.json", PolicyKind.IDENTITY, "trust.json", PolicyKind.TRUST, "bucket.json", PolicyKind.RESOURCE), kinds(ws));
  }

  @Test
  void kindDeclaredByConfigurationOrManifest(@TempDir Path root) throws IOException {
    Config c = config(root, """
        kinds:
          scp: [guardrails/*.json]
        """);
    Workspace ws = workspace(root, c, "guardrails/a.json", ALLOW, "lza/scp/b.json", ALLOW, "lza/organization-config.yaml", """
        organizationalUnits: [{ name: Prod }]
        serviceControlPolicies: [{ name: b, policy: scp/b.json, deploymentTargets: { organizationalUnits: [Prod] } }]
        """);
    assertEquals(Map.of("guardrails/a.json", PolicyKind.SCP, "lza/scp/b.json", PolicyKind.SCP), kinds(ws));
  }
}
