package dev.funnel.migration;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;

/**
 * Thrown when a migration does not fit the two versions it joins. Carries every problem found, not
 * just the first, each a lower-case phrase quoting the ids involved and saying how to fix it.
 */
public final class MigrationException extends IllegalArgumentException {
  /** The serialization version. */
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // ImmutableList is serializable
  private final ImmutableList<String> problems;

  /**
   * Creates the exception.
   *
   * @param funnelId the funnel's id
   * @param from the version migrated from
   * @param to the version migrated to
   * @param problems the problems found; at least one
   */
  public MigrationException(String funnelId, int from, int to, ImmutableList<String> problems) {
    super(message(requireNonNull(funnelId, "funnelId"), from, to, problems));
    this.problems = problems;
  }

  private static String message(String funnelId, int from, int to, ImmutableList<String> problems) {
    StringBuilder s =
        new StringBuilder("migration of funnel '")
            .append(funnelId)
            .append("' from version ")
            .append(from)
            .append(" to ")
            .append(to)
            .append(" has ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems");
    for (String p : problems) {
      s.append("\n  ").append(p);
    }
    return s.toString();
  }

  /**
   * Returns every problem found, in a stable order.
   *
   * @return every problem found, in a stable order
   */
  public ImmutableList<String> problems() {
    return problems;
  }
}
