package dev.iamlint.core.analysis.access;

import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.catalog.ManagedPolicy;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyReader;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.Format;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Limits;
import dev.iamlint.core.source.Loader;
import dev.iamlint.core.source.ObjectNode;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents of AWS managed policies from the catalogue, as policy models to evaluate; each
 * parsed once per instance and read by {@link PolicyReader}, as a policy file's would be. These
 * documents are AWS's: evaluated, never linted.
 */
public final class AwsManagedPolicies {

  /** The {@link PolicyDocument#container()} of a document read from the catalogue. */
  public static final String CONTAINER = "aws-managed";

  private final IamCatalog catalog;
  private final Map<String, Optional<PolicyDocument>> parsed = new ConcurrentHashMap<>();

  public AwsManagedPolicies(IamCatalog catalog) {
    this.catalog = catalog;
  }

  /** The document of an AWS managed policy by ARN, path and name, or name; empty when unknown. */
  public Optional<PolicyDocument> document(String nameOrArn) {
    return parsed.computeIfAbsent(nameOrArn, this::read);
  }

  private Optional<PolicyDocument> read(String ref) {
    Optional<ManagedPolicy> mp = ref.startsWith("arn:") ? catalog.managedPolicyByArn(ref) : catalog.managedPolicy(ref);
    if (mp.isEmpty() || mp.get().document() == null) return Optional.empty();
    ManagedPolicy p = mp.get();
    SourceFile file = new SourceFile(Path.of(p.name() + ".json"), "aws-managed/" + p.pathAndName(), Format.JSON);
    LoadedFile loaded = new Loader(Limits.DEFAULT).parse(file, p.document());
    if (loaded.documents().isEmpty() || !(loaded.documents().get(0) instanceof ObjectNode root)) return Optional.empty();
    return Optional.of(PolicyReader.read(file, root, PolicyKind.IDENTITY, Set.of(PolicyUse.MANAGED),
        new Str(p.name(), root.span(), root.pointer()), null, false, CONTAINER));
  }
}
