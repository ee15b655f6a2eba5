package dev.funnel.analytics;

import static java.util.Objects.requireNonNull;

/**
 * The figures of the moves from one stage straight to another. Immutable and thread-safe.
 *
 * @param from the stage left
 * @param to the stage entered
 * @param count how many moves were made
 * @param conversion the moves against the entries into {@code from}: the step conversion of this
 *     move
 * @param timeInFrom for each move, how long the lead had been in {@code from}; leads whose entry
 *     into {@code from} the report did not see are left out
 */
public record FlowFigures(
    String from, String to, long count, Ratio conversion, DurationSketch timeInFrom) {

  /**
   * Creates the figures.
   *
   * @param from the stage left
   * @param to the stage entered
   * @param count how many moves were made
   * @param conversion the moves against the entries into {@code from}: the step conversion of this
   *     move
   * @param timeInFrom for each move, how long the lead had been in {@code from}; leads whose entry
   *     into {@code from} the report did not see are left out
   */
  public FlowFigures {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(conversion, "conversion");
    requireNonNull(timeInFrom, "timeInFrom");
  }
}
