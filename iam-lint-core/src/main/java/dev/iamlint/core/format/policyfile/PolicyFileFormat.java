package dev.iamlint.core.format.policyfile;

import dev.iamlint.core.format.BoundaryNames;
import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyReader;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.Span;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;

/**
 * A policy document as a file of its own ({@code {"Version": ..., "Statement": ...}}), in JSON
 * or YAML, or a file mapping names to such documents ({@code {"ReadOnly": {...}, "Admin": {...}}},
 * one document per entry). The kind comes from the configuration or a manifest when they declare
 * one; otherwise from evidence (see {@link KindEvidence}): folder and file names first, then
 * content.
 */
public final class PolicyFileFormat implements InputFormat {

  @Override
  public String id() {
    return "policy-file";
  }

  @Override
  public List<String> contextSignals() {
    return List.of();
  }

  @Override
  public boolean extract(Node root, ExtractContext ctx) {
    if (!(root instanceof ObjectNode o)) return false;
    String container = ctx.file().relativePath();
    if (PolicyReader.looksLikePolicy(o)) {
      document(o, null, container, true, ctx);
      return true;
    }
    if (!isNamedDocuments(o)) return false;
    boolean first = true;
    for (ObjectNode.Entry e : o.entries()) {
      Str name = Str.key(e, o.pointer());
      document((ObjectNode) e.value(), name, container + " " + e.key(), first, ctx);
      first = false;
    }
    return true;
  }

  /**
   * {@code {"Name": {"Version": ..., "Statement": [...]}, ...}}: every value is an object with a
   * {@code Statement} (one stray value means it is some other file that happens to hold a policy).
   */
  /**
   * A path naming VPC endpoint policies with a separator ({@code vpc-endpoint-policies/}, Landing
   * Zone Accelerator's layout, or {@code s3-endpoint-policy.json}): such a file is a VPC endpoint
   * policy, which filters and grants nothing ({@link PolicyUse#VPC_ENDPOINT}). Without one the
   * name may be an identity policy's: AWS's managed {@code ROSASharedVPCEndpointPolicy} and
   * {@code AWSApplicationAutoscalingComprehendEndpointPolicy} manage endpoints.
   */
  private static final java.util.regex.Pattern ENDPOINT_POLICY_PATH =
      java.util.regex.Pattern.compile("(?i).*endpoint[-_]polic.*");

  static boolean isNamedDocuments(ObjectNode o) {
    if (o.entries().isEmpty()) return false;
    for (ObjectNode.Entry e : o.entries()) {
      if (!(e.value() instanceof ObjectNode v) || !v.has("Statement") || e.key().equals("Statement")) return false;
    }
    return true;
  }

  private static void document(ObjectNode o, Str name, String container, boolean note, ExtractContext ctx) {
    ExtractContext.Declared d = ctx.declared();
    if (d != null) {
      PolicyDocument p = ctx.policy(o, d.kind(), d.uses(), name != null ? name : d.name(), d.path(), container);
      if (p == null) return;
      if (name == null && !d.names().isEmpty()) p = p.withDeployedNames(d.names());
      ctx.add(d.reserialized() ? p.withReserialized(true) : p);
      return;
    }
    PolicyDocument probe = PolicyReader.read(ctx.file(), o, PolicyKind.IDENTITY, Set.of(), null, null, false, container);
    KindEvidence.Result kind = KindEvidence.of(ctx.file().relativePath(), probe);
    Str declaredName = name;
    if (declaredName == null && kind.awsName() != null) {
      Span at = Span.at(o.span().startLine(), o.span().startColumn());
      declaredName = new Str(kind.awsName(), at, o.pointer());
    }
    Set<PolicyUse> uses = switch (kind.kind()) {
      case TRUST -> Set.of(PolicyUse.TRUST);
      case RESOURCE -> Set.of(PolicyUse.RESOURCE);
      case SCP -> Set.of(PolicyUse.SCP);
      case RCP -> Set.of(PolicyUse.RCP);
      // Named for permissions boundaries: a boundary, which the rules about grants leave alone.
      case IDENTITY -> BoundaryNames.pathNames(ctx.file().relativePath())
          ? Set.of(PolicyUse.MANAGED, PolicyUse.BOUNDARY) : Set.of(PolicyUse.MANAGED);
    };
    if (ENDPOINT_POLICY_PATH.matcher(ctx.file().relativePath().replace('\\', '/')).matches()) {
      uses = EnumSet.copyOf(uses);
      uses.add(PolicyUse.VPC_ENDPOINT);
    }
    PolicyDocument p = ctx.policy(o, kind.kind(), uses, declaredName, null, container);
    if (p == null) return;
    if (kind.inference() != null) {
      PolicyDocument.KindInference i = kind.inference();
      p = p.withInference(note ? i : new PolicyDocument.KindInference(null, i.alternatives()));
    }
    ctx.add(p);
  }

  /** The content-only reading (no path evidence). */
  static PolicyKind inferKind(PolicyDocument p) {
    return KindEvidence.fromContent(p).kind();
  }
}
