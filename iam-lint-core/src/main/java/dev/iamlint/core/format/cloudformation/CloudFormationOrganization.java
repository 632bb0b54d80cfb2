package dev.iamlint.core.format.cloudformation;

import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.workspace.Organization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The organization a CloudFormation template describes: {@code AWS::Organizations::OrganizationalUnit}
 * ({@code Name}, {@code ParentId}), {@code AWS::Organizations::Account} ({@code AccountName},
 * {@code ParentIds}) and {@code AWS::Organizations::Policy} of {@code Type}
 * {@code SERVICE_CONTROL_POLICY} / {@code RESOURCE_CONTROL_POLICY} attached through
 * {@code TargetIds}. Parents and targets are literal ids ({@code r-}, {@code ou-}, 12 digits),
 * {@code !Ref} of a resource of the template (an OU's or account's {@code Ref} is its id) or
 * {@code !GetAtt X.Id} / {@code !GetAtt X.RootId} (an {@code AWS::Organizations::Organization}'s
 * root). Parameters and other intrinsics cannot be resolved here and attach to no known target.
 * The template's policies are extracted as documents by {@link CloudFormationFormat}; an
 * attachment names one by its file and resource ({@code org.yaml#Resources.DenyLeave}).
 */
public final class CloudFormationOrganization {

  private CloudFormationOrganization() {}

  private static final String OU = "AWS::Organizations::OrganizationalUnit";
  private static final String ACCOUNT = "AWS::Organizations::Account";
  private static final String POLICY = "AWS::Organizations::Policy";
  private static final String ORGANIZATION = "AWS::Organizations::Organization";

  /** A resource of the template that is an OU, an account or the organization. */
  private record Res(String logicalId, String type, ObjectNode props, ObjectNode node) {}

  /** Adds what a template describes to the organization and its attachments. */
  public static void scan(LoadedFile file, ScanContext ctx) {
    for (Node doc : file.documents()) {
      if (doc instanceof ObjectNode o && o.object("Resources").isPresent()) template(file, o.object("Resources").get(), ctx);
    }
  }

  private static void template(LoadedFile file, ObjectNode resources, ScanContext ctx) {
    Map<String, Res> byId = new LinkedHashMap<>();
    List<Res> policies = new ArrayList<>();
    for (ObjectNode.Entry e : resources.entries()) {
      if (!(e.value() instanceof ObjectNode r)) continue;
      String type = r.string("Type").map(ScalarNode::text).orElse(null);
      if (type == null || !type.startsWith("AWS::Organizations::")) continue;
      ObjectNode props = r.object("Properties").orElse(null);
      Res res = new Res(e.key(), type, props, r);
      if (type.equals(POLICY)) {
        if (props != null && policyKind(props) != null) policies.add(res);
      } else if (type.equals(OU) || type.equals(ACCOUNT) || type.equals(ORGANIZATION)) {
        byId.put(e.key(), res);
      }
    }
    boolean definesTargets = byId.values().stream().anyMatch(r -> !r.type().equals(ORGANIZATION));
    boolean attaches = policies.stream().anyMatch(p -> p.props().has("TargetIds"));
    if (!definesTargets && !attaches) return;
    // A template that defines OUs or accounts, or attaches at the root, describes the organization
    // (IAM603/IAM605 may judge it); one that only attaches to OUs or accounts by id describes
    // attachments of an organization defined elsewhere: counted (IAM602), not judged whole.
    boolean atRoot = policies.stream().anyMatch(p -> items(p.props().get("TargetIds").orElse(null)).stream()
        .map(t -> target(t, byId, Map.of())).anyMatch(t -> t != null && t.kind() == OrgTarget.Kind.ROOT));
    Organization.Builder org = definesTargets || atRoot ? ctx.organization().source(file.file()) : ctx.organization();
    Map<String, String> ouPaths = new LinkedHashMap<>();
    for (Res r : byId.values()) {
      if (r.type().equals(OU)) ouPath(r, byId, ouPaths, new HashSet<>());
      if (r.type().equals(ORGANIZATION) && (definesTargets || atRoot)) {
        // Where the root is declared, for findings about it: the organization's Type (FullAWSAccess as it is).
        Node t = r.node().get("Type").orElse(r.node());
        ctx.declareRoot(file.file(), t.span(), t.pointer());
      }
    }
    for (Res r : byId.values()) {
      if (r.type().equals(OU) && ouPaths.get(r.logicalId()) != null) {
        String path = ouPaths.get(r.logicalId());
        int slash = path.lastIndexOf('/');
        org.ou(null, slash < 0 ? path : path.substring(slash + 1), path, slash < 0 ? null : path.substring(0, slash),
            file.file(), r.node().span());
      } else if (r.type().equals(ACCOUNT) && r.props() != null) {
        String name = text(r.props().get("AccountName").orElse(null));
        if (name == null) continue;
        Node parents = r.props().get("ParentIds").orElse(null);
        Node first = parents instanceof ArrayNode a && !a.items().isEmpty() ? a.items().get(0) : null;
        OrgTarget parent = first == null ? OrgTarget.root() : target(first, byId, ouPaths);
        String ou = parent == null ? null : parent.kind() == OrgTarget.Kind.ROOT ? Organization.ROOT : parent.ref();
        org.account(new Organization.Account(null, name, ou, file.file(), r.node().span()));
      }
    }
    String source = file.file().relativePath();
    for (Res p : policies) {
      PolicyKind kind = policyKind(p.props());
      String path = source + "#Resources." + p.logicalId();
      Str name = p.props().get("Name").filter(n -> n instanceof ScalarNode s && s.tag() == null && s.isString())
          .map(n -> Str.of((ScalarNode) n)).orElse(null);
      String label = name != null ? name.text() : p.logicalId();
      for (Node t : items(p.props().get("TargetIds").orElse(null))) {
        OrgTarget target = target(t, byId, ouPaths);
        // An unresolvable target (a parameter, an import) is still an attachment, to no known target.
        ctx.attach(new PolicyAttachment(source, target, kind, path, label, file.file(), t.span(), t.pointer()));
      }
    }
  }

  private static List<Node> items(Node targets) {
    return targets instanceof ArrayNode a ? a.items() : targets == null ? List.of() : List.of(targets);
  }

  private static PolicyKind policyKind(ObjectNode props) {
    String t = props.get("Type").map(CloudFormationOrganization::text).orElse("");
    return switch (t) {
      case "SERVICE_CONTROL_POLICY" -> PolicyKind.SCP;
      case "RESOURCE_CONTROL_POLICY" -> PolicyKind.RCP;
      default -> null;
    };
  }

  /** An OU's path of names from the root; null when its name is not a literal. */
  private static String ouPath(Res r, Map<String, Res> byId, Map<String, String> paths, Set<String> visiting) {
    if (paths.containsKey(r.logicalId())) return paths.get(r.logicalId());
    if (!visiting.add(r.logicalId()) || r.props() == null) return null; // a cycle
    String name = text(r.props().get("Name").orElse(null));
    String path = null;
    if (name != null) {
      Node parentNode = r.props().get("ParentId").orElse(null);
      String parentPath = null;
      String ref = refTarget(parentNode);
      if (ref != null && byId.containsKey(ref) && byId.get(ref).type().equals(OU)) {
        parentPath = ouPath(byId.get(ref), byId, paths, visiting);
      } else if (parentNode instanceof ScalarNode s && s.tag() == null && s.text().startsWith("ou-")) {
        parentPath = s.text(); // an OU defined elsewhere: its id keeps the path distinct
      }
      path = parentPath == null ? name : parentPath + "/" + name;
    }
    paths.put(r.logicalId(), path);
    return path;
  }

  /** A root, OU or account a {@code ParentIds} / {@code TargetIds} item names; null when unresolvable. */
  private static OrgTarget target(Node n, Map<String, Res> byId, Map<String, String> ouPaths) {
    if (n instanceof ScalarNode s && s.tag() == null) {
      String t = s.text();
      if (t.startsWith("r-")) return OrgTarget.root();
      if (t.startsWith("ou-")) return new OrgTarget(OrgTarget.Kind.ORGANIZATIONAL_UNIT, t);
      if (t.matches("\\d{12}")) return new OrgTarget(OrgTarget.Kind.ACCOUNT, t);
      return null;
    }
    String ref = refTarget(n);
    Res r = ref == null ? null : byId.get(ref);
    if (r == null) return null;
    return switch (r.type()) {
      case ORGANIZATION -> n instanceof ScalarNode s && s.text().endsWith(".RootId") || getAttAttribute(n).equals("RootId")
          ? OrgTarget.root() : null;
      case OU -> ouPaths.get(r.logicalId()) == null ? null : new OrgTarget(OrgTarget.Kind.ORGANIZATIONAL_UNIT, ouPaths.get(r.logicalId()));
      case ACCOUNT -> r.props() == null ? null : nameTarget(r.props());
      default -> null;
    };
  }

  private static OrgTarget nameTarget(ObjectNode props) {
    String name = text(props.get("AccountName").orElse(null));
    return name == null ? null : new OrgTarget(OrgTarget.Kind.ACCOUNT, name);
  }

  /** The logical id of {@code !Ref X}, {@code !GetAtt X.Attr}, {@code {Ref: X}} or {@code {Fn::GetAtt: [X, Attr]}}. */
  static String refTarget(Node n) {
    if (n instanceof ScalarNode s && ("Ref".equals(s.tag()) || "GetAtt".equals(s.tag()))) {
      int dot = s.text().indexOf('.');
      return "GetAtt".equals(s.tag()) && dot > 0 ? s.text().substring(0, dot) : s.text();
    }
    if (n instanceof ObjectNode o && o.entries().size() == 1) {
      ObjectNode.Entry e = o.entries().get(0);
      if (e.key().equals("Ref") && e.value() instanceof ScalarNode s) return s.text();
      if (e.key().equals("Fn::GetAtt")) {
        if (e.value() instanceof ArrayNode a && !a.items().isEmpty() && a.items().get(0) instanceof ScalarNode s) return s.text();
        if (e.value() instanceof ScalarNode s) {
          int dot = s.text().indexOf('.');
          return dot > 0 ? s.text().substring(0, dot) : s.text();
        }
      }
    }
    return null;
  }

  private static String getAttAttribute(Node n) {
    if (n instanceof ObjectNode o && o.entries().size() == 1 && o.entries().get(0).key().equals("Fn::GetAtt")) {
      Node v = o.entries().get(0).value();
      if (v instanceof ArrayNode a && a.items().size() > 1 && a.items().get(1) instanceof ScalarNode s) return s.text();
      if (v instanceof ScalarNode s && s.text().contains(".")) return s.text().substring(s.text().indexOf('.') + 1);
    }
    return "";
  }

  /** A literal string (no intrinsic tag), or null. */
  private static String text(Node n) {
    return n instanceof ScalarNode s && s.tag() == null && s.type() != ScalarNode.Type.NULL && !s.text().isBlank() ? s.text() : null;
  }
}
