package dev.iamlint.core.extract;

import dev.iamlint.core.source.Node;
import java.util.List;

/** The built-in formats, most specific first. */
public final class Extractors {

  public static final List<Extractor> BUILT_IN = List.of(
      new CloudFormationExtractor(),
      new IdentityCenterPipelineExtractor(),
      new LzaIamConfigExtractor(),
      new SsoExtensionsExtractor(),
      new PolicyFileExtractor());

  private Extractors() {}

  /** Runs the extractors on every document root of a file; returns false if none recognised it. */
  public static boolean extractAll(List<Node> roots, ExtractContext ctx) {
    boolean any = false;
    for (Node root : roots) {
      for (Extractor e : BUILT_IN) {
        if (e.extract(root, ctx)) {
          any = true;
          break;
        }
      }
    }
    return any;
  }
}
