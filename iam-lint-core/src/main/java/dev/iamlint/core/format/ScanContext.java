package dev.iamlint.core.format;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.model.DeclaredPolicy;
import dev.iamlint.core.model.FileReference;
import dev.iamlint.core.model.OrgTarget;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicySet;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.model.TargetDeclaration;
import dev.iamlint.core.source.ScalarNode;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import dev.iamlint.core.workspace.Deployment;
import dev.iamlint.core.workspace.Organization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the scan phase puts what formats find: declarations of other files, file references, and
 * contributions to the organization and deployment model. One per deployment of a run (most runs
 * have one; see {@link InputFormat#rootsDeployment}); not thread-safe (the scan phase runs files in
 * order, so merged models do not depend on timing).
 */
public final class ScanContext {

  private final Config config;
  private final Path root;
  private final Declarations declarations;
  private final Organization.Builder organization = new Organization.Builder();
  private final List<PolicyAttachment> attachments = new ArrayList<>();
  private final List<TargetDeclaration> targets = new ArrayList<>();
  private final List<DeclaredPolicy> declared = new ArrayList<>();
  private final List<PolicySet> policySets = new ArrayList<>();
  private final List<FileReference> references = new ArrayList<>();

  public ScanContext(Config config, Path root) {
    this.config = config;
    this.root = root.toAbsolutePath().normalize();
    this.declarations = new Declarations(config);
  }

  /** A context for another deployment of the same run: its own model, {@code first}'s declarations. */
  ScanContext(ScanContext first) {
    this.config = first.config;
    this.root = first.root;
    this.declarations = first.declarations;
  }

  public Config config() {
    return config;
  }

  /** The lint root (absolute, normalized). */
  public Path root() {
    return root;
  }

  /** The organization the sources describe; formats add to it. */
  public Organization.Builder organization() {
    return organization;
  }

  /**
   * A file named in {@code from} (LZA {@code policy:}, CfCT {@code resource_file:}), resolved
   * against {@code from}'s folder; null for a blank reference or a URL (not in the repository).
   */
  public FileReference reference(SourceFile from, ScalarNode ref) {
    if (ref == null || ref.text().isBlank() || ref.text().contains("://")) return null;
    Path dir = from.path().toAbsolutePath().normalize().getParent();
    Path resolved = dir.resolve(ref.text()).normalize();
    String rel = resolved.startsWith(root) ? root.relativize(resolved).toString().replace('\\', '/')
        : resolved.toString().replace('\\', '/');
    return new FileReference(from, Str.of(ref), rel, Files.isRegularFile(resolved));
  }

  /** A file a manifest declares (its reference is checked by IAM010); the first manifest wins. */
  public void declare(FileReference ref, ExtractContext.Declared d) {
    declarations.manifest(ref.relativePath(), d);
    references.add(ref);
  }

  /** A file the configuration declares; takes precedence over globs and manifests. */
  public void declareConfigured(FileReference ref, ExtractContext.Declared d) {
    declarations.configured(ref.relativePath(), d);
    references.add(ref);
  }

  public void attach(PolicyAttachment a) {
    attachments.add(a);
  }

  public void declareTarget(TargetDeclaration t) {
    targets.add(t);
  }

  /**
   * Where the organization's root is declared in {@code file}, for findings about the root when
   * no SCP is attached to it (the element that makes the root: org-formation's
   * {@code OC::ORG::OrganizationRoot} type, say). Its FullAWSAccess stays as it is.
   */
  public void declareRoot(SourceFile file, Span span, String pointer) {
    declareTarget(new TargetDeclaration(file.relativePath(), OrgTarget.root(), true, file, span, pointer));
  }

  public void declarePolicy(DeclaredPolicy p) {
    declared.add(p);
  }

  public void policySet(PolicySet s) {
    policySets.add(s);
  }

  /** What the scan found out about files, for phase 2. */
  public Declarations declarations() {
    return declarations;
  }

  /** The deployment model, for the workspace. */
  public Deployment deployment() {
    return new Deployment(organization.build().orElse(null), attachments, targets, declared, policySets, references);
  }
}
