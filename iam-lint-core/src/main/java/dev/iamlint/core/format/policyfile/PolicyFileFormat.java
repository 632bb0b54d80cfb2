package dev.iamlint.core.format.policyfile;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.format.PolicyReader;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A policy document as a file of its own ({@code {"Version": ..., "Statement": ...}}), in JSON
 * or YAML. The kind comes from the configuration when it declares one; otherwise from content:
 * a policy with a {@code Principal} is a trust policy when all its actions are STS role
 * assumption actions, else a resource policy; anything else is an identity policy, taken as a
 * managed policy (the design's default for bare files).
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
    if (!(root instanceof ObjectNode o) || !PolicyReader.looksLikePolicy(o)) return false;
    ExtractContext.Declared d = ctx.declared();
    String container = ctx.file().relativePath();
    if (d != null) {
      PolicyDocument p = ctx.policy(o, d.kind(), d.uses(), d.name(), d.path(), container);
      if (p != null) ctx.add(d.reserialized() ? p.withReserialized(true) : p);
      return true;
    }
    PolicyDocument probe = PolicyReader.read(ctx.file(), o, PolicyKind.IDENTITY, Set.of(), null, null, false, container);
    PolicyKind kind = inferKind(probe);
    Set<PolicyUse> uses = switch (kind) {
      case TRUST -> Set.of(PolicyUse.TRUST);
      case RESOURCE -> Set.of(PolicyUse.RESOURCE);
      case SCP -> Set.of(PolicyUse.SCP);
      case RCP -> Set.of(PolicyUse.RCP);
      case IDENTITY -> Set.of(PolicyUse.MANAGED);
    };
    ctx.addPolicy(o, kind, uses, null, null, container);
    return true;
  }

  /**
   * A policy whose statements mostly name a principal is resource-based (or a trust policy when
   * all its actions assume a role); otherwise it is an identity policy. Going by the majority
   * keeps one stray Principal (an error in either kind) from flipping the whole file.
   */
  static PolicyKind inferKind(PolicyDocument p) {
    int withPrincipal = 0;
    int objects = 0;
    boolean allAssume = true;
    boolean anyAction = false;
    for (Statement s : p.statements()) {
      if (s.object() == null) continue;
      objects++;
      if (s.principal() != null || s.notPrincipal() != null) withPrincipal++;
      if (s.action() != null) {
        for (Str a : s.action().values()) {
          anyAction = true;
          String t = a.text().toLowerCase(Locale.ROOT);
          if (!(t.startsWith("sts:assumerole") || t.equals("sts:tagsession") || t.equals("sts:setsourceidentity")
              || t.equals("sts:setcontext"))) {
            allAssume = false;
          }
        }
      } else {
        allAssume = false;
      }
    }
    if (withPrincipal == 0 || withPrincipal * 2 < objects) return PolicyKind.IDENTITY;
    return allAssume && anyAction ? PolicyKind.TRUST : PolicyKind.RESOURCE;
  }
}
