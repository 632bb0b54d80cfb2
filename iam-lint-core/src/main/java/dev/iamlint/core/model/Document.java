package dev.iamlint.core.model;

import dev.iamlint.core.source.SourceFile;
import dev.iamlint.core.source.Span;

/** Something of the access model found in a file: a policy, a permission set, an assignment. */
public sealed interface Document permits PolicyDocument, PermissionSet, Assignment {

  SourceFile file();

  /** The span of the whole item (e.g. the CloudFormation resource or the policy object). */
  Span span();

  /** JSON Pointer of the item within its file. */
  String pointer();

  /** A human name: the policy or permission-set name, or a pointer-based description. */
  String displayName();
}
