package dev.iamlint.core.format;

import dev.iamlint.core.config.Config;
import dev.iamlint.core.format.cfct.CfctFormat;
import dev.iamlint.core.format.cloudformation.CloudFormationFormat;
import dev.iamlint.core.format.identitycenterpipeline.IdentityCenterPipelineFormat;
import dev.iamlint.core.format.lza.LzaFormat;
import dev.iamlint.core.format.orgformation.OrgFormationFormat;
import dev.iamlint.core.format.orgsection.OrganizationSectionFormat;
import dev.iamlint.core.format.policyfile.PolicyFileFormat;
import dev.iamlint.core.format.ssoextensions.SsoExtensionsFormat;
import dev.iamlint.core.source.LoadedFile;
import dev.iamlint.core.source.Node;
import dev.iamlint.core.source.SourceFile;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The built-in input formats, most specific first, and the phases run over all of them. */
public final class Formats {

  public static final List<InputFormat> BUILT_IN = List.of(
      new CloudFormationFormat(),
      new OrgFormationFormat(),
      new IdentityCenterPipelineFormat(),
      new LzaFormat(),
      new SsoExtensionsFormat(),
      new CfctFormat(),
      new OrganizationSectionFormat(),
      new PolicyFileFormat());

  private Formats() {}

  /**
   * Phases 0 and 1: the configuration, then every loaded file (in the given order), through every
   * format. The result holds the declarations for phase 2 and the deployment for the workspace.
   */
  public static ScanContext scan(Config config, Path root, List<LoadedFile> files) {
    ScanContext ctx = configure(config, root);
    for (LoadedFile file : files) scan(file, ctx);
    return ctx;
  }

  /** Phase 0 alone: a scan context holding what the configuration declares. */
  public static ScanContext configure(Config config, Path root) {
    return configured(new ScanContext(config, root));
  }

  /**
   * Phase 0 for another deployment of the run (see {@link InputFormat#rootsDeployment}): a scan
   * context with an organization and deployment model of its own that records what files are in
   * {@code first}'s declarations, which are by path and so one for the whole run.
   */
  public static ScanContext anotherDeployment(ScanContext first) {
    return configured(new ScanContext(first));
  }

  private static ScanContext configured(ScanContext ctx) {
    for (InputFormat f : BUILT_IN) f.configure(ctx.config(), ctx);
    return ctx;
  }

  /** Phase 1 for one file, so a run can scan files as they are read and drop their trees. */
  public static void scan(LoadedFile file, ScanContext ctx) {
    for (InputFormat f : BUILT_IN) f.scan(file, ctx);
  }

  /** Phase 2: runs the formats on every document root of a file; false if none recognised it. */
  public static boolean extractAll(List<Node> roots, ExtractContext ctx) {
    boolean any = false;
    for (Node root : roots) {
      for (InputFormat f : BUILT_IN) {
        if (f.extract(root, ctx)) {
          any = true;
          break;
        }
      }
    }
    return any;
  }

  /** Whether a built-in format makes a file of this name the root of a deployment (see {@link InputFormat#rootsDeployment}). */
  public static boolean rootsDeployment(SourceFile file) {
    for (InputFormat f : BUILT_IN) {
      if (f.rootsDeployment(file)) return true;
    }
    return false;
  }

  /** Whether a built-in format owns a file of this name, whatever it holds (see {@link InputFormat#ownsByName}). */
  public static boolean ownsByName(String fileName) {
    for (InputFormat f : BUILT_IN) {
      if (f.ownsByName(fileName)) return true;
    }
    return false;
  }

  /** The context signals of every built-in format (see {@link InputFormat#contextSignals()}). */
  public static Set<String> contextSignals() {
    Set<String> out = new LinkedHashSet<>();
    for (InputFormat f : BUILT_IN) out.addAll(f.contextSignals());
    return out;
  }
}
