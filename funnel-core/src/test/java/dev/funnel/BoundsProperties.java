package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.testing.FunnelArbitraries;
import dev.funnel.testing.FunnelParts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * No valid definition, lead and event can make firing or advancing throw, however extreme their
 * times and durations within {@link Bounds}, whatever currencies the definition states and its
 * events pay in; and values outside the bounds are refused where they enter.
 */
final class BoundsProperties {

  @Provide
  Arbitrary<FunnelParts> parts() {
    return FunnelArbitraries.parts();
  }

  /**
   * Long delays: short ones cannot overflow anything, and a timer that re-enters its own stage
   * every few seconds would take a very long time to advance across the centuries.
   */
  @Provide
  Arbitrary<Duration> extremeDelays() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            Duration.ofDays(365),
            Bounds.LONGEST,
            Bounds.LONGEST.minusNanos(1),
            Bounds.LONGEST.dividedBy(2)),
        Arbitraries.longs()
            .between(Duration.ofDays(365).toSeconds(), Bounds.LONGEST.toSeconds())
            .map(Duration::ofSeconds));
  }

  @Provide
  Arbitrary<Instant> extremeInstants() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            Bounds.EARLIEST,
            Bounds.EARLIEST.plusNanos(1),
            Bounds.LATEST,
            Bounds.LATEST.minusNanos(1),
            Bounds.LATEST.minus(Bounds.LONGEST),
            Instant.EPOCH),
        Arbitraries.longs()
            .between(Bounds.EARLIEST.getEpochSecond(), Bounds.LATEST.getEpochSecond())
            .map(Instant::ofEpochSecond));
  }

  @Provide
  Arbitrary<List<Duration>> delayLists() {
    return extremeDelays().list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<Instant>> instantLists() {
    return extremeInstants().list().ofMinSize(2).ofMaxSize(8);
  }

  @Property(tries = 300)
  void fireAndAdvance_extremeTimesAndDelays_neverThrow(
      @ForAll("parts") FunnelParts parts,
      @ForAll("delayLists") List<Duration> delays,
      @ForAll("instantLists") List<Instant> times) {
    List<Timer> timers = new ArrayList<>();
    for (int i = 0; i < parts.timers().size(); i++) {
      Timer t = parts.timers().get(i);
      // Distinct delays, so that timers distinct before stay distinct: two generated delays a
      // second apart could otherwise meet once shifted.
      Duration delay = delays.get(i % delays.size()).minusSeconds(i);
      while (timers.contains(new Timer(t.stage(), delay, t.event()))) {
        delay = delay.minusSeconds(1);
      }
      timers.add(new Timer(t.stage(), delay, t.event()));
    }
    Funnel funnel = parts.withTimers(timers).build();
    List<String> types = ImmutableList.copyOf(funnel.eventTypes());
    Lead lead = funnel.enter("lead", "web", times.get(0)).lead();
    for (int i = 1; i < times.size(); i++) {
      Instant at = times.get(i);
      if (!types.isEmpty()) {
        Event event = event(funnel, "e" + i, types.get(i % types.size()), at, i);
        lead = funnel.fire(lead, event).lead();
      }
      lead = funnel.advance(lead, at).lead();
      assertTrue(Bounds.isValid(lead.updatedAt()));
      lead.timers().forEach(t -> assertTrue(Bounds.isValidDue(t.due())));
    }
    Lead last = funnel.advance(lead, Instant.MAX).lead();
    assertTrue(Bounds.isValid(last.updatedAt()));
    assertFalse(last.timers().stream().anyMatch(t -> !t.due().isAfter(Bounds.LATEST)));
  }

  /**
   * Returns an event, every other one a purchase: of an offer the funnel declares or, now and then,
   * of one it does not, paid in each of the generated currencies in turn, so in the funnel's
   * currencies (where it states any) and in others.
   */
  private static Event event(Funnel funnel, String id, String type, Instant at, int i) {
    Event.Builder b = Event.builder(id, type, at);
    if (i % 2 == 1) {
      List<Offer> offers = funnel.offers();
      b.offer(offers.isEmpty() || i % 7 == 1 ? "undeclared" : offers.get(i % offers.size()).id());
      String code = FunnelArbitraries.CURRENCIES.get(i % FunnelArbitraries.CURRENCIES.size());
      b.amount(Money.of(Integer.toString(i), code));
    }
    return b.build();
  }

  @Test
  void timer_delayLongerThanTheBound_isRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new Timer("a", Bounds.LONGEST.plusNanos(1), "e"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Funnel.builder("f").after(Duration.ofSeconds(Long.MAX_VALUE)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Funnel.builder("f").series("a", "email").every(Duration.ofDays(40_000), "t"));
  }

  @Test
  void event_instantOutsideTheBounds_isRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Event.of("e", "t", Bounds.LATEST.plusNanos(1)));
    assertThrows(
        IllegalArgumentException.class, () -> Event.of("e", "t", Bounds.EARLIEST.minusNanos(1)));
    assertEquals(Bounds.LATEST, Event.of("e", "t", Bounds.LATEST).at());
  }

  @Test
  void bounds_latestDuePlusTheLongestDelay_doesNotOverflow() {
    assertTrue(Bounds.LATEST_DUE.plus(Bounds.LONGEST).isBefore(Instant.MAX));
    assertTrue(Bounds.EARLIEST.minus(Bounds.LONGEST).isAfter(Instant.MIN));
  }
}
