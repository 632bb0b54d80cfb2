package dev.iamlint.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.format.policyfile.PolicyFileFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void registryIsOrderedAndUnique() {
    Set<String> ids = new HashSet<>();
    for (InputFormat f : Formats.BUILT_IN) assertTrue(ids.add(f.id()), "duplicate format id " + f.id());
    assertEquals(Set.of("cloudformation", "org-formation", "identity-center-pipeline", "lza", "sso-extensions", "cfct",
        "organization-section", "policy-file"), ids);
    // The bare policy file recognises any {"Statement": ...}: it must come last.
    assertTrue(Formats.BUILT_IN.get(Formats.BUILT_IN.size() - 1) instanceof PolicyFileFormat);
  }

  @Test
  void contextSignalsCoverTheWorkspaceFormats() {
    Set<String> signals = Formats.contextSignals();
    for (String s : List.of("serviceControlPolicies", "mandatoryAccounts", "policySets", "identityCenter", "deploy_method",
        "AWS::SSO::", "AWS::IAM::ManagedPolicy", "AWS::Organizations::", "OC::ORG::", "permissionSetName", "Assignments")) {
      assertTrue(signals.contains(s), s);
    }
  }
}
