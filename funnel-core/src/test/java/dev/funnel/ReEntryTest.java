package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Re-entry policies: limits, intervals, refuse, restart and parallel journeys. */
final class ReEntryTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  private static Funnel funnel(ReEntry policy) {
    return Funnel.builder("promo")
        .stage("invited")
        .entry()
        .stage("bought")
        .won()
        .on("paid")
        .from("invited")
        .to("bought")
        .after(Duration.ofDays(3))
        .in("invited")
        .fire("invited/reminder")
        .on("invited/reminder")
        .from("invited")
        .then(Actions.send("reminder"))
        .reEntry(policy)
        .build();
  }

  private static Event again(String id, Instant at) {
    return Event.builder(id, "signed-up", at).payload("order-id", "o-" + id).build();
  }

  @Test
  void reenter_afterTheJourneyEnded_limitAndInterval_areKept() {
    Funnel f = funnel(ReEntry.builder().maxEntries(2).minInterval(Duration.ofDays(30)).build());
    Lead lead = f.enter("ann", "ads", T0).lead();
    assertEquals(ImmutableList.of(T0), lead.entries());
    Lead bought = f.fire(lead, Event.of("p1", "paid", T0.plus(DAY))).lead();

    Outcome tooSoon = f.reenter(bought, again("s1", T0.plus(DAY.multipliedBy(29))));
    assertEquals(Outcome.Refusal.TOO_SOON, tooSoon.refusal().orElseThrow());
    assertSame(bought, tooSoon.lead());

    Instant day30 = T0.plus(DAY.multipliedBy(30));
    Outcome second = f.reenter(bought, again("s2", day30));
    assertEquals(Outcome.Status.ENTERED, second.status());
    Lead back = second.lead();
    assertEquals("invited", back.stage());
    assertEquals(ImmutableList.of(T0, day30), back.entries());
    assertEquals(2, back.version());
    assertEquals(1, back.timers().size());
    assertEquals(day30.plus(Duration.ofDays(3)), back.timers().get(0).due());
    Step step = second.steps().get(0);
    assertTrue(step.isEntry());
    assertEquals("signed-up", step.eventType());

    Lead boughtAgain = f.fire(back, Event.of("p2", "paid", day30.plus(DAY))).lead();
    Outcome third = f.reenter(boughtAgain, again("s3", T0.plus(DAY.multipliedBy(90))));
    assertEquals(Outcome.Refusal.ENTRY_LIMIT, third.refusal().orElseThrow());
  }

  @Test
  void reenter_withoutAPolicy_isOnce() {
    Funnel f = TwoStages.aToB().goal("g").onEvent("go").to("b").build();
    Lead done = f.fire(f.enter("l", "ads", T0).lead(), Event.of("e1", "go", T0)).lead();
    Outcome o = f.reenter(done, again("e2", T0.plus(DAY)));
    assertEquals(Outcome.Refusal.ENTRY_LIMIT, o.refusal().orElseThrow());
  }

  @Test
  void reenter_whileInside_refusesRestartsOrRunsInParallel() {
    Instant day1 = T0.plus(DAY);
    Funnel refuse = funnel(ReEntry.builder().build());
    Lead inside = refuse.enter("ann", "ads", T0).lead();
    Outcome refused = refuse.reenter(inside, again("s1", day1));
    assertEquals(Outcome.Refusal.ALREADY_INSIDE, refused.refusal().orElseThrow());
    assertSame(inside, refused.lead());

    Funnel restart = funnel(ReEntry.builder().restartWhileInside().build());
    Lead ann = restart.enter("ann", "ads", T0).lead();
    Outcome restarted = restart.reenter(ann, again("s2", day1));
    assertEquals(Outcome.Status.ENTERED, restarted.status());
    assertEquals(
        ImmutableList.of(
            new Effect.TimerCancelled(ann.timers().get(0)),
            new Effect.TimerScheduled(
                new ScheduledTimer("invited", "invited/reminder", day1.plus(Duration.ofDays(3))))),
        restarted.effects());
    assertEquals(ImmutableList.of(T0, day1), restarted.lead().entries());
    // The same event again is a duplicate.
    Outcome twice = restart.reenter(restarted.lead(), again("s2", day1));
    assertEquals(Outcome.Refusal.DUPLICATE, twice.refusal().orElseThrow());

    Funnel parallel = funnel(ReEntry.builder().parallelBy("order-id").build());
    Lead first = parallel.enter("ann", "ads", T0).lead();
    Outcome beside = parallel.reenter(first, again("s3", day1));
    assertEquals(Outcome.Status.ENTERED, beside.status());
    assertEquals("ann/o-s3", beside.lead().id());
    assertEquals(ImmutableList.of(day1), beside.lead().entries());
    Event unkeyed = Event.of("s4", "signed-up", day1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parallel.reenter(first, unkeyed));
    assertEquals("event 's4' lacks the payload 'order-id' that keys journeys", e.getMessage());
  }

  @Test
  void policy_badLimitIntervalOrKey_isRefusedSayingWhy() {
    ReEntry.WhileInside refuse = ReEntry.WhileInside.REFUSE;
    assertEquals(
        "the entry limit must not be negative",
        assertThrows(
                IllegalArgumentException.class, () -> new ReEntry(-1, Duration.ZERO, refuse, null))
            .getMessage());
    assertEquals(
        "the interval between entries must not be negative",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReEntry(1, Duration.ofSeconds(-1), refuse, null))
            .getMessage());
    assertEquals(
        "a parallel re-entry policy needs a key",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReEntry(0, Duration.ZERO, ReEntry.WhileInside.PARALLEL, null))
            .getMessage());
    assertEquals(
        "only a parallel re-entry policy has a key",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReEntry(0, Duration.ZERO, ReEntry.WhileInside.RESTART, "order-id"))
            .getMessage());
  }

  @Test
  void builder_defaultsToUnlimitedRefusingEntries_andOnlyAParallelPolicyHasAKey() {
    ReEntry plain = ReEntry.builder().build();
    assertEquals(new ReEntry(0, Duration.ZERO, ReEntry.WhileInside.REFUSE, null), plain);
    assertTrue(plain.isUnlimited());
    assertEquals(Optional.empty(), plain.parallelKey());
    ReEntry once = ReEntry.builder().maxEntries(1).build();
    assertFalse(once.isUnlimited());
    assertEquals(
        Optional.of("order-id"), ReEntry.builder().parallelBy("order-id").build().parallelKey());
  }

  @Test
  void builder_optionsSetTwiceOrBad_areRefused() {
    assertEquals(
        "the entry limit must be positive",
        assertThrows(IllegalArgumentException.class, () -> ReEntry.builder().maxEntries(0))
            .getMessage());
    ReEntry.Builder b = ReEntry.builder().maxEntries(2).minInterval(DAY).restartWhileInside();
    assertEquals(
        "entry limit was already set to 2",
        assertThrows(IllegalStateException.class, () -> b.maxEntries(3)).getMessage());
    assertEquals(
        "interval between entries was already set to PT24H",
        assertThrows(IllegalStateException.class, () -> b.minInterval(DAY)).getMessage());
    assertEquals(
        "re-entry while inside was already set to RESTART",
        assertThrows(IllegalStateException.class, () -> b.parallelBy("order-id")).getMessage());
    assertEquals(new ReEntry(2, DAY, ReEntry.WhileInside.RESTART, null), b.build());
    FunnelBuilder f = Funnel.builder("f").reEntry(ReEntry.ONCE);
    assertEquals(
        "re-entry policy was already set to " + ReEntry.ONCE,
        assertThrows(IllegalStateException.class, () -> f.reEntry(ReEntry.ONCE)).getMessage());
  }
}
