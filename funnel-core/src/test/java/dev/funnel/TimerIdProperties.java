package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A timer's event id is written by hand for speed, and must stay the text it always was: the stage,
 * the event and the due time as {@link Instant#toString} writes it. Steps, the remembered ids and
 * duplicate detection all compare it.
 */
final class TimerIdProperties {

  private static String expected(ScheduledTimer t) {
    return "timer:" + t.stage() + ":" + t.event() + ":" + t.due();
  }

  @Provide
  Arbitrary<Instant> dueTimes() {
    Arbitrary<Long> seconds =
        Arbitraries.longs()
            .between(Bounds.EARLIEST.getEpochSecond(), Bounds.LATEST_DUE.getEpochSecond() - 1);
    // Whole seconds, milliseconds, microseconds and nanoseconds: Instant.toString writes as many
    // groups of three digits as the fraction needs.
    Arbitrary<Integer> nanos =
        Arbitraries.oneOf(
            Arbitraries.just(0),
            Arbitraries.integers().between(1, 999).map(n -> n * 1_000_000),
            Arbitraries.integers().between(1, 999_999).map(n -> n * 1_000),
            Arbitraries.integers().between(1, 999_999_999));
    return seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
  }

  @Property(tries = 2_000)
  void eventId_isTheStageEventAndDueTimeAsInstantWritesIt(@ForAll("dueTimes") Instant due) {
    ScheduledTimer t = new ScheduledTimer("waiting", "remind", due);
    assertEquals(expected(t), t.eventId());
  }

  @Test
  void eventId_atTheEdgesOfTheYearsAndDays_isAsInstantWritesIt() {
    String[] times = {
      "0001-01-01T00:00:00Z",
      "1969-12-31T23:59:59.999999999Z",
      "1970-01-01T00:00:00Z",
      "2000-02-29T12:00:00.100Z",
      "2026-01-01T00:00:00.000001Z",
      "9999-12-31T23:59:59.999999999Z",
      "+10000-01-01T00:00:00Z",
    };
    for (String time : times) {
      ScheduledTimer t = new ScheduledTimer("stage-ä", "évent", Instant.parse(time));
      assertEquals(expected(t), t.eventId(), time);
      assertEquals("timer:stage-ä:évent:" + time, t.eventId());
    }
    ScheduledTimer latest = new ScheduledTimer("s", "e", Bounds.LATEST_DUE);
    assertEquals(expected(latest), latest.eventId());
  }
}
