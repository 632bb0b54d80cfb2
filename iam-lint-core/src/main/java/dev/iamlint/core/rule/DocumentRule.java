package dev.iamlint.core.rule;

import dev.iamlint.core.model.Assignment;
import dev.iamlint.core.model.Condition;
import dev.iamlint.core.model.Document;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.source.LoadedFile;
import java.util.List;

/**
 * A rule that looks at one file at a time. The engine walks each file once and calls these
 * hooks in document order; override the ones you need. Files are checked in parallel, so a rule
 * must not keep state between calls (use locals, or report from the outermost hook you need).
 */
public interface DocumentRule extends Rule {

  /** Once per file, with its load problems (parse errors, duplicate keys). */
  default void onFile(LoadedFile file, RuleContext ctx) {}

  /**
   * Once per file, after {@link #onFile} and before the per-document hooks, with every document
   * extracted from the file: for facts that span documents of one file (the policies of one IAM
   * group in a CloudFormation template). Permission sets' inline policies are reached through
   * their permission sets.
   */
  default void onDocuments(LoadedFile file, List<Document> documents, RuleContext ctx) {}

  /** Each policy document, wherever it sits (a file, a CloudFormation property, an SCP). */
  default void onPolicy(PolicyDocument policy, RuleContext ctx) {}

  /** Each statement of a policy, after {@link #onPolicy}. */
  default void onStatement(PolicyDocument policy, Statement statement, RuleContext ctx) {}

  /** Each operator-key pair of a statement's {@code Condition}, after {@link #onStatement}. */
  default void onCondition(PolicyDocument policy, Statement statement, Condition condition, RuleContext ctx) {}

  /** Each permission set; its inline policy then goes through the policy hooks. */
  default void onPermissionSet(PermissionSet permissionSet, RuleContext ctx) {}

  /** Each account assignment. */
  default void onAssignment(Assignment assignment, RuleContext ctx) {}
}
