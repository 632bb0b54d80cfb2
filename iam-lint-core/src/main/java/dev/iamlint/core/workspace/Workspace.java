package dev.iamlint.core.workspace;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.extract.FileReference;
import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.PolicyKind;
import dev.iamlint.core.model.PolicyUse;
import dev.iamlint.core.source.LoadedFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every document of a run and the cross references between them, built once after loading and
 * read by workspace rules. Immutable.
 */
public final class Workspace {

  private final List<LoadedFile> files;
  private final List<Document> documents;
  private final Config config;
  private final List<PolicyDocument> policies;
  private final List<PermissionSet> permissionSets;
  private final List<Assignment> assignments;
  private final Map<String, List<PolicyDocument>> cmpsByLowerName;
  private final Map<String, List<PermissionSet>> permissionSetsByName;
  private final List<FileReference> references;
  private final Organization org;

  public Workspace(List<LoadedFile> files, List<Document> documents, List<FileReference> references, Config config) {
    this.files = List.copyOf(files);
    this.references = List.copyOf(references);
    this.documents = List.copyOf(documents);
    this.config = config;
    this.org = Organization.of(config, files).orElse(null);
    List<PolicyDocument> pol = new ArrayList<>();
    List<PermissionSet> ps = new ArrayList<>();
    List<Assignment> as = new ArrayList<>();
    Map<String, List<PolicyDocument>> cmps = new LinkedHashMap<>();
    Map<String, List<PermissionSet>> psByName = new LinkedHashMap<>();
    for (Document d : documents) {
      if (d instanceof PolicyDocument p) {
        pol.add(p);
        if (p.uses().contains(PolicyUse.MANAGED) && p.name() != null) {
          cmps.computeIfAbsent(p.name().text().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(p);
        }
      } else if (d instanceof PermissionSet s) {
        ps.add(s);
        if (s.inlinePolicy() != null) pol.add(s.inlinePolicy());
        if (s.name() != null) psByName.computeIfAbsent(s.name().text(), k -> new ArrayList<>()).add(s);
      } else if (d instanceof Assignment a) {
        as.add(a);
      }
    }
    this.policies = List.copyOf(pol);
    this.permissionSets = List.copyOf(ps);
    this.assignments = List.copyOf(as);
    cmps.replaceAll((k, v) -> List.copyOf(v));
    psByName.replaceAll((k, v) -> List.copyOf(v));
    this.cmpsByLowerName = Collections.unmodifiableMap(cmps);
    this.permissionSetsByName = Collections.unmodifiableMap(psByName);
  }

  public List<LoadedFile> files() {
    return files;
  }

  public List<Document> documents() {
    return documents;
  }

  public Config config() {
    return config;
  }

  /** Every policy document, permission-set inline policies included. */
  public List<PolicyDocument> policies() {
    return policies;
  }

  public List<PolicyDocument> policies(PolicyKind kind) {
    return policies.stream().filter(p -> p.kind() == kind).toList();
  }

  public List<PermissionSet> permissionSets() {
    return permissionSets;
  }

  public List<Assignment> assignments() {
    return assignments;
  }

  /** Customer managed policies whose declared name equals this one ignoring case. */
  public List<PolicyDocument> customerManagedPoliciesNamedIgnoreCase(String name) {
    return cmpsByLowerName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** Every customer managed policy with a declared name, by lower-case name. */
  public Map<String, List<PolicyDocument>> customerManagedPolicies() {
    return cmpsByLowerName;
  }

  /** Permission sets by exact name. */
  public List<PermissionSet> permissionSetsNamed(String name) {
    return permissionSetsByName.getOrDefault(name, List.of());
  }

  /** Policy files named by manifests and the configuration (for missing-file checks). */
  public List<FileReference> fileReferences() {
    return references;
  }

  /**
   * The configuration's {@code organization:} section as written, or null. Kept for rules that
   * read the section's SCP attachments; for resolving accounts and OUs use {@link #org()}.
   */
  public Config.Organization organization() {
    return config == null ? null : config.organization();
  }

  /**
   * The organization model merged from every organization source (the configuration's
   * {@code organization:} section, LZA {@code organization-config.yaml} and
   * {@code accounts-config.yaml}); empty when the run has none, in which case account and OU
   * references cannot be checked.
   */
  public Optional<Organization> org() {
    return Optional.ofNullable(org);
  }
}
