package dev.iamlint.core.format.cloudformation;

import dev.iamlint.core.format.BoundaryNames;
import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.format.Nodes;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.Intrinsics;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyReader;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudFormation templates (JSON or YAML with short-form tags): IAM policies, roles, users and
 * groups, resource policies, IAM Identity Center permission sets and assignments, and
 * Organizations SCPs/RCPs (also org-formation's {@code OC::ORG::ServiceControlPolicy}), and the
 * execution roles AWS SAM creates for its functions and state machines.
 */
public final class CloudFormationFormat implements InputFormat {

  static final String FORMAT = "cloudformation";

  @Override
  public String id() {
    return FORMAT;
  }

  /** Resources the workspace reads: managed policies (CMPs), Identity Center, Organizations policies. */
  @Override
  public List<String> contextSignals() {
    return List.of("AWS::IAM::ManagedPolicy", "AWS::SSO::", "AWS::Organizations::", "OC::ORG::");
  }

  /**
   * Resource types whose property holds a resource-based policy document, from the
   * CloudFormation template reference (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference,
   * one page per type, e.g. aws-resource-s3-bucketpolicy.html); a dotted property is nested
   * (DynamoDB's {@code ResourcePolicy: {PolicyDocument}}). Values may be objects or JSON strings
   * ({@code AWS::Logs::ResourcePolicy.PolicyDocument} and {@code AWS::Logs::Destination.DestinationPolicy}
   * are strings). Not here: {@code AWS::Events::EventBusPolicy.Statement} (one statement, read
   * apart), {@code AWS::Lambda::Permission} (properties, read apart), VPC endpoint policies (read
   * apart: they filter and grant nothing, {@link PolicyUse#VPC_ENDPOINT}), OpenSearch Serverless
   * access policies (their own grammar, not IAM's), and the Glue Data Catalog policy, which no
   * CloudFormation type holds (only the PutResourcePolicy API).
   */
  private static final Map<String, String> RESOURCE_POLICIES = Map.ofEntries(
      Map.entry("AWS::S3::BucketPolicy", "PolicyDocument"),
      Map.entry("AWS::S3::AccessPoint", "Policy"),
      Map.entry("AWS::S3::MultiRegionAccessPointPolicy", "Policy"),
      Map.entry("AWS::S3Express::BucketPolicy", "PolicyDocument"),
      Map.entry("AWS::S3ObjectLambda::AccessPointPolicy", "PolicyDocument"),
      Map.entry("AWS::S3Outposts::BucketPolicy", "PolicyDocument"),
      Map.entry("AWS::S3Outposts::AccessPoint", "Policy"),
      Map.entry("AWS::S3Tables::TableBucketPolicy", "ResourcePolicy"),
      Map.entry("AWS::SQS::QueuePolicy", "PolicyDocument"),
      Map.entry("AWS::SQS::QueueInlinePolicy", "PolicyDocument"),
      Map.entry("AWS::SNS::TopicPolicy", "PolicyDocument"),
      Map.entry("AWS::SNS::TopicInlinePolicy", "PolicyDocument"),
      Map.entry("AWS::KMS::Key", "KeyPolicy"),
      Map.entry("AWS::KMS::ReplicaKey", "KeyPolicy"),
      Map.entry("AWS::SecretsManager::ResourcePolicy", "ResourcePolicy"),
      Map.entry("AWS::ECR::Repository", "RepositoryPolicyText"),
      Map.entry("AWS::ECR::PublicRepository", "RepositoryPolicyText"),
      Map.entry("AWS::ECR::RegistryPolicy", "PolicyText"),
      Map.entry("AWS::Logs::ResourcePolicy", "PolicyDocument"),
      Map.entry("AWS::Logs::Destination", "DestinationPolicy"),
      Map.entry("AWS::Events::EventBus", "Policy"),
      Map.entry("AWS::OpenSearchService::Domain", "AccessPolicies"),
      Map.entry("AWS::Elasticsearch::Domain", "AccessPolicies"),
      Map.entry("AWS::Backup::BackupVault", "AccessPolicy"),
      Map.entry("AWS::EFS::FileSystem", "FileSystemPolicy"),
      Map.entry("AWS::ApiGateway::RestApi", "Policy"),
      Map.entry("AWS::CodeArtifact::Domain", "PermissionsPolicyDocument"),
      Map.entry("AWS::CodeArtifact::Repository", "PermissionsPolicyDocument"),
      Map.entry("AWS::DynamoDB::Table", "ResourcePolicy.PolicyDocument"),
      Map.entry("AWS::Kinesis::ResourcePolicy", "ResourcePolicy"),
      Map.entry("AWS::CloudTrail::ResourcePolicy", "ResourcePolicy"),
      Map.entry("AWS::EventSchemas::RegistryPolicy", "Policy"),
      Map.entry("AWS::VpcLattice::AuthPolicy", "Policy"),
      Map.entry("AWS::VpcLattice::ResourcePolicy", "Policy"),
      Map.entry("AWS::Lex::ResourcePolicy", "Policy"),
      Map.entry("AWS::XRay::ResourcePolicy", "PolicyDocument"));

  @Override
  public void scan(dev.iamlint.core.source.LoadedFile file, dev.iamlint.core.format.ScanContext ctx) {
    CloudFormationOrganization.scan(file, ctx);
  }

  @Override
  public boolean extract(Node root, ExtractContext ctx) {
    if (!(root instanceof ObjectNode o)) return false;
    ObjectNode resources = o.object("Resources").orElse(null);
    if (resources == null || !(o.has("AWSTemplateFormatVersion") || looksLikeResources(resources))) return false;
    Map<String, String> permissionSetNames = new LinkedHashMap<>();
    for (ObjectNode.Entry e : resources.entries()) {
      if (e.value() instanceof ObjectNode r && "AWS::SSO::PermissionSet".equals(type(r))) {
        props(r).flatMap(p -> p.get("Name")).map(PolicyReader::scalarStr)
            .ifPresent(n -> permissionSetNames.put(e.key(), n.text()));
      }
    }
    Set<String> boundaries = boundaryOnlyPolicies(resources, ctx.file().relativePath());
    // Globals.Function may give every function its trust policy (SAM's globals: AssumeRolePolicyDocument
    // is one of them, Role and Policies are not).
    Node globalTrust = o.object("Globals").flatMap(g -> g.object("Function"))
        .flatMap(f -> f.get("AssumeRolePolicyDocument")).orElse(null);
    for (ObjectNode.Entry e : resources.entries()) {
      if (!(e.value() instanceof ObjectNode r)) continue;
      String type = type(r);
      ObjectNode p = props(r).orElse(null);
      if (type == null || p == null) continue;
      if (type.equals("AWS::Serverless::Function") || type.equals("AWS::Serverless::StateMachine")) {
        samRole(type, p, globalTrust, "Resources." + e.key(), ctx);
      } else {
        resource(e.key(), type, p, ctx, permissionSetNames, boundaries);
      }
    }
    return true;
  }

  /**
   * An AWS SAM function or state machine without a {@code Role}: SAM creates its execution role,
   * with the function's {@code AssumeRolePolicyDocument} (or {@code Globals.Function}'s) as trust
   * policy and, as an inline policy of that role, each {@code Policies} entry that is a map holding
   * {@code Statement} (a string is a managed policy, a one-key map a SAM policy template), also
   * inside {@code Fn::If}. With a {@code Role} SAM creates no role and ignores {@code Policies};
   * a {@code Role} that is null, or a {@code Fn::If} with an {@code AWS::NoValue} branch, leaves
   * SAM creating the role (conditionally). Sources: the SAM resource reference
   * (sam-resource-function.html, sam-resource-statemachine.html, "Policies", "Role") and the
   * translator (samtranslator/model/sam_resources.py builds the role only when {@code Role} is
   * unset; function_policies.py and role_constructor.py tell the entry types apart as above).
   */
  private static void samRole(String type, ObjectNode p, Node globalTrust, String where, ExtractContext ctx) {
    if (roleGiven(p.get("Role").orElse(null))) return;
    if (type.equals("AWS::Serverless::Function")) {
      Node trust = p.get("AssumeRolePolicyDocument").orElse(globalTrust);
      if (trust != null) {
        ctx.addPolicy(trust, PolicyKind.TRUST, Set.of(PolicyUse.TRUST), null, null, where + ".AssumeRolePolicyDocument");
      }
    }
    p.get("Policies").ifPresent(policies -> samPolicy(policies, where + ".Policies", ctx));
  }

  /** Whether a SAM resource's {@code Role} is always set: not null, not a {@code Fn::If} that may give {@code AWS::NoValue}. */
  private static boolean roleGiven(Node role) {
    if (role == null || (role instanceof ScalarNode s && s.type() == ScalarNode.Type.NULL)) return false;
    List<Node> branches = Intrinsics.ifBranches(role);
    return branches == null || branches.size() == 2;
  }

  /** A {@code Policies} value: one entry, a list of them, or a {@code Fn::If} of either. */
  private static void samPolicy(Node entry, String where, ExtractContext ctx) {
    List<Node> branches = Intrinsics.ifBranches(entry);
    if (branches != null) {
      for (Node b : branches) samPolicy(b, where, ctx);
    } else if (entry instanceof ArrayNode list && !Intrinsics.isIntrinsic(list)) {
      int i = 0;
      for (Node item : list.items()) samPolicy(item, where + "[" + i++ + "]", ctx);
    } else if (entry instanceof ObjectNode doc && doc.has("Statement") && !Intrinsics.isIntrinsic(doc)) {
      ctx.addPolicy(doc, PolicyKind.IDENTITY, Set.of(PolicyUse.ROLE_INLINE), null, null, where);
    }
  }

  private static boolean looksLikeResources(ObjectNode resources) {
    for (ObjectNode.Entry e : resources.entries()) {
      if (e.value() instanceof ObjectNode r && r.has("Type")) return true;
    }
    return false;
  }

  private static String type(ObjectNode r) {
    return r.get("Type").map(PolicyReader::scalarStr).map(Str::text).orElse(null);
  }

  private static java.util.Optional<ObjectNode> props(ObjectNode r) {
    return r.object("Properties");
  }

  /**
   * The managed policies of the template that a role, a user or a SAM function takes as its
   * {@code PermissionsBoundary} (by {@code Ref} or {@code GetAtt}) and that nothing attaches (no
   * {@code ManagedPolicyArns} or SAM {@code Policies} reference, no {@code Roles}, {@code Users}
   * or {@code Groups} of its own): a boundary grants nothing ("Policies used as permissions
   * boundaries do not provide permissions", IAM API reference, PutRolePermissionsBoundary). So is
   * an unattached managed policy whose name, logical id or template file is named for permissions
   * boundaries ({@link BoundaryNames}), as a policy file so named is: the roles it bounds are
   * often in another stack.
   */
  private static Set<String> boundaryOnlyPolicies(ObjectNode resources, String path) {
    Set<String> boundaries = new java.util.HashSet<>();
    Set<String> attached = new java.util.HashSet<>();
    for (ObjectNode.Entry e : resources.entries()) {
      if (!(e.value() instanceof ObjectNode r)) continue;
      String type = type(r);
      ObjectNode p = props(r).orElse(null);
      if (type == null || p == null) continue;
      switch (type) {
        case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::Serverless::Function" -> {
          p.get("PermissionsBoundary").map(Intrinsics::referencedResource).ifPresent(boundaries::add);
          for (String key : List.of("ManagedPolicyArns", "Policies")) {
            Node list = p.get(key).orElse(null);
            for (Node item : list instanceof ArrayNode a ? a.items() : list == null ? List.<Node>of() : List.of(list)) {
              String id = Intrinsics.referencedResource(item);
              if (id != null) attached.add(id);
            }
          }
        }
        case "AWS::IAM::ManagedPolicy" -> {
          if (p.has("Roles") || p.has("Users") || p.has("Groups")) attached.add(e.key());
          Str name = literal(p, "ManagedPolicyName");
          if (BoundaryNames.names(e.key()) || (name != null && BoundaryNames.names(name.text())) || BoundaryNames.pathNames(path)) {
            boundaries.add(e.key());
          }
        }
        default -> { }
      }
    }
    boundaries.removeAll(attached);
    return boundaries;
  }

  private static void resource(String id, String type, ObjectNode p, ExtractContext ctx, Map<String, String> psNames,
      Set<String> boundaries) {
    String where = "Resources." + id;
    switch (type) {
      case "AWS::IAM::ManagedPolicy" -> {
        Set<PolicyUse> uses = EnumSet.of(PolicyUse.MANAGED);
        if (boundaries.contains(id)) uses.add(PolicyUse.BOUNDARY);
        if (p.has("Users") || p.has("Groups")) uses.add(PolicyUse.MANAGED_ON_USERS);
        p.get("PolicyDocument").ifPresent(d -> ctx.addPolicy(d, PolicyKind.IDENTITY, uses,
            literal(p, "ManagedPolicyName"), literal(p, "Path"), where));
      }
      case "AWS::IAM::Policy", "AWS::IAM::GroupPolicy", "AWS::IAM::UserPolicy", "AWS::IAM::RolePolicy" -> {
        Set<PolicyUse> uses = EnumSet.noneOf(PolicyUse.class);
        if (p.has("Users") || type.endsWith("UserPolicy")) uses.add(PolicyUse.USER_INLINE);
        if (p.has("Groups") || type.endsWith("GroupPolicy")) uses.add(PolicyUse.GROUP_INLINE);
        if (p.has("Roles") || type.endsWith("RolePolicy")) uses.add(PolicyUse.ROLE_INLINE);
        p.get("PolicyDocument").ifPresent(d -> ctx.addPolicy(d, PolicyKind.IDENTITY, uses, literal(p, "PolicyName"), null, where));
      }
      case "AWS::IAM::Role" -> {
        p.get("AssumeRolePolicyDocument").ifPresent(d -> ctx.addPolicy(d, PolicyKind.TRUST, Set.of(PolicyUse.TRUST),
            literal(p, "RoleName"), null, where + ".AssumeRolePolicyDocument"));
        inlinePolicies(p, PolicyUse.ROLE_INLINE, where, ctx);
      }
      case "AWS::IAM::User" -> inlinePolicies(p, PolicyUse.USER_INLINE, where, ctx);
      case "AWS::IAM::Group" -> inlinePolicies(p, PolicyUse.GROUP_INLINE, where, ctx);
      case "AWS::SSO::PermissionSet" -> ctx.add(permissionSet(p, where, ctx));
      case "AWS::SSO::Assignment" -> ctx.add(assignment(p, ctx, psNames));
      case "AWS::Organizations::Policy" -> {
        String t = p.get("Type").map(PolicyReader::scalarStr).map(Str::text).orElse("");
        PolicyKind kind = switch (t) {
          case "SERVICE_CONTROL_POLICY" -> PolicyKind.SCP;
          case "RESOURCE_CONTROL_POLICY" -> PolicyKind.RCP;
          default -> null;
        };
        if (kind != null) {
          p.get("Content").ifPresent(c -> ctx.addPolicy(c, kind, Set.of(kind == PolicyKind.SCP ? PolicyUse.SCP : PolicyUse.RCP),
              literal(p, "Name"), null, where));
        }
      }
      case "OC::ORG::ServiceControlPolicy" -> p.get("PolicyDocument").ifPresent(d ->
          ctx.addPolicy(d, PolicyKind.SCP, Set.of(PolicyUse.SCP), literal(p, "PolicyName"), null, where));
      // "Statement" is one statement, not a policy document (template reference,
      // aws-resource-events-eventbuspolicy.html: "A JSON string that describes the permission policy statement").
      case "AWS::Events::EventBusPolicy" -> {
        Node st = p.get("Statement").orElse(null);
        Node n = st instanceof ScalarNode ? ctx.policyRoot(st) : st;
        if (n != null) {
          ctx.add(PolicyReader.readStatement(ctx.file(), n, PolicyKind.RESOURCE, Set.of(PolicyUse.RESOURCE),
              literal(p, "StatementId"), where + ".Statement"));
        } else if (st == null) {
          PolicyDocument d = GrantProperties.readEventBusLegacy(ctx.file(), p, where);
          if (d != null) ctx.add(d);
        }
      }
      case "AWS::Lambda::LayerVersionPermission" -> {
        PolicyDocument d = GrantProperties.readLayer(ctx.file(), p, where);
        if (d != null) ctx.add(d);
      }
      case "AWS::EC2::VPCEndpoint" -> p.get("PolicyDocument").ifPresent(d -> ctx.addPolicy(d, PolicyKind.RESOURCE,
          Set.of(PolicyUse.RESOURCE, PolicyUse.VPC_ENDPOINT), null, null, where));
      case "AWS::Lambda::Permission" -> {
        PolicyDocument d = GrantProperties.read(ctx.file(), p, where);
        if (d != null) ctx.add(d);
      }
      default -> {
        String prop = RESOURCE_POLICIES.get(type);
        if (prop != null) {
          Node d = p;
          for (String part : prop.split("\\.")) {
            d = d instanceof ObjectNode o ? o.get(part).orElse(null) : null;
          }
          Set<PolicyUse> uses = EnumSet.of(PolicyUse.RESOURCE);
          if (inVpc(type, p)) uses.add(PolicyUse.VPC_ONLY);
          if (fineGrained(type, p)) uses.add(PolicyUse.FINE_GRAINED_ACCESS_CONTROL);
          if (d != null) ctx.addPolicy(d, PolicyKind.RESOURCE, uses, null, null, where);
        }
      }
    }
  }

  /**
   * An OpenSearch Service (or Elasticsearch) domain launched in a VPC: {@code VPCOptions} written
   * out with {@code SubnetIds}. A {@code VPCOptions} behind {@code Fn::If} may be absent in some
   * stacks, so it does not count.
   */
  static boolean inVpc(String type, ObjectNode properties) {
    if (!type.equals("AWS::OpenSearchService::Domain") && !type.equals("AWS::Elasticsearch::Domain")) return false;
    return properties.get("VPCOptions").filter(v -> v instanceof ObjectNode o && !Intrinsics.isIntrinsic(o)
        && o.has("SubnetIds")).isPresent();
  }

  /**
   * An OpenSearch Service (or Elasticsearch) domain with fine-grained access control:
   * {@code AdvancedSecurityOptions} written out with {@code Enabled} a literal true, and
   * {@code AnonymousAuthEnabled} absent or not a literal true (anonymous requests skip
   * authentication). Behind {@code Fn::If} it may be off in some stacks, so it does not count.
   */
  static boolean fineGrained(String type, ObjectNode properties) {
    if (!type.equals("AWS::OpenSearchService::Domain") && !type.equals("AWS::Elasticsearch::Domain")) return false;
    Node aso = properties.get("AdvancedSecurityOptions").orElse(null);
    if (!(aso instanceof ObjectNode o) || Intrinsics.isIntrinsic(o)) return false;
    return isTrue(o.get("Enabled").orElse(null)) && o.get("AnonymousAuthEnabled").filter(a -> !isFalse(a)).isEmpty();
  }

  private static boolean isTrue(Node n) {
    return n instanceof ScalarNode s && s.text().trim().equalsIgnoreCase("true");
  }

  private static boolean isFalse(Node n) {
    return n instanceof ScalarNode s && s.text().trim().equalsIgnoreCase("false");
  }

  private static void inlinePolicies(ObjectNode p, PolicyUse use, String where, ExtractContext ctx) {
    p.get("Policies").filter(ArrayNode.class::isInstance).ifPresent(a -> {
      int i = 0;
      for (Node item : ((ArrayNode) a).items()) {
        if (item instanceof ObjectNode pol) {
          int idx = i;
          pol.get("PolicyDocument").ifPresent(d -> ctx.addPolicy(d, PolicyKind.IDENTITY, Set.of(use),
              literal(pol, "PolicyName"), null, where + ".Policies[" + idx + "]"));
        }
        i++;
      }
    });
  }

  private static PermissionSet permissionSet(ObjectNode p, String where, ExtractContext ctx) {
    Str name = literal(p, "Name");
    List<Str> managed = Nodes.strings(p.get("ManagedPolicies").orElse(null));
    List<PermissionSet.CmpRef> cmps = new ArrayList<>();
    p.get("CustomerManagedPolicyReferences").filter(ArrayNode.class::isInstance).ifPresent(a -> {
      for (Node item : ((ArrayNode) a).items()) {
        if (item instanceof ObjectNode ref) cmps.add(cmpRef(ref));
      }
    });
    PermissionSet.Boundary boundary = p.object("PermissionsBoundary").map(b -> new PermissionSet.Boundary(
        literal(b, "ManagedPolicyArn"), b.object("CustomerManagedPolicyReference").map(CloudFormationFormat::cmpRef).orElse(null),
        b.span())).orElse(null);
    PolicyDocument inline = p.get("InlinePolicy").map(n -> ctx.policy(n, PolicyKind.IDENTITY,
        Set.of(PolicyUse.PERMISSION_SET_INLINE), name, null, where + ".InlinePolicy")).orElse(null);
    Map<String, String> tags = new LinkedHashMap<>();
    p.get("Tags").filter(ArrayNode.class::isInstance).ifPresent(a -> {
      for (Node t : ((ArrayNode) a).items()) {
        if (t instanceof ObjectNode to) {
          Str k = literal(to, "Key");
          Str v = literal(to, "Value");
          if (k != null) tags.put(k.text(), v == null ? "" : v.text());
        }
      }
    });
    return new PermissionSet(ctx.file(), p, name, p.get("SessionDuration").orElse(null), managed, cmps, inline, boundary, tags, FORMAT);
  }

  private static PermissionSet.CmpRef cmpRef(ObjectNode ref) {
    return new PermissionSet.CmpRef(literal(ref, "Name"), literal(ref, "Path"), ref.span());
  }

  private static Assignment assignment(ObjectNode p, ExtractContext ctx, Map<String, String> psNames) {
    Str ps = null;
    Node psNode = p.get("PermissionSetArn").orElse(null);
    // !GetAtt PS.PermissionSetArn or {"Fn::GetAtt": ["PS", "PermissionSetArn"]} names a permission
    // set of this template by logical id.
    String logicalId = getAttTarget(psNode);
    if (logicalId != null && psNames.containsKey(logicalId)) {
      ps = new Str(psNames.get(logicalId), psNode.span(), psNode.pointer());
    } else if (psNode instanceof ScalarNode s && s.isString() && s.tag() == null) {
      ps = Str.of(s);
    }
    List<Assignment.Target> targets = new ArrayList<>();
    Str target = literal(p, "TargetId");
    if (target != null) {
      targets.add(new Assignment.Target(target.text().matches("\\d{12}") ? Assignment.Type.ACCOUNT : Assignment.Type.OTHER,
          target, null, target.text()));
    }
    return new Assignment(ctx.file(), p, ps, literal(p, "PrincipalType"), literal(p, "PrincipalId"), targets, FORMAT);
  }

  private static String getAttTarget(Node n) {
    if (n instanceof ScalarNode s && "GetAtt".equals(s.tag())) {
      int dot = s.text().indexOf('.');
      return dot > 0 ? s.text().substring(0, dot) : s.text();
    }
    if (n instanceof ObjectNode o && o.get("Fn::GetAtt").isPresent()) {
      Node v = o.get("Fn::GetAtt").get();
      if (v instanceof ArrayNode a && !a.items().isEmpty() && a.items().get(0) instanceof ScalarNode s) return s.text();
      if (v instanceof ScalarNode s) {
        int dot = s.text().indexOf('.');
        return dot > 0 ? s.text().substring(0, dot) : s.text();
      }
    }
    return null;
  }

  /** A literal (untagged) string property, or null for intrinsics and other types. */
  private static Str literal(ObjectNode o, String key) {
    return o.get(key).filter(n -> n instanceof ScalarNode s && s.type() != ScalarNode.Type.NULL && s.tag() == null)
        .map(n -> Str.of((ScalarNode) n)).orElse(null);
  }
}
