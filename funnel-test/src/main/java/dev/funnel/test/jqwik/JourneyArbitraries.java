package dev.funnel.test.jqwik;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Timer;
import dev.funnel.test.Journey;
import dev.funnel.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.jspecify.annotations.Nullable;

/**
 * jqwik arbitraries of valid journeys through a funnel: random walks in which every event sent is
 * one the lead accepts where it is, and time passes to the next timer, so a property can speak of
 * every journey a lead can take.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Journey> journeys() {
 *   return JourneyArbitraries.of(shop).event("paid", e -> e.payload("total", 25)).journeys();
 * }
 *
 * @Property
 * void everyBuyerWasAColdLead(@ForAll("journeys") Journey journey) {
 *   if (journey.stages().contains("buyer")) {
 *     assertThat(journey.stages()).contains("cold-lead");
 *   }
 * }
 * }</pre>
 *
 * <p>A walk is drawn as a list of choices, so jqwik shrinks a failing journey to a shorter one with
 * earlier choices. Events timers fire are waited for, not sent; the others are plain ({@link
 * Event#of}) unless {@link #event} says how to make them. Not thread-safe while configured; the
 * arbitraries it returns are.
 */
// jqwik's types in the signatures are meant: whoever calls these methods has jqwik already.
@SuppressWarnings("exports")
public final class JourneyArbitraries {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final Funnel funnel;
  private final Map<String, UnaryOperator<Event.Builder>> events = new LinkedHashMap<>();
  private @Nullable Integer maxMoves;

  private JourneyArbitraries(Funnel funnel) {
    this.funnel = funnel;
  }

  /**
   * Starts describing journeys through a funnel.
   *
   * @param funnel the funnel, with its custom guards bound
   * @return the description, with at most 20 moves per journey until {@link #maxMoves} says
   */
  public static JourneyArbitraries of(Funnel funnel) {
    return new JourneyArbitraries(requireNonNull(funnel, "funnel"));
  }

  /**
   * Says how to make events of a type, so that the guards of their transitions can hold.
   *
   * @param type the event type
   * @param event adds to an event's builder, which starts with an id and a time
   * @return this description
   * @throws IllegalStateException if events of this type were already described
   */
  @CanIgnoreReturnValue
  public JourneyArbitraries event(String type, UnaryOperator<Event.Builder> event) {
    requireNonNull(event, "event");
    if (events.putIfAbsent(requireNonNull(type, "type"), event) != null) {
      throw new IllegalStateException("events of type '" + type + "' were already described");
    }
    return this;
  }

  /**
   * Sets the most moves (events and waits) of a journey.
   *
   * @param max the most moves; positive
   * @return this description
   * @throws IllegalStateException if the most moves were already set
   */
  @CanIgnoreReturnValue
  public JourneyArbitraries maxMoves(int max) {
    checkArgument(max > 0, "the most moves must be positive");
    if (maxMoves != null) {
      throw new IllegalStateException("the most moves were already set to " + maxMoves);
    }
    maxMoves = max;
    return this;
  }

  /**
   * Returns scenarios of valid journeys, to run on the core or on a runtime.
   *
   * @return the arbitrary scenarios
   */
  public Arbitrary<Scenario> scenarios() {
    Map<String, UnaryOperator<Event.Builder>> fixed = Map.copyOf(events);
    int max = maxMoves == null ? 20 : maxMoves;
    return Arbitraries.integers()
        .between(0, Integer.MAX_VALUE)
        .list()
        .ofMaxSize(max)
        .map(choices -> walk(funnel, fixed, choices));
  }

  /**
   * Returns valid journeys run on the pure core.
   *
   * @return the arbitrary journeys
   */
  public Arbitrary<Journey> journeys() {
    return scenarios().map(Scenario::run);
  }

  private static Scenario walk(
      Funnel funnel, Map<String, UnaryOperator<Event.Builder>> events, List<Integer> choices) {
    Set<String> fired = new HashSet<>();
    for (Timer t : funnel.timers()) {
      fired.add(t.event());
    }
    Scenario scenario = Scenario.of(funnel, START).enter("lead-1", "test");
    Lead lead = funnel.enter("lead-1", "test", START).lead();
    Instant now = START;
    int n = 0;
    for (int choice : choices) {
      List<String> options = new ArrayList<>();
      for (String type : funnel.eventTypes()) {
        if (!fired.contains(type) && funnel.canAccept(lead, event(events, type, "probe", now))) {
          options.add(type);
        }
      }
      boolean canWait = !lead.timers().isEmpty();
      int size = options.size() + (canWait ? 1 : 0);
      if (size == 0) {
        break;
      }
      int pick = choice % size;
      if (pick == options.size()) {
        Instant due = lead.timers().get(0).due();
        scenario.after(Duration.between(now, due));
        lead = funnel.advance(lead, due).lead();
        now = due;
      } else {
        String type = options.get(pick);
        UnaryOperator<Event.Builder> more = events.get(type);
        if (more == null) {
          scenario.send(type);
        } else {
          scenario.send(type, more);
        }
        Outcome o = funnel.fire(lead, event(events, type, "evt-" + ++n, now));
        lead = o.lead();
      }
    }
    return scenario;
  }

  private static Event event(
      Map<String, UnaryOperator<Event.Builder>> events, String type, String id, Instant at) {
    Event.Builder b = Event.builder(id, type, at);
    UnaryOperator<Event.Builder> more = events.get(type);
    return (more == null ? b : more.apply(b)).build();
  }
}
