package dev.iamlint.rules.identitycenter;

import dev.iamlint.core.analysis.Templates;
import dev.iamlint.core.Level;
import dev.iamlint.core.model.PermissionSet;
import dev.iamlint.core.model.Str;
import dev.iamlint.core.rule.DocumentRule;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A permission set name that Identity Center does not accept (1 to 32 characters of
 * {@code [\w+=,.@-]}), or a name that two permission sets of the workspace share.
 */
@RuleInfo(
    id = "IAM509",
    name = "invalid-permission-set-name",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 2.0,
    tags = {"identity-center", "correctness"},
    summary = "A permission set name that is too long or has characters Identity Center does not allow, or that two "
        + "permission sets share.",
    description = "Identity Center rejects a permission set name longer than 32 characters or with characters "
        + "outside letters, digits and +=,.@_-, so the permission set is not created. Names are unique within an "
        + "instance: a second permission set with the same name fails to deploy or, with tools that look permission "
        + "sets up by name, silently replaces or updates the first.",
    messages = {
      @RuleInfo.Message(id = "length", text = "the permission set name {0} is {1} characters long; Identity Center "
          + "allows 1 to 32"),
      @RuleInfo.Message(id = "charset", text = "the permission set name {0} contains {1}, which Identity Center does not "
          + "allow (letters, digits and +=,.@_- only)"),
      @RuleInfo.Message(id = "duplicate", text = "a permission set named {0} is already defined in {1} line {2}")
    })
public final class InvalidPermissionSetName implements DocumentRule, WorkspaceRule {

  private static final Pattern ALLOWED = Pattern.compile("[\\w+=,.@-]");

  @Override
  public void onPermissionSet(PermissionSet ps, RuleContext ctx) {
    Str name = ps.name();
    if (name == null || Templates.isTemplated(name.text())) return;
    String text = name.text();
    int length = text.codePointCount(0, text.length());
    if (length < 1 || length > 32) {
      ctx.report(name, "length", text.isEmpty() ? "\"\"" : text, length);
      return;
    }
    TreeSet<String> bad = new TreeSet<>();
    text.codePoints().mapToObj(Character::toString).filter(c -> !ALLOWED.matcher(c).matches())
        .forEach(c -> bad.add(c.equals(" ") ? "a space" : "'" + c + "'"));
    if (!bad.isEmpty()) ctx.report(name, "charset", text, String.join(", ", bad));
  }

  @Override
  public void check(Workspace workspace, RuleContext ctx) {
    Map<String, PermissionSet> first = new LinkedHashMap<>();
    for (PermissionSet ps : workspace.permissionSets()) {
      Str name = ps.name();
      if (name == null || name.text().isEmpty() || Templates.isTemplated(name.text())) continue;
      PermissionSet earlier = first.putIfAbsent(name.text(), ps);
      if (earlier == null) continue;
      ctx.report(ps.file(), name, "duplicate", name.text(), earlier.file().relativePath(), earlier.name().span().startLine())
          .related(earlier.file(), earlier.name().span(), "first definition of " + name.text());
    }
  }
}
