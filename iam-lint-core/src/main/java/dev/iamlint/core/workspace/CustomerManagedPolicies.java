package dev.iamlint.core.workspace;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.source.SourceFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The customer managed policies of a workspace by every name they are created under. A document
 * is usually one policy, named by its source; a file that manifests name more than once is one
 * policy per name (Landing Zone Accelerator creates a policy for each
 * {@code policySets[].policies[]} entry, so two entries with one {@code policy:} file are two
 * policies), and a reference to any of those names resolves. Immutable.
 */
public final class CustomerManagedPolicies {

  /**
   * One policy as created: its document, its name and IAM path (null for {@code /}), and the file
   * where the name is written (the document's own file, or the manifest that names it).
   */
  public record Named(PolicyDocument policy, Str name, Str path, SourceFile file) {

    /** The IAM path ({@code /} when none is given). */
    public String iamPath() {
      return path == null ? "/" : path.text();
    }
  }

  private final Map<String, List<Named>> byLowerName;

  private CustomerManagedPolicies(Map<String, List<Named>> byLowerName) {
    this.byLowerName = byLowerName;
  }

  /** From the workspace's managed policies that have a name (see {@link Workspace#cmps()}). */
  static CustomerManagedPolicies of(List<PolicyDocument> named) {
    Map<String, List<Named>> out = new LinkedHashMap<>();
    for (PolicyDocument p : named) {
      if (p.deployedNames().isEmpty()) {
        add(out, new Named(p, p.name(), p.path(), p.file()));
      } else {
        for (PolicyDocument.DeployedName n : p.deployedNames()) add(out, new Named(p, n.name(), n.path(), n.file()));
      }
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return new CustomerManagedPolicies(Collections.unmodifiableMap(out));
  }

  private static void add(Map<String, List<Named>> out, Named n) {
    out.computeIfAbsent(n.name().text().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(n);
  }

  /** The policies whose name equals this one ignoring case. */
  public List<Named> namedIgnoreCase(String name) {
    return byLowerName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The policy with exactly this name and IAM path ({@code /} for null), or null. */
  public Named exact(String name, String iamPath) {
    for (Named n : namedIgnoreCase(name)) {
      if (n.name().text().equals(name) && n.iamPath().equals(iamPath)) return n;
    }
    return null;
  }

  /** Every name, as written. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    byLowerName.values().forEach(l -> l.forEach(n -> out.add(n.name().text())));
    return out;
  }
}
