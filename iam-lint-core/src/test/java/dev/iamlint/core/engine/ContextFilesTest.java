package dev.iamlint.core.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContextFilesTest {

  @Test
  void signalsAsKeysAndTypesMakeAFileContext() {
    assertTrue(ContextFiles.relevant("Type: AWS::SSO::PermissionSet\n"));
    assertTrue(ContextFiles.relevant("{\"Type\": \"AWS::IAM::ManagedPolicy\"}"));
    assertTrue(ContextFiles.relevant("identityCenter:\n  name: x\n"));
    assertTrue(ContextFiles.relevant("{\"Assignments\": []}"));
    assertTrue(ContextFiles.relevant("  - deploy_method: scp"));
    assertTrue(ContextFiles.relevant("SessionDuration"));
  }

  @Test
  void signalsInsideActionNamesDoNot() {
    // AWS managed policies name Identity Center actions; they are ordinary policies, not context.
    assertFalse(ContextFiles.relevant("{\"Action\": [\"sso:ListAccountAssignments\", \"sso:ListManagedPoliciesInPermissionSet\"]}"));
    assertFalse(ContextFiles.relevant("{\"Action\": \"sso:PutInlinePolicyToPermissionSet\", \"x\": \"SessionDurationSeconds\"}"));
    assertFalse(ContextFiles.relevant("{\"Action\": \"organizations:ListPolicies\"}"));
  }
}
