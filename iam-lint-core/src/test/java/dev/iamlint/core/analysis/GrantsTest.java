package dev.iamlint.core.analysis;

import static dev.iamlint.core.analysis.Policies.identity;
import static dev.iamlint.core.analysis.Policies.policy;
import static dev.iamlint.core.analysis.Policies.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantsTest {

  private static final IamCatalog CATALOG = IamCatalog.bundled();

  private static Grants.FullAdmin admin(String statementJson) {
    PolicyDocument p = identity(statementJson);
    return Grants.fullAdmin(p, p.statements().get(0), CATALOG);
  }

  @Test
  void fullAdminShapes() {
    assertEquals(Grants.Shape.ALL, admin("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}").shape());
    assertEquals(Grants.Shape.ALL, admin("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:*:*:*:*:*\"}").shape());
    assertEquals(Grants.Shape.ALL, admin("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:*\"}").shape());
    assertEquals(Grants.Shape.NOT_RESOURCE,
        admin("{\"Effect\": \"Allow\", \"Action\": \"*\", \"NotResource\": \"arn:aws:s3:::b\"}").shape());
    Grants.FullAdmin notAction = admin("{\"Effect\": \"Allow\", \"NotAction\": \"s3:*\", \"Resource\": \"*\"}");
    assertEquals(Grants.Shape.NOT_ACTION, notAction.shape());
    assertTrue(notAction.remaining().startsWith("iam:"), notAction.remaining());
    assertEquals("NotAction", notAction.at().text());
    PolicyDocument scp = policy(PolicyKind.SCP,
        "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}");
    assertEquals(Grants.Shape.SCP, Grants.fullAdmin(scp, scp.statements().get(0), CATALOG).shape());
  }

  @Test
  void notFullAdmin() {
    assertNull(admin("{\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"}"));
    assertNull(admin("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", "
        + "\"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}}"));
    assertNull(admin("{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}"));
    assertNull(admin("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:s3:::b\"}"));
    PolicyDocument trust = policy(PolicyKind.TRUST, "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}");
    assertNull(Grants.fullAdmin(trust, trust.statements().get(0), CATALOG));
  }

  @Test
  void grantPointsAtTheValueOrTheNotActionKey() {
    Statement s = statement("{\"Effect\": \"Allow\", \"Action\": [\"s3:*\", \"${Svc}:*\", \"iam:Pass*\"], \"Resource\": \"*\"}");
    assertEquals("iam:Pass*", Grants.grant(s, "iam:PassRole").text());
    assertNull(Grants.grant(s, "ec2:RunInstances"));
    Statement not = statement("{\"Effect\": \"Allow\", \"NotAction\": [\"iam:*\"], \"Resource\": \"*\"}");
    assertNull(Grants.grant(not, "iam:PassRole"));
    assertEquals("NotAction", Grants.grant(not, "ec2:RunInstances").text());
    // A templated NotAction value might exclude anything: the benefit of the doubt.
    assertNull(Grants.grant(statement("{\"Effect\": \"Allow\", \"NotAction\": \"${Excluded}\", \"Resource\": \"*\"}"), "s3:GetObject"));
    assertTrue(Grants.covers(s, "S3:GETOBJECT"));
  }

  @Test
  void literalActionsLeaveOutStarAndTemplates() {
    Statement s = statement("{\"Effect\": \"Allow\", \"Action\": [\"*\", \"s3:Get*\", \"${Svc}:List*\", \"\"], \"Resource\": \"*\"}");
    assertEquals(List.of("s3:Get*", ""), Grants.literalActions(s).stream().map(v -> v.text()).toList());
  }

  @Test
  void remainingPermissionsManagement() {
    assertNull(Grants.remainingPermissionsManagement(List.of("iam:*"), CATALOG));
    String left = Grants.remainingPermissionsManagement(List.of("iam:Attach*"), CATALOG);
    assertNotNull(left);
    assertTrue(left.startsWith("iam:") && !left.startsWith("iam:Attach"), left);
  }
}
