package dev.iamlint.core.analysis.access;

/** The answer of an evaluation: allowed, denied, or depending on what cannot be known offline. */
public enum Verdict {
  ALLOWED,
  DENIED,
  /** Decided by condition keys (or resources, or content) that the repository does not give. */
  DEPENDS;

  /** The combination of two layers that must both allow: a denial wins, then an open question. */
  public Verdict and(Verdict other) {
    if (this == DENIED || other == DENIED) return DENIED;
    if (this == DEPENDS || other == DEPENDS) return DEPENDS;
    return ALLOWED;
  }
}
