package dev.iamlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code iam-lint explain-access} end to end on {@code examples/securecart}. */
class ExplainAccessCommandTest {

  private static final String EXAMPLE = Path.of("..", "examples", "securecart").toAbsolutePath().normalize().toString();

  private static MainTest.Run explain(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "explain-access";
    all[1] = "--root";
    all[2] = EXAMPLE;
    System.arraycopy(args, 0, all, 3, args.length);
    return MainTest.run(all);
  }

  @Test
  void aDeadGrantIsDeniedByTheProdScp() {
    MainTest.Run r = explain("--permission-set", "DataEngineering", "--account", "securecart-shop-prod",
        "--action", "glue:DeleteTable", "--resource", "arn:aws:glue:eu-west-1:444455556666:table/securecart_scratch/orders");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("DENIED: permission set DataEngineering, glue:DeleteTable"), r.out());
    assertTrue(r.out().contains("allow  permission set DataEngineering, inline policy: statement DropScratchTables allows"
        + " glue:DeleteTable  [permission-sets/DataEngineering.json:52]"), r.out());
    assertTrue(r.out().contains("DENY   SCP scps/protect-prod-data.json at Workloads/Prod: statement ProtectProdData denies"
        + " glue:DeleteTable  [scps/protect-prod-data.json:9]"), r.out());
  }

  @Test
  void aConditionalScpDependsOnItsKeysUntilTheContextDecides() {
    MainTest.Run open = explain("--permission-set", "DevOps", "--account", "666677778888", "--action", "ec2:RunInstances",
        "--resource", "arn:aws:ec2:eu-west-1:666677778888:instance/*");
    assertEquals(0, open.code(), open.err());
    assertTrue(open.out().contains("DEPENDS on ec2:InstanceType: permission set DevOps"), open.out());
    MainTest.Run large = explain("--permission-set", "DevOps", "--account", "securecart-sandbox", "--action", "ec2:RunInstances",
        "--resource", "arn:aws:ec2:eu-west-1:666677778888:instance/*", "--context", "ec2:InstanceType=m5.large");
    assertTrue(large.out().startsWith("Principal:") && large.out().contains("\nDENIED: permission set DevOps"), large.out());
    MainTest.Run small = explain("--permission-set", "DevOps", "--account", "securecart-sandbox", "--action", "ec2:RunInstances",
        "--resource", "arn:aws:ec2:eu-west-1:666677778888:instance/*", "--context", "ec2:InstanceType=t3.micro");
    assertTrue(small.out().contains("\nALLOWED: permission set DevOps"), small.out());
  }

  @Test
  void guardrailsWithNamedRoleExemptionsDenyPermissionSetRoles() {
    MainTest.Run r = explain("--permission-set", "DevOps", "--account", "securecart-shop-prod", "--action", "cloudtrail:StopLogging");
    assertTrue(r.out().contains("\nDENIED: permission set DevOps"), r.out());
    assertTrue(r.out().contains("statement ProtectCloudTrail denies cloudtrail:StopLogging  [scps/security-baseline.json:"), r.out());
  }

  @Test
  void theRootRcpLeavesS3OpenUntilTheContextSaysHowTheRequestIsMade() {
    MainTest.Run open = explain("--permission-set", "DevOps", "--account", "securecart-shop-staging", "--action", "s3:GetObject");
    assertTrue(open.out().contains("\nDEPENDS on aws:SecureTransport: permission set DevOps"), open.out());
    assertTrue(open.out().contains("RCP rcps/require-tls.json at Root: statement RequireTlsForS3 may deny"), open.out());
    MainTest.Run plain = explain("--permission-set", "DevOps", "--account", "securecart-shop-staging", "--action", "s3:GetObject",
        "--context", "aws:SecureTransport=false");
    assertTrue(plain.out().contains("\nDENIED: permission set DevOps"), plain.out());
    MainTest.Run tls = explain("--permission-set", "DevOps", "--account", "securecart-shop-staging", "--action", "s3:GetObject",
        "--context", "aws:SecureTransport=true");
    assertTrue(tls.out().contains("\nALLOWED: permission set DevOps"), tls.out());
  }

  @Test
  void theManagementAccountIsNotAffectedBySCPs() {
    MainTest.Run r = explain("--permission-set", "Finance", "--account", "securecart-management", "--action",
        "organizations:LeaveOrganization");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("SCPs do not affect the management account securecart-management"), r.out());
  }

  @Test
  void withoutAPermissionSetItListsEveryAssignedOne() {
    MainTest.Run r = explain("--account", "securecart-shop-prod", "--action", "s3:DeleteBucket");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Who can s3:DeleteBucket in account securecart-shop-prod (444455556666):"), r.out());
    for (String ps : new String[] {"CTO", "DataEngineering", "DevOps", "Product", "Security", "Support"}) {
      assertTrue(r.out().contains(": permission set " + ps + ", s3:DeleteBucket"), ps + " in " + r.out());
    }
    assertTrue(r.out().contains("DENIED: permission set DevOps"), "the Prod SCP denies s3:DeleteBucket: " + r.out());
    assertTrue(!r.out().contains("permission set Finance,"), "Finance is not assigned to shop-prod: " + r.out());
  }

  @Test
  void jsonGivesVerdictAndPositionedReasons() throws Exception {
    MainTest.Run r = explain("--permission-set", "DataEngineering", "--account", "securecart-shop-prod", "--action",
        "glue:DeleteTable", "--format", "json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = JsonMapper.builder().build().readTree(r.out());
    JsonNode answer = root.get("answers").get(0);
    assertEquals("DENIED", answer.get("verdict").asString());
    boolean scp = false;
    for (JsonNode reason : answer.get("reasons")) {
      if (reason.get("layer").asString().equals("scp") && reason.get("effect").asString().equals("DENIED")) {
        assertEquals("scps/protect-prod-data.json", reason.get("path").asString());
        assertEquals(9, reason.get("line").asInt());
        scp = true;
      }
    }
    assertTrue(scp, r.out());
  }

  @Test
  void unknownNamesAreUsageErrorsWithSuggestions() {
    MainTest.Run ps = explain("--permission-set", "DevOp", "--account", "securecart-shop-prod", "--action", "s3:GetObject");
    assertEquals(2, ps.code());
    assertTrue(ps.err().contains("unknown permission set 'DevOp'; did you mean DevOps?"), ps.err());
    MainTest.Run acc = explain("--account", "securecart-shop-prd", "--action", "s3:GetObject");
    assertEquals(2, acc.code());
    assertTrue(acc.err().contains("did you mean securecart-shop-prod?"), acc.err());
    MainTest.Run action = explain("--account", "securecart-shop-prod", "--action", "s3:GetObjcet");
    assertEquals(2, action.code());
    assertTrue(action.err().contains("unknown action 's3:GetObjcet'; did you mean s3:GetObject"), action.err());
  }

  /**
   * Two landing zones in one repository, with the same account names: PATH says which one to
   * answer for; without it the answer would be a guess.
   */
  @Test
  void aRepositoryOfTwoLandingZonesAnswersForTheOnePathNames(@TempDir Path root) throws IOException {
    // Each landing zone's configuration in a config/ folder of its own, as LZA's repositories keep it.
    for (String lz : new String[] {"prod/config", "test/config"}) {
      write(root, lz + "/accounts-config.yaml", """
          mandatoryAccounts:
            - name: Management
              email: mgmt@example.com
              organizationalUnit: Root
            - name: LogArchive
              email: log@example.com
              organizationalUnit: Security
          workloadAccounts: []
          """);
      write(root, lz + "/organization-config.yaml", """
          organizationalUnits:
            - name: Security
          serviceControlPolicies:
          """ + (lz.startsWith("prod") ? """
            - name: NoReads
              policy: service-control-policies/no-reads.json
              type: customerManaged
              deploymentTargets:
                organizationalUnits:
                  - Root
          """ : "  []\n"));
      write(root, lz + "/service-control-policies/no-reads.json", """
          {"Version": "2012-10-17", "Statement": [{"Sid": "NoReads", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}
          """);
      write(root, lz + "/iam-config.yaml", """
          identityCenter:
            name: identityCenter1
            identityCenterPermissionSets:
              - name: Reader
                policies:
                  awsManaged:
                    - AmazonS3ReadOnlyAccess
            identityCenterAssignments:
              - name: readers
                permissionSetName: Reader
                principals:
                  - type: USER
                    name: alice
                deploymentTargets:
                  accounts:
                    - LogArchive
          """);
    }
    String[] ask = {"explain-access", "--root", root.toString(), "--account", "LogArchive", "--permission-set", "Reader",
        "--action", "s3:GetObject"};
    MainTest.Run neither = MainTest.run(ask);
    assertEquals(2, neither.code(), neither.out());
    assertTrue(neither.err().contains("account LogArchive is in 2 deployments of this repository (prod/config/, test/config/)"), neither.err());
    MainTest.Run prod = MainTest.run(with(ask, root.resolve("prod").toString()));
    assertEquals(0, prod.code(), prod.err());
    assertTrue(prod.out().contains("DENIED: permission set Reader, s3:GetObject"), prod.out());
    MainTest.Run test = MainTest.run(with(ask, root.resolve("test").toString()));
    assertEquals(0, test.code(), test.err());
    assertTrue(test.out().contains("ALLOWED: permission set Reader, s3:GetObject"), test.out());
  }

  private static String[] with(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  private static void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
