package dev.iamlint.core.catalog;

import java.io.IOException;

/** A catalogue file that is not in the format this version of iam-lint reads. */
public final class InvalidCatalogException extends IOException {
  private static final long serialVersionUID = 1L;

  public InvalidCatalogException(String message) {
    super(message);
  }

  public InvalidCatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
