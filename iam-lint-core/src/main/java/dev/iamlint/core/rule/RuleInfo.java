package dev.iamlint.core.rule;

import dev.iamlint.core.engine.Level;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The metadata of a rule, on the rule class itself. SARIF {@code rules[]}, {@code iam-lint rules},
 * {@code iam-lint explain} and the generated doc page all come from it and from the rule's
 * hand-written doc body ({@code docs/<ID>-<name>.md} next to the class, as a resource).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {

  /** Stable public id, e.g. {@code IAM201}. Never renumbered or reused. */
  String id();

  /** Kebab-case name, e.g. {@code full-admin-grant}; one stem with the class, fixtures and doc. */
  String name();

  /** Default level. */
  Level level();

  /** GitHub's security-severity, 0.0 to 10.0. */
  double securitySeverity();

  /** Tags for grouping; "security" is always added for GitHub. */
  String[] tags() default {};

  /** The version that introduced the rule. */
  String since() default "0.1.0";

  /** One sentence: what the rule finds (SARIF shortDescription). */
  String summary();

  /** A short paragraph: why it matters (SARIF fullDescription). */
  String description();

  /** Message templates; {@code {0}}, {@code {1}}… are the report arguments. */
  Message[] messages();

  /** One message template. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({})
  @interface Message {
    /** Message id; a rule with one message uses {@code default}. */
    String id() default "default";

    String text();

    /**
     * The level of findings with this message when the user has not configured the rule's level;
     * {@link Level#NONE} means the rule's level. For rules whose level depends on the case
     * ("warning / error" in the catalogue).
     */
    Level level() default Level.NONE;
  }
}
