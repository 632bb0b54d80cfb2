package dev.iamlint.core.extract;

import dev.iamlint.core.source.Node;

/**
 * Recognises one input format and turns a parsed file into documents of the access model. Adding
 * a format is one new extractor in {@link Extractors#BUILT_IN}.
 */
public interface Extractor {

  /**
   * Looks at one document root of a file. Returns true when it recognised the format (and added
   * what it found to {@code ctx}), false to let the next extractor try.
   */
  boolean extract(Node root, ExtractContext ctx);
}
