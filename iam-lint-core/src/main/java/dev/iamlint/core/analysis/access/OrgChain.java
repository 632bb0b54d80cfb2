package dev.iamlint.core.analysis.access;

import dev.iamlint.core.model.PolicyDocument;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.util.List;

/**
 * The SCPs (or RCPs) that reach one account, level by level from the root down: the root, each
 * OU on the direct path, the account itself.
 *
 * @param account the account's name (or id)
 * @param management whether it is the management account, which SCPs and RCPs do not affect
 */
public record OrgChain(String account, boolean management, List<Level> levels) {

  public OrgChain {
    levels = List.copyOf(levels);
  }

  /**
   * What decides the chain's answers: the levels that have policies or lack FullAWSAccess, with
   * their policies. Accounts whose chains have one signature get the same SCP verdicts (and the
   * same denying statements), so they are evaluated once.
   */
  public String signature() {
    StringBuilder sb = new StringBuilder(management ? "management" : "member");
    for (Level l : levels) {
      if (l.fullAwsAccess() && l.policies().isEmpty()) continue;
      sb.append('|').append(l.name()).append(l.fullAwsAccess() ? "+" : "-");
      for (Attached a : l.policies()) {
        sb.append(',').append(a.label()).append('@');
        sb.append(a.document() == null ? "?" : a.document().file().relativePath() + "#" + a.document().container()
            + "#" + System.identityHashCode(a.document()));
      }
    }
    return sb.toString();
  }

  /**
   * One level.
   *
   * @param name {@code Root}, the OU's path or the account's name
   * @param fullAwsAccess whether AWS's {@code FullAWSAccess} (RCPs: {@code RCPFullAWSAccess}) is attached
   * @param file where the root, OU or account is defined, or null
   */
  public record Level(String name, boolean fullAwsAccess, List<Attached> policies, SourceFile file, Span span) {
    public Level {
      policies = List.copyOf(policies);
    }
  }

  /**
   * A policy attached at a level.
   *
   * @param document its content, or null when the repository does not hold it
   * @param file where the attachment is written
   */
  public record Attached(String label, PolicyDocument document, SourceFile file, Span span) {}
}
