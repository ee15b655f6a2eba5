package dev.funnel.runtime;

import static dev.funnel.runtime.ReentriesTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Outcome;
import dev.funnel.ReEntry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A parallel journey already running refuses the event that would start it again, and says so. */
final class ParallelJourneyTest {
  private final Recorder rec = new Recorder();
  private final FunnelRuntime rt =
      FunnelRuntime.builder(
              Catalog.of(ReentriesTest.drip(ReEntry.builder().parallelBy("order-id").build())))
          .clock(new TestClock(T0))
          .listener(rec)
          .build();

  private Receipt order(String eventId, String orderId, Instant at) {
    return rt.enter(
        "drip",
        "p-1",
        "ads",
        Event.builder(eventId, "ordered", at).payload("order-id", orderId).build());
  }

  @Test
  void orderAlreadyRunning_isRefusedAndReportedToTheListeners() {
    rt.enter("drip", "p-1", "ads", Event.of("s1", "signed-up", T0));
    Instant at = T0.plus(Duration.ofHours(2));
    assertEquals(Receipt.Status.ENTERED, order("o1", "A-17", at).status());
    int steps = rec.steps().size();

    Receipt again = order("o2", "A-17", at.plusSeconds(5));

    assertEquals(Receipt.Status.REFUSED, again.status());
    assertEquals(
        ImmutableList.of(new Recorder.Refused("o2", Outcome.Refusal.ALREADY_INSIDE)),
        rec.refused());
    assertEquals(steps, rec.steps().size());
    assertEquals(ImmutableList.of(), again.steps());
  }
}
