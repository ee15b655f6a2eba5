package dev.funnel.analytics;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Stage;

/**
 * The figures of one stage: how many times leads entered it, where they moved on to, and how long
 * after entering the funnel they reached it. Immutable and thread-safe.
 *
 * <p>Counts are of entries, read from step records: a lead that enters a stage twice counts twice.
 * Entries and moves are counted when they happen inside the report's time range, so a lead that
 * entered before the range and left during it counts as leaving but not as entering; {@link
 * #dropOff()} never goes below zero.
 *
 * @param stage the stage
 * @param entered how many times leads entered the stage (entry into the funnel or a move)
 * @param movedOn how many moves left the stage, by the stage moved to
 * @param timeToReach for each move into the stage, the time since the lead entered the funnel;
 *     empty for entry stages and for leads whose entry the report did not see
 */
public record StageFigures(
    Stage stage, long entered, ImmutableMap<String, Long> movedOn, DurationSketch timeToReach) {

  /**
   * Creates the figures.
   *
   * @param stage the stage
   * @param entered how many times leads entered the stage (entry into the funnel or a move)
   * @param movedOn how many moves left the stage, by the stage moved to
   * @param timeToReach for each move into the stage, the time since the lead entered the funnel;
   *     empty for entry stages and for leads whose entry the report did not see
   */
  public StageFigures {
    requireNonNull(stage, "stage");
    requireNonNull(movedOn, "movedOn");
    requireNonNull(timeToReach, "timeToReach");
  }

  /**
   * Returns the stage's id.
   *
   * @return the stage's id
   */
  public String id() {
    return stage.id();
  }

  /**
   * Returns how many moves left the stage.
   *
   * @return how many moves left the stage
   */
  public long left() {
    long n = 0;
    for (long c : movedOn.values()) {
      n += c;
    }
    return n;
  }

  /**
   * Returns how many entries did not move on: entries minus moves out, never below zero; zero for a
   * terminal stage, where leads end rather than drop off. Leads still working through the stage
   * count as dropped off until they move.
   *
   * @return how many entries did not move on
   */
  public long dropOff() {
    return stage.isTerminal() ? 0 : Math.max(entered - left(), 0);
  }

  /**
   * Returns the share of entries that did not move on: {@code dropOff / entered}.
   *
   * @return the share of entries that did not move on: {@code dropOff / entered}
   */
  public Ratio dropOffRate() {
    return Ratio.of(dropOff(), entered);
  }

  /**
   * Returns the share of entries that moved straight on to a stage: {@code moves / entered}.
   *
   * @param next the stage moved to
   * @return the conversion, undefined if nobody entered
   */
  public Ratio conversionTo(String next) {
    return Ratio.of(movedOn.getOrDefault(requireNonNull(next, "next"), 0L), entered);
  }
}
