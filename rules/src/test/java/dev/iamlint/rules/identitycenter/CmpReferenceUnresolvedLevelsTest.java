package dev.iamlint.rules.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iamlint.core.engine.Engine;
import dev.iamlint.core.engine.Finding;
import dev.iamlint.core.engine.LintRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM501's level: an error when no file of the workspace defines the referenced policy; a note for
 * a Landing Zone Accelerator customerManaged reference, which LZA documents as a policy that
 * exists before it deploys.
 */
class CmpReferenceUnresolvedLevelsTest {

  private static final String PERMISSION_SET = """
      {"Name": "DataEngineer", "SessionDuration": "PT8H",
       "CustomerManagedPolicyReferences": [{"Name": "DataLakeReadWrite", "Path": "/"}]}
      """;

  private static List<String> iam501(Path root) {
    return new Engine().run(LintRequest.of(root).withCacheDir(null)).findings().stream()
        .filter(f -> f.ruleId().equals("IAM501")).map(Finding::level).map(Enum::name).toList();
  }

  /** The rule catalogue's contract: a CMP no file of the workspace defines is an error, whatever else is defined. */
  @Test
  void anErrorWhenTheRepositoryDefinesNoCustomerManagedPolicy(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("permission-sets"));
    Files.writeString(root.resolve("permission-sets/DataEngineer.json"), PERMISSION_SET);
    assertEquals(List.of("ERROR"), iam501(root));
  }

  @Test
  void anErrorWhenItDefinesOthers(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("permission-sets"));
    Files.writeString(root.resolve("permission-sets/DataEngineer.json"), PERMISSION_SET);
    Files.writeString(root.resolve("policies.yaml"), """
        Resources:
          Lake:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              ManagedPolicyName: DataLakeReadOnly
              PolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Action: s3:GetObject
                    Resource: arn:aws:s3:::lake/*
        """);
    assertEquals(List.of("ERROR"), iam501(root));
  }

  /** LZA's customerManaged names policies that exist before it deploys; its acceleratorManaged, ones its policySets create. */
  @Test
  void lzaCustomerManagedIsANoteAcceleratorManagedAnError(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("iam-policies"));
    Files.writeString(root.resolve("iam-policies/reader.json"),
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}");
    Files.writeString(root.resolve("iam-config.yaml"), """
        policySets:
          - deploymentTargets:
              organizationalUnits: [Root]
            identityCenterDependency: true
            policies:
              - name: Reader
                policy: iam-policies/reader.json
        identityCenter:
          name: identityCenter1
          identityCenterPermissionSets:
            - name: Ops
              policies:
                customerManaged:
                  - CreatedByAnotherPipeline
                acceleratorManaged:
                  - Reader
                  - Readr
        """);
    assertEquals(List.of("NOTE", "ERROR"), iam501(root));
  }
}
