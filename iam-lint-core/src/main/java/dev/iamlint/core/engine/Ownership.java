package dev.iamlint.core.engine;

import dev.iamlint.core.format.Formats;
import dev.iamlint.core.source.LoadedFile;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a file that does not parse, or parses only leniently (once its template placeholders are
 * read as strings: see {@link LoadedFile#lenient()}), is iam-lint's business, and so a parse error
 * or note (IAM001) rather than a verbose line. An application repository holds JSON with comments
 * ({@code tsconfig.json}), Helm and Go templates ({@code {{ .Values.image }}}) and other YAML that
 * only looks like ours by its extension; a CI gate that fails on them gets switched off.
 *
 * <p>A file is ours when the configuration or a manifest declares it (a {@code kinds:} glob, an
 * organization or LZA/CfCT reference), when it sits in a folder conventionally holding policies
 * ({@code policies}, {@code scps}, {@code service-control-policies}, {@code rcps},
 * {@code permission-sets}, …), or when its text carries a word no other format uses: the policy
 * grammar ({@code Statement} with {@code Effect} or {@code Action}, the version date
 * {@code 2012-10-17}), CloudFormation ({@code AWSTemplateFormatVersion}, {@code AWS::} resource
 * types), a policy property ({@code PolicyDocument}), a permission set, or any key that
 * contributes to the workspace (an LZA, CfCT or organization key; see {@link ContextFiles}), or
 * when a format owns its name ({@link Formats#ownsByName}: Landing Zone Accelerator's
 * configuration files, whose {@code customizations-config.yaml} holds none of those keys). A
 * {@code .template} file outside those folders is ours only with CloudFormation's words.
 * A read failure (I/O, size, encoding) of a target is always reported: the file was named.
 */
final class Ownership {

  static final String HOW_TO_DECLARE = "declare it under kinds: in .iam-lint.yaml to have it linted";

  /** Folder names that hold access-as-code by convention, compared ignoring case and separators. */
  static final List<String> FOLDERS = List.of("policies", "policy", "iam", "iampolicies", "scp", "scps",
      "servicecontrolpolicies", "rcp", "rcps", "resourcecontrolpolicies", "permissionsets", "permissionset",
      "trustpolicies", "managedpolicies", "customermanagedpolicies", "guardrails");

  private static final Pattern POLICY_WORDS = Pattern.compile(
      "\"Statement\"|\\bStatement\\s*:|2012-10-17|2008-10-17|AWSTemplateFormatVersion|PolicyDocument|"
          + "\\bAWS::[A-Za-z0-9]+::|PermissionSet|permissionSetName|OC::ORG::");

  /**
   * What makes a {@code .template} file a CloudFormation template: the extension is CloudFormation's
   * but also Terraform's, Jinja's and others' (an HCL role with a {@code jsonencode} policy holds
   * the policy words without being a template iam-lint could read).
   */
  private static final Pattern TEMPLATE_WORDS = Pattern.compile(
      "AWSTemplateFormatVersion|\\bAWS::[A-Za-z0-9]+::|OC::ORG::|(?m)^\\s*\"?Resources\"?\\s*:");

  private Ownership() {}

  static boolean ours(LoadedFile file, boolean declared) {
    if (declared) return true;
    boolean readFailure = file.problems().stream().anyMatch(p -> switch (p.kind()) {
      case IO, LIMIT, ENCODING -> true;
      default -> false;
    });
    if (readFailure) return true;
    String path = file.file().relativePath();
    if (inConventionalFolder(path) || Formats.ownsByName(path.substring(path.lastIndexOf('/') + 1))) return true;
    if (file.text() == null) return false;
    String text = file.text().text();
    if (path.endsWith(".template")) return TEMPLATE_WORDS.matcher(text).find();
    return POLICY_WORDS.matcher(text).find() || ContextFiles.relevant(text);
  }

  static boolean inConventionalFolder(String relativePath) {
    String[] parts = relativePath.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      String p = parts[i].toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
      if (FOLDERS.contains(p)) return true;
    }
    return false;
  }
}
