package dev.funnel.test;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Stage;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Model-based testing of a funnel, as XState's graph tools do it: the shortest sequence of events
 * (and waits for timers) that reaches every stage, and one that takes every transition, found by a
 * breadth-first search that fires real events on the pure core, so guards decide as they would in
 * production. Turn each path into a {@link Scenario} and assert on it.
 *
 * <pre>{@code
 * Paths paths = Paths.of(shop)
 *     .event("paid", e -> e.payload("total", 25));     // so the guard on paid holds
 * for (FunnelPath path : paths.throughEveryTransition()) {
 *   assertThat(paths.scenario(path, "lead-1").run()).isInStage(path.stage());
 * }
 * }</pre>
 *
 * <p>A state (a stage and the timers pending in it) is reached by the first lead that gets there;
 * its other histories are not explored, and the search stops after {@value #MAX_STATES} states, so
 * a transition whose guard needs a history the shortest path lacks is not found: {@link
 * #unreachable()} lists them. The events timers fire are waited for, never sent; the others are
 * plain ({@link Event#of}) unless {@link #event} says how to make them. Not thread-safe while
 * configured; the searches do not change it.
 */
public final class Paths {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int MAX_STATES = 10_000;

  private final Funnel funnel;
  private final Map<String, UnaryOperator<Event.Builder>> events = new LinkedHashMap<>();

  private Paths(Funnel funnel) {
    this.funnel = funnel;
  }

  /**
   * Starts the search of a funnel's paths.
   *
   * @param funnel the funnel, with its custom guards bound
   * @return the searcher
   */
  public static Paths of(Funnel funnel) {
    return new Paths(requireNonNull(funnel, "funnel"));
  }

  /**
   * Says how to make events of a type, so that the guards of their transitions can hold.
   *
   * @param type the event type
   * @param event adds to an event's builder, which starts with an id and a time
   * @return this searcher
   * @throws IllegalStateException if events of this type were already described
   */
  @CanIgnoreReturnValue
  public Paths event(String type, UnaryOperator<Event.Builder> event) {
    requireNonNull(event, "event");
    if (events.putIfAbsent(requireNonNull(type, "type"), event) != null) {
      throw new IllegalStateException("events of type '" + type + "' were already described");
    }
    return this;
  }

  /**
   * Returns the shortest path to every stage that can be reached, keyed by stage in the funnel's
   * order; an entry stage's path is empty.
   *
   * @return the paths by stage
   */
  public ImmutableMap<String, FunnelPath> toEveryStage() {
    Search s = search();
    ImmutableMap.Builder<String, FunnelPath> out = ImmutableMap.builder();
    for (Stage stage : funnel.stages()) {
      FunnelPath p = s.toStage.get(stage.id());
      if (p != null) {
        out.put(stage.id(), p);
      }
    }
    return out.buildOrThrow();
  }

  /**
   * Returns, for every transition that can be taken, the shortest path that ends by taking it, in
   * the order of the definition.
   *
   * @return the paths, one per transition taken
   */
  public ImmutableList<FunnelPath> throughEveryTransition() {
    Search s = search();
    ImmutableList.Builder<FunnelPath> out = ImmutableList.builder();
    for (Coverage.Edge e : Coverage.edges(funnel)) {
      FunnelPath p = s.toEdge.get(e);
      if (p != null) {
        out.add(p);
      }
    }
    return out.build();
  }

  /**
   * Returns the transitions of the definition that the search could not take.
   *
   * @return the edges no path takes, in the definition's order
   */
  public ImmutableList<Coverage.Edge> unreachable() {
    Search s = search();
    return Coverage.edges(funnel).stream()
        .filter(e -> !s.toEdge.containsKey(e))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Returns a scenario that replays a path, making events as {@link #event} said.
   *
   * @param path a path this searcher found
   * @param leadId the lead's id
   * @return the scenario, entering the lead on channel {@code test}
   */
  public Scenario scenario(FunnelPath path, String leadId) {
    return path.scenario(funnel, leadId, "test", START, ImmutableMap.copyOf(events));
  }

  /** The result of one breadth-first search. */
  private static final class Search {
    final Map<String, FunnelPath> toStage = new LinkedHashMap<>();
    final Map<Coverage.Edge, FunnelPath> toEdge = new LinkedHashMap<>();
  }

  private record Node(Lead lead, FunnelPath path, Instant now) {}

  private Search search() {
    Search s = new Search();
    ArrayDeque<Node> queue = new ArrayDeque<>();
    Set<String> expanded = new HashSet<>();
    for (Stage entry : funnel.entryStages()) {
      Lead lead = funnel.newLead("path", "test").stage(entry.id()).enter(START).lead();
      FunnelPath p = new FunnelPath(entry.id(), entry.id(), ImmutableList.of());
      s.toStage.putIfAbsent(entry.id(), p);
      queue.add(new Node(lead, p, START));
    }
    // Events that timers fire are waited for, not sent: the search follows time as it passes.
    Set<String> fired = new HashSet<>();
    funnel.timers().forEach(t -> fired.add(t.event()));
    List<String> sent = new ArrayList<>();
    for (String type : funnel.eventTypes()) {
      if (!fired.contains(type)) {
        sent.add(type);
      }
    }
    int ids = 0;
    while (!queue.isEmpty()) {
      Node n = queue.poll();
      if (!expanded.add(state(n.lead())) || expanded.size() > MAX_STATES) {
        continue;
      }
      List<Node> next = new ArrayList<>();
      if (!n.lead().timers().isEmpty()) {
        Instant due = n.lead().timers().get(0).due();
        Outcome o = funnel.advance(n.lead(), due);
        follow(s, n, o, Duration.between(n.now(), due), true, due, next);
      }
      for (String type : sent) {
        Event.Builder b = Event.builder("path-" + ++ids, type, n.now());
        UnaryOperator<Event.Builder> more = events.get(type);
        Event e = (more == null ? b : more.apply(b)).build();
        Outcome o = funnel.fire(n.lead(), e);
        if (o.isAccepted()) {
          follow(s, n, o, Duration.ZERO, false, n.now(), next);
        }
      }
      queue.addAll(next);
    }
    return s;
  }

  /** The state the search tells apart: the stage and the events of the timers pending there. */
  private static String state(Lead lead) {
    StringBuilder b = new StringBuilder(lead.stage());
    lead.timers().forEach(t -> b.append('\n').append(t.event()));
    return b.toString();
  }

  /** Records what an accepted outcome reached and adds the node it leads to. */
  private static void follow(
      Search s, Node n, Outcome o, Duration wait, boolean timer, Instant now, List<Node> next) {
    if (o.steps().isEmpty()) {
      return;
    }
    List<FunnelPath.Hop> hops = new ArrayList<>(n.path().hops());
    Duration w = wait;
    for (Step step : o.steps()) {
      String from = step.from();
      String event = step.eventType();
      if (from == null || event == null) {
        continue;
      }
      hops.add(new FunnelPath.Hop(new Coverage.Edge(from, event, step.to()), w, timer));
      // Several timers fired by one wait are one hop of waiting, then hops of no time.
      w = Duration.ZERO;
      FunnelPath p = new FunnelPath(n.path().entry(), step.to(), ImmutableList.copyOf(hops));
      s.toEdge.putIfAbsent(new Coverage.Edge(from, event, step.to()), p);
      s.toStage.putIfAbsent(step.to(), p);
    }
    FunnelPath p = new FunnelPath(n.path().entry(), o.lead().stage(), ImmutableList.copyOf(hops));
    next.add(new Node(o.lead(), p, now));
  }
}
