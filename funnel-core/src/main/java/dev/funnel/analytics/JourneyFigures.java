package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Exit;
import dev.funnel.Funnel;
import dev.funnel.Goal;
import dev.funnel.Step;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The figures of a funnel's journey controls, read from its step records: journeys started (entries
 * and re-entries), goal conversions per goal and exits per reason. A goal's step is recorded with
 * the event type {@code "goal/<id>"} and an exit's with {@code "exit/<reason>"}, so these figures
 * agree with what the funnel did. Goals and exits are listed in the funnel's declaration order,
 * each with zero if no record names it, then any that records name but the funnel lacks (from
 * another version of it), by first appearance. Immutable and thread-safe.
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
   * Counts the journey figures of a funnel's records, in any order.
   *
   * @param funnel the funnel; its goals and exits give the order and the zeros
   * @param steps the funnel's step records
   * @return the figures
   * @throws IllegalArgumentException if a record is of another funnel
   */
  public static JourneyFigures of(Funnel funnel, Iterable<Step> steps) {
    requireNonNull(funnel, "funnel");
    Map<String, Long> goals = new LinkedHashMap<>();
    for (Goal g : funnel.goals()) {
      goals.put(g.id(), 0L);
    }
    Map<String, Long> exits = new LinkedHashMap<>();
    for (Exit x : funnel.exits()) {
      exits.put(x.reason(), 0L);
    }
    long journeys = 0;
    // A re-delivered record is counted once: a step is identified by lead and version.
    Set<String> seen = new HashSet<>();
    for (Step s : steps) {
      checkArgument(
          s.funnelId().equals(funnel.id()),
          "a record of funnel '%s' cannot be counted in the figures of funnel '%s'",
          s.funnelId(),
          funnel.id());
      if (!seen.add(s.leadId() + "@" + s.version() + "@" + s.isEntry())) {
        continue;
      }
      if (s.isEntry()) {
        journeys++;
      }
      String type = s.eventType();
      if (type == null) {
        continue;
      }
      if (type.startsWith(Goal.STEP_PREFIX)) {
        goals.merge(type.substring(Goal.STEP_PREFIX.length()), 1L, Long::sum);
      } else if (type.startsWith(Exit.STEP_PREFIX)) {
        exits.merge(type.substring(Exit.STEP_PREFIX.length()), 1L, Long::sum);
      }
    }
    return new JourneyFigures(journeys, ImmutableMap.copyOf(goals), ImmutableMap.copyOf(exits));
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
