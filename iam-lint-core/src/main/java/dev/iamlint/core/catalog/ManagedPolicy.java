package dev.iamlint.core.catalog;

import java.util.Objects;
import tools.jackson.core.JsonParser;
import tools.jackson.core.json.JsonFactory;

/**
 * An AWS managed policy. Its document is kept compressed until some rule asks for one, because
 * most runs never do.
 */
public final class ManagedPolicy {

  /** Whether AWS has deprecated the policy; {@link #UNKNOWN} when the source data does not say. */
  public enum Deprecation {
    UNKNOWN,
    ACTIVE,
    DEPRECATED
  }

  private final String name;
  private final String path;
  private final String versionId;
  private final Deprecation deprecation;
  private final DocumentStore documents;
  private final int documentOffset;
  private final int documentLength;

  ManagedPolicy(
      String name,
      String path,
      String versionId,
      Deprecation deprecation,
      DocumentStore documents,
      int documentOffset,
      int documentLength) {
    this.name = Objects.requireNonNull(name);
    this.path = Objects.requireNonNull(path);
    this.versionId = Objects.requireNonNull(versionId);
    this.deprecation = Objects.requireNonNull(deprecation);
    this.documents = documents;
    this.documentOffset = documentOffset;
    this.documentLength = documentLength;
  }

  /** The policy name, e.g. {@code Billing}. */
  public String name() {
    return name;
  }

  /** The path, with leading and trailing slash: {@code /}, {@code /job-function/}, {@code /service-role/}. */
  public String path() {
    return path;
  }

  /** Path and name without the leading slash, e.g. {@code job-function/Billing}. */
  public String pathAndName() {
    return path.substring(1) + name;
  }

  /** The ARN in the {@code aws} partition. */
  public String arn() {
    return arn("aws");
  }

  /** The ARN in another partition, e.g. {@code aws-us-gov}. */
  public String arn(String partition) {
    return "arn:" + partition + ":iam::aws:policy" + path + name;
  }

  /** The default (latest) version id, e.g. {@code v3}. */
  public String versionId() {
    return versionId;
  }

  public Deprecation deprecation() {
    return deprecation;
  }

  /** The default version's policy document as compact JSON. */
  public String document() {
    return documents.text(documentOffset, documentLength);
  }

  /** A streaming parser over the document's bytes (no String decoded): for reading many documents. */
  JsonParser documentParser(JsonFactory factory) {
    return documents.parser(factory, documentOffset, documentLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManagedPolicy p
        && p.name.equals(name)
        && p.path.equals(path)
        && p.versionId.equals(versionId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, path, versionId);
  }

  @Override
  public String toString() {
    return arn() + " (" + versionId + ")";
  }
}
