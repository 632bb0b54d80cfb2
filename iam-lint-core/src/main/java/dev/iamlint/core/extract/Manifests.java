package dev.iamlint.core.extract;

import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.ArrayNode;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.ScalarNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Files that say what other files are: Landing Zone Accelerator's {@code organization-config.yaml}
 * ({@code serviceControlPolicies[].policy}, {@code resourceControlPolicies[].policy}) and
 * {@code iam-config.yaml} ({@code policySets[].policies[]} — customer managed policies by name —
 * and permission sets' {@code inlinePolicy}), and Customizations for Control Tower's
 * {@code manifest.yaml} ({@code resources[]} with {@code deploy_method: scp|rcp}). A bare policy
 * file cannot tell an SCP from an identity policy by content; these files can. Read in a pass
 * over every loaded file before any document is extracted.
 */
public final class Manifests {

  private Manifests() {}

  /** What a manifest declares about one referenced file. */
  public record Declaration(FileReference reference, ExtractContext.Declared declared) {}

  /**
   * Scans one loaded file and reports each declaration to {@code sink}.
   *
   * @param root the lint root, to resolve and relativise referenced paths
   */
  public static void scan(LoadedFile file, Path root, BiConsumer<String, Declaration> sink) {
    for (Node doc : file.documents()) {
      if (!(doc instanceof ObjectNode o)) continue;
      Path dir = file.file().path().toAbsolutePath().normalize().getParent();
      // LZA organization-config.yaml
      // LZA reads these files and deploys JSON.stringify(require(file)): compact JSON.
      each(o, "serviceControlPolicies", p -> declare(file, root, dir, p, "policy", PolicyKind.SCP, PolicyUse.SCP, true, sink));
      each(o, "resourceControlPolicies", p -> declare(file, root, dir, p, "policy", PolicyKind.RCP, PolicyUse.RCP, true, sink));
      // LZA iam-config.yaml
      each(o, "policySets", set -> {
        if (set instanceof ObjectNode s) {
          each(s, "policies", p -> declare(file, root, dir, p, "policy", PolicyKind.IDENTITY, PolicyUse.MANAGED, true, sink));
        }
      });
      o.object("identityCenter").ifPresent(ic -> each(ic, "identityCenterPermissionSets", ps -> {
        if (ps instanceof ObjectNode p) {
          p.object("policies").ifPresent(pol -> declare(file, root, dir, pol, "inlinePolicy", PolicyKind.IDENTITY,
              PolicyUse.PERMISSION_SET_INLINE, true, sink));
        }
      }));
      // CfCT manifest.yaml
      if (o.has("resources") && (o.has("region") || o.has("version"))) {
        each(o, "resources", r -> {
          if (!(r instanceof ObjectNode res)) return;
          String method = res.string("deploy_method").map(ScalarNode::text).orElse("");
          if (method.equals("scp")) declare(file, root, dir, res, "resource_file", PolicyKind.SCP, PolicyUse.SCP, false, sink);
          if (method.equals("rcp")) declare(file, root, dir, res, "resource_file", PolicyKind.RCP, PolicyUse.RCP, false, sink);
        });
      }
    }
  }

  private static void each(ObjectNode o, String key, java.util.function.Consumer<Node> f) {
    o.get(key).filter(ArrayNode.class::isInstance).ifPresent(a -> ((ArrayNode) a).items().forEach(f));
  }

  private static void declare(LoadedFile file, Path root, Path dir, Node item, String key, PolicyKind kind, PolicyUse use,
      boolean reserialized, BiConsumer<String, Declaration> sink) {
    if (!(item instanceof ObjectNode o)) return;
    ScalarNode ref = o.string(key).orElse(null);
    if (ref == null || ref.text().isBlank() || ref.text().contains("://")) return; // S3 URLs are not in the repository
    Path resolved = dir.resolve(ref.text()).normalize();
    Path absRoot = root.toAbsolutePath().normalize();
    String rel = resolved.startsWith(absRoot) ? absRoot.relativize(resolved).toString().replace('\\', '/')
        : resolved.toString().replace('\\', '/');
    Str name = o.string("name").map(Str::of).orElse(null);
    Str path = o.string("path").map(Str::of).orElse(null);
    FileReference fr = new FileReference(file.file(), Str.of(ref), rel, Files.isRegularFile(resolved));
    sink.accept(rel, new Declaration(fr, new ExtractContext.Declared(kind, Set.of(use), name, path, reserialized)));
  }

}
