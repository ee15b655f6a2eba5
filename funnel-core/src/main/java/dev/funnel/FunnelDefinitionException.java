package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;

/**
 * Thrown when a funnel definition is invalid. Carries every problem found, not just the first, up
 * to a thousand errors and a thousand warnings: a definition with more has more to fix after those.
 */
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
    super(message(requireNonNull(funnelId, "funnelId"), requireNonNull(problems, "problems")));
    this.problems = problems;
  }

  /** How many problems the message lists. */
  private static final int MESSAGE_PROBLEMS = 20;

  private static String message(String funnelId, ImmutableList<Problem> problems) {
    StringBuilder s =
        new StringBuilder("funnel '")
            .append(funnelId)
            .append("' has ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems");
    // The message stays short however many problems there are; problems() has every one.
    int shown = Math.min(problems.size(), MESSAGE_PROBLEMS);
    for (int i = 0; i < shown; i++) {
      s.append("\n  ").append(problems.get(i));
    }
    if (shown < problems.size()) {
      s.append("\n  and ").append(problems.size() - shown).append(" more");
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
