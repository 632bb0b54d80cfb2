package dev.iamlint.core.engine;

import dev.iamlint.core.catalog.IamCatalog;
import dev.iamlint.core.config.Config;
import dev.iamlint.core.model.Statement;
import dev.iamlint.core.Level;
import dev.iamlint.core.rule.RuleContext;
import dev.iamlint.core.rule.RuleDescriptor;
import dev.iamlint.core.RuleOptions;
import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One rule's context for one file (document rules) or for the workspace: what the rule sees and
 * the findings it reports. Not shared between threads.
 */
final class RuleRun implements RuleContext {

  /** Read-only state of one run, shared by every rule context. */
  record Shared(Config config, RuleSettings settings, Supplier<IamCatalog> catalog, Instant now,
      java.util.function.Predicate<String> targetPath) {}

  private final RuleDescriptor rule;
  private final Shared run;
  private final SourceFile file;
  final List<Pending> pending = new ArrayList<>();
  /** The statement whose hooks are running, so precedence can tell findings on the same statement. */
  Statement scope;

  RuleRun(RuleDescriptor rule, Shared run, SourceFile file) {
    this.rule = rule;
    this.run = run;
    this.file = file;
  }

  @Override
  public RuleDescriptor rule() {
    return rule;
  }

  @Override
  public RuleOptions options() {
    return run.settings().options().getOrDefault(rule.id(), RuleOptions.EMPTY);
  }

  @Override
  public Config config() {
    return run.config();
  }

  @Override
  public IamCatalog catalog() {
    return run.catalog().get();
  }

  @Override
  public Instant now() {
    return run.now();
  }

  @Override
  public SourceFile file() {
    return file;
  }

  @Override
  public boolean reportable(SourceFile f) {
    return f != null && run.targetPath().test(f.relativePath());
  }

  @Override
  public Report report(SourceFile in, Span span, String pointer, String messageId, Object... args) {
    if (in == null) throw new IllegalArgumentException("a workspace rule must name the file it reports in");
    Pending p = new Pending(in, span, pointer, messageId, rule.message(messageId, args), scope);
    pending.add(p);
    return p;
  }

  /** Every reported finding. */
  List<Finding> findings() {
    List<Finding> out = new ArrayList<>(pending.size());
    for (Pending p : pending) out.add(finding(p));
    return out;
  }

  Finding finding(Pending p) {
    Level configured = run.settings().levels().get(rule.id());
    Level level = configured != null ? configured : rule.levelOf(p.messageId);
    Location loc = new Location(p.file.relativePath(), p.span, p.pointer);
    return new Finding(rule.id(), rule.name(), level, p.messageId, p.message, loc, p.related,
        Fingerprints.of(rule.id(), loc, p.messageId), null);
  }

  /** A finding as reported, before levels apply. */
  static final class Pending implements RuleContext.Report {
    final SourceFile file;
    final Span span;
    final String pointer;
    final String messageId;
    final String message;
    final Statement scope;
    final List<Finding.RelatedLocation> related = new ArrayList<>();

    Pending(SourceFile file, Span span, String pointer, String messageId, String message, Statement scope) {
      this.file = file;
      this.span = span;
      this.pointer = pointer;
      this.messageId = messageId;
      this.message = message;
      this.scope = scope;
    }

    @Override
    public RuleContext.Report related(SourceFile in, Span s, String msg) {
      related.add(new Finding.RelatedLocation(new Location(in.relativePath(), s, null), msg));
      return this;
    }
  }
}
