package dev.iamlint.core.rule;

/**
 * A rule. Every rule is one final class annotated with {@link RuleInfo}, implementing {@link
 * DocumentRule} or {@link WorkspaceRule} (or both), listed in {@code
 * META-INF/services/dev.iamlint.core.rule.Rule} so that {@link java.util.ServiceLoader} finds it —
 * including rules in a user's own jar on the CLI's classpath or in the Maven plugin's
 * {@code <dependencies>}.
 *
 * <p>Rules hold no mutable state: one instance serves every file, from several threads.
 */
public interface Rule {

  /** The rule's metadata, from its annotation. */
  default RuleDescriptor descriptor() {
    return RuleDescriptor.of(getClass());
  }
}
