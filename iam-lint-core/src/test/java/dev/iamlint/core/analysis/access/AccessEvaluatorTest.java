package dev.iamlint.core.analysis.access;

import static dev.iamlint.core.analysis.access.OrgPoliciesTest.chain;
import static dev.iamlint.core.analysis.access.OrgPoliciesTest.doc;
import static dev.iamlint.core.analysis.access.OrgPoliciesTest.level;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.model.PolicyKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layers together: identity policies, boundary, SCPs. */
class AccessEvaluatorTest {

  private static final AccessEvaluator EVALUATOR = new AccessEvaluator(IamCatalog.bundled());

  private static IdentityPolicies.Source inline(String statements) {
    return new IdentityPolicies.Source(IdentityPolicies.Kind.INLINE, "inline policy", doc(PolicyKind.IDENTITY, statements), null, null);
  }

  private static IdentityPolicies.Source awsManaged(String name) {
    return new IdentityPolicies.Source(IdentityPolicies.Kind.AWS_MANAGED, name,
        EVALUATOR.awsManaged().document(name).orElseThrow(), null, null);
  }

  @Test
  void anAwsManagedPolicyGrantsAndAnInlineDenyWins() {
    IdentityPolicies ps = new IdentityPolicies("permission set Ops", null, null, List.of(awsManaged("AdministratorAccess"),
        inline("{\"Effect\": \"Deny\", \"Action\": \"s3:DeleteBucket\", \"Resource\": \"*\"}")), List.of());
    OrgChain open = chain(level("Root", true));
    assertEquals(Verdict.ALLOWED, EVALUATOR.explain(ps, open, null, AccessRequest.of("s3:GetObject")).verdict());
    Decision d = EVALUATOR.explain(ps, open, null, AccessRequest.of("s3:DeleteBucket"));
    assertEquals(Verdict.DENIED, d.verdict());
    assertEquals(Reason.Layer.IDENTITY, d.denials().get(0).layer());
  }

  @Test
  void nothingGrantedIsDeniedAndTheBoundaryMustAllowToo() {
    IdentityPolicies ps = new IdentityPolicies("permission set Dev", null, null,
        List.of(inline("{\"Effect\": \"Allow\", \"Action\": [\"s3:*\", \"iam:CreateRole\"], \"Resource\": \"*\"}")),
        List.of(awsManaged("PowerUserAccess")));
    OrgChain open = chain(level("Root", true));
    assertEquals(Verdict.DENIED, EVALUATOR.explain(ps, open, null, AccessRequest.of("ec2:RunInstances")).verdict());
    assertEquals(Verdict.ALLOWED, EVALUATOR.explain(ps, open, null, AccessRequest.of("s3:PutObject")).verdict());
    // PowerUserAccess does not allow IAM role management (NotAction iam:*): the boundary denies it.
    Decision role = EVALUATOR.explain(ps, open, null, AccessRequest.of("iam:CreateRole"));
    assertEquals(Verdict.DENIED, role.verdict());
    assertTrue(role.denials().stream().anyMatch(r -> r.layer() == Reason.Layer.BOUNDARY), role.toString());
  }

  @Test
  void theScpChainLimitsWhatTheIdentityGrants() {
    IdentityPolicies ps = new IdentityPolicies("permission set Ops", null, null, List.of(awsManaged("AdministratorAccess")), List.of());
    OrgChain guarded = chain(level("Root", true, doc(PolicyKind.SCP,
        "{\"Effect\": \"Deny\", \"Action\": \"organizations:LeaveOrganization\", \"Resource\": \"*\"}")));
    Decision d = EVALUATOR.explain(ps, guarded, null, AccessRequest.of("organizations:LeaveOrganization"));
    assertEquals(Verdict.DENIED, d.verdict());
    assertEquals(Reason.Layer.SCP, d.denials().get(0).layer());
  }

  @Test
  void wildcardsExpandOnceFromTheCatalogue() {
    List<String> first = EVALUATOR.expand("s3:Get*");
    assertTrue(first.contains("s3:GetObject"), first.toString());
    assertTrue(first == EVALUATOR.expand("S3:GET*"), "cached per pattern, whatever its case");
  }
}
