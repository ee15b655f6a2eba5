package dev.funnel.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * jqwik generators of what happens to leads in a funnel: arrivals, event sequences, leads at any
 * point of their life, and whole {@link Scenario}s.
 *
 * <p>Event sequences mix the event types the funnel handles (its timers' events included) with
 * unknown ones, and carry payload values, offers and amounts, actors and reasons. They include
 * re-deliveries of earlier events (the very same event, or the same id at a later time), events
 * older than the one before, several events at one instant, and jumps of up to a month. Leads enter
 * at {@link #START} plus up to a year. The generators are built once and shared; they are
 * thread-safe.
 */
public final class LeadArbitraries {
  private LeadArbitraries() {}

  /** The earliest instant generated leads enter at. */
  public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  /** Event types no generated funnel handles. */
  public static final ImmutableList<String> UNKNOWN_EVENT_TYPES =
      ImmutableList.of("page-viewed", "spam");

  /** How long after its last event a scenario advances time at the end. */
  public static final Duration FINAL_ADVANCE = Duration.ofDays(14);

  private static final int MAX_EVENTS = 30;

  /** An arrival before it is placed in a funnel: the entry stage is a pick among its entries. */
  private record ArrivalSeed(
      String leadId,
      String channel,
      int stage,
      Optional<String> owner,
      Map<String, Object> attributes,
      Set<String> segments,
      long minutes) {

    Arrival in(Funnel funnel) {
      return new Arrival(
          leadId,
          channel,
          funnel.entryStages().get(stage % funnel.entryStages().size()).id(),
          owner.orElse(null),
          ImmutableMap.copyOf(attributes),
          ImmutableSet.copyOf(new TreeSet<>(segments)),
          START.plus(Duration.ofMinutes(minutes)));
    }
  }

  private enum Delivery {
    NEW,
    STALE,
    REDELIVERED,
    REDELIVERED_LATER
  }

  /** An event before it is placed in a sequence: its type and offer are picks. */
  private record Seed(
      Delivery delivery,
      boolean unknown,
      int type,
      Duration gap,
      Map<String, Object> payload,
      Optional<Integer> offer,
      boolean paid,
      Money amount,
      Optional<String> actor,
      Optional<String> reason,
      int earlier,
      boolean advanceFirst) {}

  private static final Arbitrary<ArrivalSeed> ARRIVALS =
      Combinators.combine(
              Arbitraries.integers().between(1, 9_999).map(n -> "lead-" + n),
              Arbitraries.of(FunnelArbitraries.CHANNELS),
              Arbitraries.integers().between(0, 9),
              Arbitraries.of(FunnelArbitraries.OWNERS).optional(0.4),
              Arbitraries.maps(
                      Arbitraries.of(FunnelArbitraries.ATTRIBUTES), FunnelArbitraries.values())
                  .ofMaxSize(3),
              Arbitraries.subsetOf(FunnelArbitraries.SEGMENTS),
              Arbitraries.longs().between(0, Duration.ofDays(365).toMinutes()))
          .as(ArrivalSeed::new);

  private static final Arbitrary<List<Seed>> SEEDS = buildSeeds();

  /**
   * Returns arrivals of new leads in one of the funnel's entry stages, with a channel, maybe an
   * owner, some attributes and segments.
   *
   * @param funnel the funnel
   * @return the arrivals
   */
  public static Arbitrary<Arrival> arrivals(Funnel funnel) {
    return ARRIVALS.map(a -> a.in(funnel));
  }

  /**
   * Returns sequences of up to thirty events for the funnel, the first no earlier than {@code
   * start} unless it is meant to be stale.
   *
   * @param funnel the funnel whose event types and offers to use
   * @param start the time before the first event, usually the lead's entry time
   * @return the event sequences
   */
  public static Arbitrary<List<Event>> events(Funnel funnel, Instant start) {
    return SEEDS.map(s -> timeline(funnel, s, start).events);
  }

  /**
   * Returns leads of the funnel at any point of their life: entered, then moved by a generated
   * event sequence, with time advanced before some events and two weeks after the last.
   *
   * @param funnel the funnel
   * @return the leads; some in terminal stages
   */
  public static Arbitrary<Lead> leads(Funnel funnel) {
    return scenarios(funnel).map(Scenario::finalLead);
  }

  /**
   * Returns leads of generated valid funnels (without custom guards) at any point of their life.
   */
  public static Arbitrary<Lead> leads() {
    return scenarios().map(Scenario::finalLead);
  }

  /** Returns scenarios in generated valid funnels without custom guards. */
  public static Arbitrary<Scenario> scenarios() {
    return scenarios(FunnelArbitraries.funnels());
  }

  /** Returns scenarios in generated valid funnels with custom guards bound. */
  public static Arbitrary<Scenario> scenariosWithCustomGuards() {
    return scenarios(FunnelArbitraries.funnelsWithCustomGuards());
  }

  /**
   * Returns scenarios in generated funnels.
   *
   * @param funnels the funnels
   * @return the scenarios
   */
  public static Arbitrary<Scenario> scenarios(Arbitrary<Funnel> funnels) {
    return Combinators.combine(funnels, ARRIVALS, SEEDS).as(LeadArbitraries::scenario);
  }

  /**
   * Returns scenarios in the funnel: an arrival, an event sequence starting at its entry time, and
   * for each event whether time is advanced to it first.
   *
   * @param funnel the funnel
   * @return the scenarios
   */
  public static Arbitrary<Scenario> scenarios(Funnel funnel) {
    return Combinators.combine(ARRIVALS, SEEDS).as((a, s) -> scenario(funnel, a, s));
  }

  private static Scenario scenario(Funnel funnel, ArrivalSeed a, List<Seed> seeds) {
    Arrival arrival = a.in(funnel);
    Timeline t = timeline(funnel, seeds, arrival.at());
    return new Scenario(funnel, arrival, t.events, t.advanceFirst, t.last.plus(FINAL_ADVANCE));
  }

  private static Arbitrary<List<Seed>> buildSeeds() {
    Arbitrary<Delivery> deliveries =
        Arbitraries.frequency(
            Tuple.of(16, Delivery.NEW),
            Tuple.of(2, Delivery.STALE),
            Tuple.of(1, Delivery.REDELIVERED),
            Tuple.of(1, Delivery.REDELIVERED_LATER));
    Arbitrary<Duration> gaps =
        Arbitraries.frequencyOf(
            List.of(
                Tuple.of(2, Arbitraries.just(Duration.ZERO)),
                Tuple.of(4, Arbitraries.integers().between(1, 3_600).map(Duration::ofSeconds)),
                Tuple.of(3, Arbitraries.integers().between(1, 48).map(Duration::ofHours)),
                Tuple.of(1, Arbitraries.integers().between(2, 30).map(Duration::ofDays))));
    Arbitrary<Map<String, Object>> payloads =
        Arbitraries.maps(Arbitraries.of(FunnelArbitraries.ATTRIBUTES), FunnelArbitraries.values())
            .ofMaxSize(3);
    Arbitrary<Tuple.Tuple4<Optional<String>, Optional<String>, Integer, Boolean>> more =
        Combinators.combine(
                Arbitraries.of(FunnelArbitraries.OWNERS).optional(0.2),
                Arbitraries.of("too-expensive", "no-answer").optional(0.1),
                Arbitraries.integers().between(0, MAX_EVENTS),
                Arbitraries.of(true, false))
            .as(Tuple::of);
    Arbitrary<Tuple.Tuple2<Boolean, Integer>> types =
        Combinators.combine(
                Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)),
                Arbitraries.integers().between(0, 99))
            .as(Tuple::of);
    Arbitrary<Seed> seed =
        Combinators.combine(
                deliveries,
                types,
                gaps,
                payloads,
                Arbitraries.integers().between(0, 99).optional(0.3),
                Arbitraries.of(true, true, false),
                FunnelArbitraries.money(1, 2_000),
                more)
            .as(
                (delivery, type, gap, payload, offer, paid, amount, m) ->
                    new Seed(
                        delivery,
                        type.get1(),
                        type.get2(),
                        gap,
                        payload,
                        offer,
                        paid,
                        amount,
                        m.get1(),
                        m.get2(),
                        m.get3(),
                        m.get4()));
    return seed.list().ofMaxSize(MAX_EVENTS);
  }

  private static final class Timeline {
    final ImmutableList<Event> events;
    final ImmutableList<Boolean> advanceFirst;
    final Instant last;

    Timeline(List<Event> events, List<Boolean> advanceFirst, Instant last) {
      this.events = ImmutableList.copyOf(events);
      this.advanceFirst = ImmutableList.copyOf(advanceFirst);
      this.last = last;
    }
  }

  private static Timeline timeline(Funnel funnel, List<Seed> seeds, Instant start) {
    Set<String> known = new LinkedHashSet<>(funnel.eventTypes());
    for (Timer t : funnel.timers()) {
      known.add(t.event());
    }
    List<String> handled = new ArrayList<>(known);
    List<Event> events = new ArrayList<>();
    List<Boolean> advanceFirst = new ArrayList<>();
    Instant now = start;
    int next = 0;
    for (Seed s : seeds) {
      String type =
          s.unknown() || handled.isEmpty()
              ? UNKNOWN_EVENT_TYPES.get(s.type() % UNKNOWN_EVENT_TYPES.size())
              : handled.get(s.type() % handled.size());
      Offer offer =
          s.offer().isEmpty() || funnel.offers().isEmpty()
              ? null
              : funnel.offers().get(s.offer().get() % funnel.offers().size());
      Event e;
      if (events.isEmpty() || s.delivery() == Delivery.NEW || s.delivery() == Delivery.STALE) {
        Instant at;
        if (s.delivery() == Delivery.STALE) {
          at = now.minus(s.gap()).minusSeconds(1);
        } else {
          now = now.plus(s.gap());
          at = now;
        }
        e = event("evt-" + next++, type, s, offer, at);
      } else {
        Event earlier = events.get(s.earlier() % events.size());
        if (s.delivery() == Delivery.REDELIVERED) {
          e = earlier;
        } else {
          now = now.plus(s.gap());
          e = event(earlier.id(), type, s, offer, now);
        }
      }
      events.add(e);
      advanceFirst.add(s.advanceFirst());
    }
    return new Timeline(events, advanceFirst, now);
  }

  private static Event event(String id, String type, Seed s, @Nullable Offer offer, Instant at) {
    Event.Builder b = Event.builder(id, type, at).payload(s.payload());
    if (offer != null) {
      b.offer(offer.id());
      if (s.paid()) {
        Money price = offer.price();
        b.amount(price == null || price.isZero() ? s.amount() : price);
      }
    }
    s.actor().ifPresent(b::actor);
    s.reason().ifPresent(b::reason);
    return b.build();
  }
}
