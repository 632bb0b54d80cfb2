package dev.iamlint.core.custom;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.rule.Rule;
import java.util.List;

/** A rule declared in {@code customRules:} of {@code .iam-lint.yaml}, in either of its forms. */
public sealed interface DeclaredRule extends Rule permits DeclarativeRule, DeclaredOrganizationRule {

  /** The validated declaration. */
  Config.CustomRule declaration();

  /** Problems of the declaration that do not stop the run (an action the catalogue lacks), each with file:line:col. */
  List<String> warnings();
}
