package dev.iamlint.rules.organization;

import dev.iamlint.core.Level;
import dev.iamlint.core.model.PolicyAttachment;
import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleInfo;
import dev.iamlint.core.rule.WorkspaceRule;
import dev.iamlint.core.workspace.ScpAttachments;
import dev.iamlint.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;

/**
 * More than five SCPs attached to one root, OU or account, {@code FullAWSAccess} counted unless
 * the source removes it (LZA {@code strategy: allow-list}, {@code fullAWSAccess: false} in the
 * configuration's {@code organization:} section); and a target whose {@code FullAWSAccess} is
 * removed while none of its own SCPs allows anything. The management account is never reported.
 */
@RuleInfo(
    id = "IAM602",
    name = "scp-attachment-limit",
    since = "0.1.0",
    level = Level.ERROR,
    securitySeverity = 4.0,
    tags = {"scp", "organization", "limit"},
    summary = "More than 5 SCPs are attached to one target, or FullAWSAccess is removed with nothing allowed in its place.",
    description = "AWS Organizations attaches at most 5 SCPs to a root, organizational unit or account, the AWS managed "
        + "FullAWSAccess included: the sixth attachment fails at deployment. A target whose FullAWSAccess is detached "
        + "and whose own SCPs allow nothing denies every action in every account below it.",
    messages = {
      @RuleInfo.Message(text = "{0} has {1} SCPs attached ({2}); AWS Organizations allows at most 5 per root, OU or account"),
      @RuleInfo.Message(id = "nothingAllowed", level = Level.WARNING,
          text = "FullAWSAccess is removed from {0} and none of its SCPs has an Allow statement: every action in every "
              + "account below it is denied")
    })
public final class ScpAttachmentLimit implements WorkspaceRule {

  private static final int LIMIT = 5;

  @Override
  public void check(Workspace ws, RuleContext ctx) {
    ScpAttachments all = ws.scps();
    for (ScpAttachments.Target t : all.targets()) {
      if (all.isManagement(t)) continue;
      int count = t.scps().size() + (t.fullAwsAccess() ? 1 : 0);
      if (count > LIMIT) {
        PolicyAttachment over = t.scps().get(LIMIT - (t.fullAwsAccess() ? 1 : 0));
        if (over.file() == null) continue;
        List<String> names = new ArrayList<>();
        if (t.fullAwsAccess()) names.add("FullAWSAccess");
        for (PolicyAttachment a : t.scps()) names.add(a.label());
        ctx.report(over.file(), over.span(), over.pointer(), "default", t.name(), count, String.join(", ", names));
      }
      if (!t.fullAwsAccess() && t.file() != null && nothingAllowed(all, t)) {
        ctx.report(t.file(), t.span(), t.pointer(), "nothingAllowed", t.name());
      }
    }
  }

  /** True when every SCP attached to the target is known and none has an Allow statement. */
  private static boolean nothingAllowed(ScpAttachments all, ScpAttachments.Target t) {
    for (PolicyAttachment a : t.scps()) {
      PolicyDocument p = all.document(a);
      if (p == null) return false; // unknown content: cannot tell
      if (p.statements().stream().anyMatch(s -> s.isAllow())) return false;
    }
    return true;
  }
}
