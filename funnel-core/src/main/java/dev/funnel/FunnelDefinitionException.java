package dev.funnel;

import com.google.common.collect.ImmutableList;

/** Thrown when a funnel definition is invalid. Carries every problem found, not just the first. */
public final class FunnelDefinitionException extends IllegalArgumentException {
  /** The serialization version. */
  private static final long serialVersionUID = 1L;

  /** The problems found. */
  @SuppressWarnings("serial") // ImmutableList is serializable
  private final ImmutableList<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param funnelId the id of the funnel that failed to build
   * @param problems the problems found; at least one
   */
  public FunnelDefinitionException(String funnelId, ImmutableList<Problem> problems) {
    super(message(funnelId, problems));
    this.problems = problems;
  }

  private static String message(String funnelId, ImmutableList<Problem> problems) {
    StringBuilder s =
        new StringBuilder("funnel '")
            .append(funnelId)
            .append("' has ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems");
    for (Problem p : problems) {
      s.append("\n  ").append(p);
    }
    return s.toString();
  }

  /**
   * Returns every problem found, in a stable order.
   *
   * @return every problem found, in a stable order
   */
  public ImmutableList<Problem> problems() {
    return problems;
  }
}
