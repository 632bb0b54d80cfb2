package dev.iamlint.core.format.cfct;

import dev.iamlint.core.format.ExtractContext;
import dev.iamlint.core.format.InputFormat;
import dev.iamlint.core.format.Nodes;
import dev.iamlint.core.format.ScanContext;
import dev.iamlint.core.model.FileReference;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.util.List;
import java.util.Set;

/**
 * Customizations for Control Tower's {@code manifest.yaml}: {@code resources[]} with
 * {@code deploy_method: scp|rcp} name the policy files CfCT deploys as SCPs and RCPs (as written,
 * not re-serialized). Their {@code deployment_targets} are not modelled yet: the SCPs count as
 * attached, to no particular target. The manifest holds no documents of its own.
 */
public final class CfctFormat implements InputFormat {

  @Override
  public String id() {
    return "cfct";
  }

  @Override
  public List<String> contextSignals() {
    return List.of("deploy_method");
  }

  @Override
  public void scan(LoadedFile file, ScanContext ctx) {
    for (Node doc : file.documents()) {
      if (!(doc instanceof ObjectNode o) || !o.has("resources") || !(o.has("region") || o.has("version"))) continue;
      if (!(o.get("resources").orElse(null) instanceof ArrayNode resources)) continue;
      for (Node r : resources.items()) {
        if (!(r instanceof ObjectNode res)) continue;
        String method = res.string("deploy_method").map(ScalarNode::text).orElse("");
        if (method.equals("scp")) declare(file, res, PolicyKind.SCP, PolicyUse.SCP, ctx);
        if (method.equals("rcp")) declare(file, res, PolicyKind.RCP, PolicyUse.RCP, ctx);
      }
    }
  }

  private static void declare(LoadedFile file, ObjectNode res, PolicyKind kind, PolicyUse use, ScanContext ctx) {
    FileReference ref = ctx.reference(file.file(), res.string("resource_file").orElse(null));
    if (ref == null) return;
    Str name = res.string("name").map(Str::of).orElse(null);
    Str path = res.string("path").map(Str::of).orElse(null);
    ctx.declare(ref, new ExtractContext.Declared(kind, Set.of(use), name, path, false));
    String label = name != null ? name.text() : ref.relativePath();
    // CfCT deploys SCPs and RCPs to OUs (accounts listed for them are not targets), a nested OU
    // written as its path from the root with ':' between names, the policy going to the last one
    // (AWS Control Tower guide, "The resources section of the CfCT manifest file" and "Nested OU").
    boolean any = false;
    ObjectNode targets = res.object("deployment_targets").orElse(null);
    for (Str ou : Nodes.values(targets == null ? null : targets.get("organizational_units").orElse(null))) {
      if (ou.text().isBlank()) continue;
      any = true;
      OrgTarget t = new OrgTarget(OrgTarget.Kind.ORGANIZATIONAL_UNIT, ou.text().trim().replace(':', '/'));
      ctx.attach(new PolicyAttachment(file.file().relativePath(), t, kind, ref.relativePath(), label, file.file(),
          ou.span(), ou.pointer()));
    }
    if (any) return;
    ScalarNode at = res.string("name").orElse(null);
    ctx.attach(new PolicyAttachment(file.file().relativePath(), null, kind, ref.relativePath(),
        label, file.file(), at != null ? at.span() : res.span(),
        at != null ? at.pointer() : res.pointer()));
  }

  @Override
  public boolean extract(Node root, ExtractContext ctx) {
    return false;
  }
}
