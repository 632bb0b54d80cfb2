package dev.iamlint.core.rule;

import dev.iamlint.core.Level;
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

  /**
   * Tags for grouping. Rules whose findings are security alerts carry {@code security} (GitHub
   * code scanning shows only those as security alerts); correctness findings such as a parse
   * error or a redundant grant do not.
   */
  String[] tags() default {};

  /** The version that introduced the rule, or "" when not stated. */
  String since() default "";

  /** A published documentation page for the rule (SARIF helpUri), or "" for none. */
  String helpUri() default "";

  /**
   * Rules whose finding on the same statement makes this rule's finding redundant (IAM202 is
   * superseded by IAM201: "allows everything" already says "allows every s3 action"). The
   * engine drops this rule's findings on a statement only when one of these rules is enabled and
   * reported on that same statement; turning the broader rule off brings them back.
   */
  String[] supersededBy() default {};

  /** The options the rule reads from {@code rules.<id>.options}; configuration is validated against them. */
  Option[] options() default {};

  /** One typed option of a rule. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({})
  @interface Option {
    String name();

    OptionType type();

    /** The default, as it would be written in YAML; "" when the rule computes it. */
    String defaultValue() default "";

    String description();
  }

  /** Value types of rule options. */
  enum OptionType {
    STRING, INTEGER, BOOLEAN, STRING_LIST, DURATION
  }

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
     * empty means the rule's level. For rules whose level depends on the case ("warning / error"
     * in the catalogue). At most one element.
     */
    Level[] level() default {};
  }
}
