package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.ReEntry;
import dev.funnel.ScheduledTimer;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-entry through the runtime and its store, at exact instants. */
final class ReentriesTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Duration DAY = Duration.ofDays(1);

  /** Hears every step and every refusal. */
  static final class Heard implements FunnelListener {
    final List<Step> steps = new ArrayList<>();
    final List<Outcome.Refusal> refusals = new ArrayList<>();

    @Override
    public synchronized void stepped(Step step) {
      steps.add(step);
    }

    @Override
    public synchronized void refused(Event event, Outcome outcome) {
      refusals.add(outcome.refusal().orElseThrow());
    }
  }

  static Funnel drip(ReEntry policy) {
    return base().reEntry(policy).build();
  }

  static dev.funnel.FunnelBuilder base() {
    return Funnel.builder("drip")
        .stage("subscribed")
        .entry()
        .stage("engaged")
        .stage("done")
        .won()
        .stage("gone")
        .lost()
        .on("clicked")
        .from("subscribed")
        .to("engaged")
        .on("finished")
        .from("engaged")
        .to("done")
        .on("reminder")
        .from("engaged")
        .after(Duration.ofDays(3))
        .in("subscribed")
        .fire("gone-cold")
        .on("gone-cold")
        .from("subscribed")
        .to("gone")
        .after(Duration.ofDays(2))
        .in("engaged")
        .fire("reminder");
  }

  private final TestClock clock = new TestClock(T0);
  private final Heard heard = new Heard();

  private FunnelRuntime runtime(Funnel f) {
    return FunnelRuntime.builder(Catalog.of(f))
        .store(new InMemoryLeadStore())
        .clock(clock)
        .listener(heard)
        .build();
  }

  private static Event event(String id, String type, Instant at) {
    return Event.of(id, type, at);
  }

  @CanIgnoreReturnValue
  private Receipt enter(FunnelRuntime rt, String id, Instant at) {
    clock.set(at);
    return rt.enter("drip", "p-1", "ads", Event.of(id, "signed-up", at));
  }

  @CanIgnoreReturnValue
  private Receipt handle(FunnelRuntime rt, String id, String type, Instant at) {
    clock.set(at);
    return rt.handle("drip", "p-1", event(id, type, at));
  }

  @Test
  void endedJourney_entersAgainAfterTheInterval_andUpToTheLimit() {
    FunnelRuntime rt =
        runtime(
            drip(
                ReEntry.builder()
                    .maxEntries(3)
                    .minInterval(Duration.ofDays(7))
                    .restartWhileInside()
                    .build()));
    assertEquals(Receipt.Status.ENTERED, enter(rt, "s1", T0).status());
    handle(rt, "c1", "clicked", T0.plus(Duration.ofHours(1)));
    Lead done = handle(rt, "f1", "finished", T0.plus(Duration.ofHours(2))).lead().orElseThrow();
    assertEquals("done", done.stage());

    // Three days after the first entry: sooner than the seven the policy asks for.
    Receipt soon = enter(rt, "s2", T0.plus(Duration.ofDays(3)));
    assertEquals(Receipt.Status.REFUSED, soon.status());
    assertEquals(Outcome.Refusal.TOO_SOON, soon.refusal().orElseThrow());
    assertEquals(done, soon.lead().orElseThrow());
    assertEquals(done, rt.lead("drip", "p-1").orElseThrow());

    // Seven days to the second: the journey starts again at the entry stage.
    Instant second = T0.plus(Duration.ofDays(7));
    Receipt again = enter(rt, "s3", second);
    assertEquals(Receipt.Status.ENTERED, again.status());
    Lead reentered = again.lead().orElseThrow();
    assertEquals("subscribed", reentered.stage());
    assertEquals(ImmutableList.of(T0, second), reentered.entries());
    assertEquals(done.version() + 1, reentered.version());
    assertEquals(
        ImmutableList.of(
            new ScheduledTimer("subscribed", "gone-cold", second.plus(Duration.ofDays(3)))),
        reentered.timers());
    Step entry = again.steps().get(0);
    assertEquals(1, again.steps().size());
    assertTrue(entry.isEntry());
    assertEquals("s3", entry.eventId());
    assertEquals(second, entry.at());

    // The same event again changes nothing.
    Receipt dup = enter(rt, "s3", second.plusSeconds(1));
    assertEquals(Outcome.Refusal.DUPLICATE, dup.refusal().orElseThrow());
    assertEquals(reentered, rt.lead("drip", "p-1").orElseThrow());

    // Gone cold three days later (the event after it finds a terminal stage), then the third
    // entry, then no fourth.
    assertEquals(
        "gone",
        handle(rt, "x1", "clicked-nothing", second.plus(Duration.ofDays(3)))
            .lead()
            .orElseThrow()
            .stage());
    Instant third = second.plus(Duration.ofDays(7));
    assertEquals(Receipt.Status.ENTERED, enter(rt, "s4", third).status());
    assertEquals(
        ImmutableList.of(T0, second, third), rt.lead("drip", "p-1").orElseThrow().entries());
    Receipt fourth = enter(rt, "s5", third.plus(Duration.ofDays(30)));
    // The lead went cold again on its way there, then the limit refused the fourth entry.
    assertEquals(Outcome.Refusal.ENTRY_LIMIT, fourth.refusal().orElseThrow());
    assertEquals("gone", fourth.lead().orElseThrow().stage());
    assertEquals(
        List.of(
            Outcome.Refusal.TOO_SOON,
            Outcome.Refusal.DUPLICATE,
            Outcome.Refusal.TERMINAL,
            Outcome.Refusal.ENTRY_LIMIT),
        heard.refusals);
    assertEquals(3, heard.steps.stream().filter(Step::isEntry).count());
  }

  @Test
  void insideWithRestart_firesTheDueTimersThenStartsAgainWithItsTimersCancelled() {
    FunnelRuntime rt = runtime(drip(ReEntry.builder().restartWhileInside().build()));
    enter(rt, "s1", T0);
    handle(rt, "c1", "clicked", T0.plus(Duration.ofHours(1)));

    Instant at = T0.plus(Duration.ofDays(4));
    Receipt r = enter(rt, "s2", at);

    assertEquals(Receipt.Status.ENTERED, r.status());
    // The reminder due two days after the click fired first, then the entry.
    assertEquals(2, r.steps().size());
    assertEquals("reminder", r.steps().get(0).eventType());
    assertEquals(T0.plus(Duration.ofHours(1)).plus(Duration.ofDays(2)), r.steps().get(0).at());
    assertTrue(r.steps().get(1).isEntry());
    Lead lead = rt.lead("drip", "p-1").orElseThrow();
    assertEquals("subscribed", lead.stage());
    assertEquals(ImmutableList.of(T0, at), lead.entries());
    assertEquals(
        ImmutableList.of(
            new ScheduledTimer("subscribed", "gone-cold", at.plus(Duration.ofDays(3)))),
        lead.timers());
  }

  @Test
  void insideWithRefuse_isRefusedAndLeavesTheLeadAsItWas() {
    FunnelRuntime rt = runtime(drip(ReEntry.builder().build()));
    enter(rt, "s1", T0);
    Lead before = handle(rt, "c1", "clicked", T0.plus(Duration.ofHours(1))).lead().orElseThrow();

    Receipt r = enter(rt, "s2", T0.plus(Duration.ofHours(5)));

    assertEquals(Receipt.Status.REFUSED, r.status());
    assertEquals(Outcome.Refusal.ALREADY_INSIDE, r.refusal().orElseThrow());
    assertEquals(ImmutableList.of(), r.steps());
    assertEquals(before, rt.lead("drip", "p-1").orElseThrow());
    assertEquals(List.of(Outcome.Refusal.ALREADY_INSIDE), heard.refusals);
  }

  @Test
  void insideWithParallel_startsAJourneyPerOrder_andRefusesAnOrderAlreadyRunning() {
    FunnelRuntime rt = runtime(drip(ReEntry.builder().parallelBy("order-id").build()));
    enter(rt, "s1", T0);
    Lead person = rt.lead("drip", "p-1").orElseThrow();
    Instant at = T0.plus(Duration.ofHours(2));
    clock.set(at);

    Receipt o1 =
        rt.enter(
            "drip",
            "p-1",
            "ads",
            Event.builder("o1", "ordered", at).payload("order-id", "A-17").build());
    Receipt again =
        rt.enter(
            "drip",
            "p-1",
            "ads",
            Event.builder("o2", "ordered", at.plusSeconds(5)).payload("order-id", "A-17").build());
    Receipt o3 =
        rt.enter(
            "drip",
            "p-1",
            "ads",
            Event.builder("o3", "ordered", at.plusSeconds(9)).payload("order-id", "B-2").build());

    assertEquals(Receipt.Status.ENTERED, o1.status());
    assertEquals(new LeadKey("drip", "p-1/A-17"), o1.key());
    Lead journey = rt.lead("drip", "p-1/A-17").orElseThrow();
    assertEquals("subscribed", journey.stage());
    assertEquals(ImmutableList.of(at), journey.entries());
    assertEquals(Receipt.Status.REFUSED, again.status());
    assertEquals(Outcome.Refusal.ALREADY_INSIDE, again.refusal().orElseThrow());
    assertEquals(new LeadKey("drip", "p-1/A-17"), again.key());
    assertEquals(journey, rt.lead("drip", "p-1/A-17").orElseThrow());
    assertEquals(Receipt.Status.ENTERED, o3.status());
    assertEquals(new LeadKey("drip", "p-1/B-2"), o3.key());
    assertEquals(person, rt.lead("drip", "p-1").orElseThrow());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> rt.enter("drip", "p-1", "ads", Event.of("o4", "ordered", at.plusSeconds(20))));
    assertEquals("event 'o4' lacks the payload 'order-id' that keys journeys", e.getMessage());
  }

  @Test
  void withoutAPolicy_aSecondEntryIsRefusedByTheLimit_andAnEntryWithoutEventIsPresent() {
    FunnelRuntime rt = runtime(base().build());
    enter(rt, "s1", T0);
    handle(rt, "c1", "clicked", T0.plus(Duration.ofHours(1)));
    handle(rt, "f1", "finished", T0.plus(Duration.ofHours(2)));

    Receipt r = enter(rt, "s2", T0.plus(Duration.ofDays(40)));
    Receipt present = rt.enter("drip", "p-1", "ads", T0.plus(Duration.ofDays(41)));

    assertEquals(Outcome.Refusal.ENTRY_LIMIT, r.refusal().orElseThrow());
    assertEquals(Receipt.Status.PRESENT, present.status());
    Lead lead = rt.lead("drip", "p-1").orElseThrow();
    assertEquals("done", lead.stage());
    assertEquals(present.lead().orElseThrow(), lead);
    assertEquals(r.lead().orElseThrow(), lead);
  }

  @Test
  void firstEntryEventSentTwice_isADuplicateAndRestartsNothing() {
    FunnelRuntime rt = runtime(drip(ReEntry.builder().restartWhileInside().build()));
    Receipt first = enter(rt, "s1", T0);
    handle(rt, "c1", "clicked", T0.plus(Duration.ofHours(1)));

    Receipt resent = enter(rt, "s1", T0.plus(Duration.ofHours(2)));

    assertEquals(Receipt.Status.ENTERED, first.status());
    assertEquals(Outcome.Refusal.DUPLICATE, resent.refusal().orElseThrow());
    assertEquals("engaged", rt.lead("drip", "p-1").orElseThrow().stage());
  }
}
