package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Exit;
import dev.funnel.Funnel;
import dev.funnel.Goal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of a funnel's journey controls, read from its step records, as a {@link Report} gives
 * them ({@link Report#journey()}): journeys started (entries and re-entries), goal conversions per
 * goal and exits per reason. A goal's step is recorded with the event type {@code "goal/<id>"} and
 * an exit's with {@code "exit/<reason>"}, so these figures agree with what the funnel did. Goals
 * and exits are listed in the funnel's declaration order, each with zero if no record names it,
 * then any that records name but the funnel lacks (from another version of it), by id. Immutable
 * and thread-safe.
 *
 * @param journeys how many journeys started: entry records, re-entries included
 * @param goalConversions by goal id, how many journeys reached the goal
 * @param exits by exit reason, how many journeys left the funnel for that reason
 */
public record JourneyFigures(
    long journeys, ImmutableMap<String, Long> goalConversions, ImmutableMap<String, Long> exits) {

  /**
   * Creates the figures.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public JourneyFigures {
    checkArgument(journeys >= 0, "journeys must not be negative");
    goalConversions = ImmutableMap.copyOf(goalConversions);
    exits = ImmutableMap.copyOf(exits);
  }

  /**
   * Returns the figures of a report's counts: the funnel's goals and exits in declaration order,
   * each with zero if no record names it, then any others by id.
   */
  static JourneyFigures of(Funnel funnel, Counts counts) {
    Map<String, Long> goals = new LinkedHashMap<>();
    for (Goal g : funnel.goals()) {
      goals.put(g.id(), 0L);
    }
    goals.putAll(counts.goals());
    Map<String, Long> exits = new LinkedHashMap<>();
    for (Exit x : funnel.exits()) {
      exits.put(x.reason(), 0L);
    }
    exits.putAll(counts.exits());
    return new JourneyFigures(
        counts.entries(), ImmutableMap.copyOf(goals), ImmutableMap.copyOf(exits));
  }

  /**
   * Returns the conversions of one goal.
   *
   * @param goal the goal's id
   * @return how many journeys reached it; zero if none did
   */
  public long conversions(String goal) {
    return goalConversions.getOrDefault(requireNonNull(goal, "goal"), 0L);
  }

  /**
   * Returns a goal's conversion rate: journeys that reached it against journeys started.
   *
   * @param goal the goal's id
   * @return the rate; undefined if no journey started
   */
  public Ratio goalConversion(String goal) {
    return Ratio.of(conversions(goal), journeys);
  }

  /**
   * Returns the exits for one reason.
   *
   * @param reason the exit's reason
   * @return how many journeys left for it; zero if none did
   */
  public long exited(String reason) {
    return exits.getOrDefault(requireNonNull(reason, "reason"), 0L);
  }
}
