package dev.funnel.test;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Event;
import dev.funnel.Funnel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A sequence of events, and of waits for timers, that takes a lead from an entry stage to a stage:
 * what {@link Paths} finds. It turns into a {@link Scenario} that replays it. Immutable and
 * thread-safe.
 *
 * @param entry the entry stage it starts from
 * @param stage the stage it ends in
 * @param hops the transitions it takes, in order
 */
public record FunnelPath(String entry, String stage, ImmutableList<Hop> hops) {

  /**
   * One transition of a path: an event sent, or a timer waited for.
   *
   * @param edge the transition taken
   * @param delay how long after the previous hop the event comes: zero for a sent event, the
   *     timer's delay for a timer
   * @param timer whether a timer fires the event
   */
  public record Hop(Coverage.Edge edge, Duration delay, boolean timer) {
    /**
     * Creates a hop.
     *
     * @param edge the transition taken
     * @param delay how long after the previous hop the event comes
     * @param timer whether a timer fires the event
     */
    public Hop {
      requireNonNull(edge, "edge");
      requireNonNull(delay, "delay");
    }
  }

  /**
   * Creates a path.
   *
   * @param entry the entry stage it starts from
   * @param stage the stage it ends in
   * @param hops the transitions it takes, in order
   */
  public FunnelPath {
    requireNonNull(entry, "entry");
    requireNonNull(stage, "stage");
    hops = ImmutableList.copyOf(hops);
  }

  /**
   * Returns the event types of the path, a timer's event included.
   *
   * @return the event types, in order
   */
  public ImmutableList<String> events() {
    return hops.stream().map(h -> h.edge().event()).collect(ImmutableList.toImmutableList());
  }

  /**
   * Returns the transitions of the path.
   *
   * @return the edges, in order
   */
  public ImmutableList<Coverage.Edge> edges() {
    return hops.stream().map(Hop::edge).collect(ImmutableList.toImmutableList());
  }

  /**
   * Returns a scenario that replays this path with plain events.
   *
   * @param funnel the funnel the path was found in
   * @param leadId the lead's id
   * @param channel the lead's channel
   * @param start when the lead enters
   * @return the scenario
   */
  public Scenario scenario(Funnel funnel, String leadId, String channel, Instant start) {
    return scenario(funnel, leadId, channel, start, ImmutableMap.of());
  }

  Scenario scenario(
      Funnel funnel,
      String leadId,
      String channel,
      Instant start,
      ImmutableMap<String, UnaryOperator<Event.Builder>> events) {
    Scenario s = Scenario.of(funnel, start).enter(leadId, channel);
    if (!funnel.entryStages().isEmpty() && !funnel.entryStages().get(0).id().equals(entry)) {
      s.entryStage(entry);
    }
    for (Hop h : hops) {
      if (h.timer()) {
        s.after(h.delay());
      } else {
        UnaryOperator<Event.Builder> e = events.get(h.edge().event());
        if (e == null) {
          s.send(h.edge().event());
        } else {
          s.send(h.edge().event(), e);
        }
      }
    }
    return s;
  }

  /**
   * Returns the path as {@code entry -e1-> s1 -e2-> s2}.
   *
   * @return the path as text
   */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add(entry);
    for (Hop h : hops) {
      parts.add(
          "-"
              + h.edge().event()
              + (h.timer() ? " (after " + h.delay() + ")" : "")
              + "-> "
              + h.edge().to());
    }
    return String.join(" ", parts);
  }
}
