package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Timers and {@link Funnel#advance}. */
final class FunnelAdvanceTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  /**
   * A welcome series: a letter after one day (staying), warm after three days (cancelling the lapse
   * after five), hot one hour after warm, and a "quiet" timer in hot that no transition takes.
   */
  private static final Funnel DRIP =
      Funnel.builder("drip")
          .stage("subscribed")
          .entry()
          .stage("warm")
          .stage("hot")
          .stage("customer")
          .won()
          .stage("gone")
          .lost()
          .on("letter-1")
          .from("subscribed")
          .then(Actions.send("letter-1"))
          .on("warm-up")
          .from("subscribed")
          .to("warm")
          .then(Actions.send("letter-2"))
          .on("lapse")
          .from("subscribed")
          .to("gone")
          .on("remind")
          .from("warm")
          .to("hot")
          .on("paid")
          .from("hot")
          .to("customer")
          .on("opened")
          .fromAny()
          .after(days(1))
          .in("subscribed")
          .fire("letter-1")
          .after(days(3))
          .in("subscribed")
          .fire("warm-up")
          .after(days(5))
          .in("subscribed")
          .fire("lapse")
          .after(HOUR)
          .in("warm")
          .fire("remind")
          .after(days(2))
          .in("hot")
          .fire("quiet")
          .build();

  private static Duration days(long n) {
    return Duration.ofDays(n);
  }

  private static ScheduledTimer timer(String stage, String event, Instant due) {
    return new ScheduledTimer(stage, event, due);
  }

  private static Lead subscribed() {
    return DRIP.enter("lead-1", "ads", T0).lead();
  }

  @Test
  void drip_timerNoTransitionTakes_isOnlyAWarning() {
    assertEquals(
        ImmutableList.of(Problem.Code.UNHANDLED_EVENT),
        DRIP.warnings().stream().map(Problem::code).collect(ImmutableList.toImmutableList()));
  }

  @Test
  void advance_nothingDue_isIdleWithSameLead() {
    Lead lead = subscribed();

    Outcome out = DRIP.advance(lead, T0.plus(HOUR));

    assertEquals(Outcome.Status.IDLE, out.status());
    assertSame(lead, out.lead());
    assertEquals(ImmutableList.of(), out.effects());
    assertEquals(ImmutableList.of(), out.steps());
    assertFalse(out.isAccepted());
    assertFalse(out.isRefused());
  }

  @Test
  void advance_leadWithoutTimers_isIdleWithSameLead() {
    Lead customer =
        Lead.builder("lead-1", "drip").stage("customer", T0).channel("ads").version(9).build();

    Outcome out = DRIP.advance(customer, T0.plus(days(365)));

    assertEquals(Outcome.Status.IDLE, out.status());
    assertSame(customer, out.lead());
  }

  @Test
  void advance_beforeDueInstant_firesNothing() {
    Lead lead = subscribed();

    Outcome early = DRIP.advance(lead, T0.plus(days(1)).minusNanos(1));

    assertEquals(Outcome.Status.IDLE, early.status());
    assertSame(lead, early.lead());
  }

  @Test
  void advance_atDueInstant_firesTheTimer() {
    Outcome out = DRIP.advance(subscribed(), T0.plus(days(1)));

    assertEquals(Outcome.Status.STAYED, out.status());
    assertEquals(1, out.steps().size());
    assertEquals("letter-1", out.steps().get(0).eventType());
    assertEquals(T0.plus(days(1)), out.steps().get(0).at());
  }

  @Test
  void advance_oneTimerDue_firesOnlyThatOne() {
    Outcome out = DRIP.advance(subscribed(), T0.plus(days(2)));

    Lead lead = out.lead();
    assertEquals(Outcome.Status.STAYED, out.status());
    assertEquals("subscribed", lead.stage());
    assertEquals(1, lead.version());
    assertEquals(T0.plus(days(1)), lead.updatedAt());
    assertEquals(T0, lead.enteredAt());
    assertEquals(ImmutableList.of(Actions.send("letter-1")), out.effects());
    assertEquals(
        ImmutableList.of(
            timer("subscribed", "warm-up", T0.plus(days(3))),
            timer("subscribed", "lapse", T0.plus(days(5)))),
        lead.timers());
  }

  @Test
  void advance_severalDue_firesEarliestFirstAndCascades() {
    Instant warmAt = T0.plus(days(3));
    Instant hotAt = warmAt.plus(HOUR);

    Outcome out = DRIP.advance(subscribed(), T0.plus(days(4)));

    assertEquals(Outcome.Status.MOVED, out.status());
    assertEquals("hot", out.lead().stage());
    assertEquals(3, out.lead().version());
    assertEquals(hotAt, out.lead().enteredAt());
    assertEquals(
        ImmutableList.of("letter-1", "warm-up", "remind"),
        out.steps().stream().map(Step::eventType).collect(ImmutableList.toImmutableList()));
    assertEquals(
        ImmutableList.of(T0.plus(days(1)), warmAt, hotAt),
        out.steps().stream().map(Step::at).collect(ImmutableList.toImmutableList()));
    assertEquals(
        ImmutableList.of(1L, 2L, 3L),
        out.steps().stream().map(Step::version).collect(ImmutableList.toImmutableList()));
    assertEquals(
        ImmutableList.of(
            Actions.send("letter-1"),
            new Effect.TimerCancelled(timer("subscribed", "lapse", T0.plus(days(5)))),
            Actions.send("letter-2"),
            new Effect.TimerScheduled(timer("warm", "remind", hotAt)),
            new Effect.TimerScheduled(timer("hot", "quiet", hotAt.plus(days(2))))),
        out.effects());
    assertEquals(ImmutableList.of(timer("hot", "quiet", hotAt.plus(days(2)))), out.lead().timers());
  }

  @Test
  void advance_cascadingTimerAlreadyDue_firesInTheSameCall() {
    Instant warmAt = T0.plus(days(3));

    Outcome justWarm = DRIP.advance(subscribed(), warmAt);
    Outcome throughHot = DRIP.advance(subscribed(), warmAt.plus(HOUR));

    assertEquals("warm", justWarm.lead().stage());
    assertEquals("hot", throughHot.lead().stage());
    assertEquals("warm", throughHot.steps().get(1).to());
    assertEquals("hot", throughHot.steps().get(2).to());
  }

  @Test
  void advance_timerEventNoTransitionTakes_isSpentAndLeadStays() {
    Lead hot = DRIP.advance(subscribed(), T0.plus(days(4))).lead();
    ScheduledTimer quiet = hot.timers().get(0);

    Outcome out = DRIP.advance(hot, quiet.due());

    assertEquals(Outcome.Status.STAYED, out.status());
    assertEquals("hot", out.lead().stage());
    assertEquals(hot.version() + 1, out.lead().version());
    assertEquals(ImmutableList.of(), out.lead().timers());
    assertEquals(ImmutableList.of(), out.effects());
    assertEquals(1, out.steps().size());
    Step step = out.steps().get(0);
    assertEquals("hot", step.from());
    assertEquals("hot", step.to());
    assertEquals("quiet", step.eventType());
    assertEquals(quiet.eventId(), step.eventId());
  }

  @Test
  void advance_firedTimer_isRememberedAsApplied() {
    Lead lead = subscribed();
    ScheduledTimer first = lead.timers().get(0);

    Lead after = DRIP.advance(lead, first.due()).lead();

    assertTrue(after.hasApplied(first.eventId()));
    assertEquals(first.eventId(), after.recentEventIds().get(0));
  }

  @Test
  void advance_eachTimerFiresExactlyOnce() {
    Outcome first = DRIP.advance(subscribed(), T0.plus(days(10)));

    Outcome again = DRIP.advance(first.lead(), T0.plus(days(10)));
    Outcome later = DRIP.advance(first.lead(), T0.plus(days(100)));

    assertEquals(4, first.steps().size());
    assertEquals(Outcome.Status.IDLE, again.status());
    assertSame(first.lead(), again.lead());
    assertEquals(Outcome.Status.IDLE, later.status());
  }

  @Test
  void advance_twiceToSameInstant_equalsAdvancingOnce() {
    for (Duration d : ImmutableList.of(HOUR, days(1), days(3), days(4), days(10))) {
      Lead once = DRIP.advance(subscribed(), T0.plus(d)).lead();
      Lead twice = DRIP.advance(once, T0.plus(d)).lead();

      assertEquals(once, twice, "at " + d);
    }
  }

  @Test
  void advance_inSmallSteps_endsWhereOneBigStepEnds() {
    Lead stepwise = subscribed();
    ImmutableList.Builder<Effect> effects = ImmutableList.builder();
    ImmutableList.Builder<Step> steps = ImmutableList.builder();
    for (Instant t = T0; !t.isAfter(T0.plus(days(10))); t = t.plus(Duration.ofMinutes(30))) {
      Outcome out = DRIP.advance(stepwise, t);
      effects.addAll(out.effects());
      steps.addAll(out.steps());
      stepwise = out.lead();
    }

    Outcome atOnce = DRIP.advance(subscribed(), T0.plus(days(10)));

    assertEquals(atOnce.lead(), stepwise);
    assertEquals(atOnce.effects(), effects.build());
    assertEquals(atOnce.steps(), steps.build());
  }

  @Test
  void advance_timerOverdueBeforeLastStep_firesAtLastStepTimeNotStale() {
    Instant opened = T0.plus(days(2));
    Lead lead = DRIP.fire(subscribed(), Event.of("o1", "opened", opened)).lead();

    Outcome out = DRIP.advance(lead, opened);

    assertEquals(1, out.steps().size());
    assertEquals("letter-1", out.steps().get(0).eventType());
    assertEquals(opened, out.steps().get(0).at());
    assertEquals(opened, out.lead().updatedAt());
  }

  @Test
  void advance_guardRejectsTimerEvent_timerIsSpent() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .won()
            .on("tick")
            .from("a")
            .to("b")
            .when(Conditions.attr("ready").eq(true))
            .on("go")
            .from("a")
            .to("b")
            .after(HOUR)
            .in("a")
            .fire("tick")
            .build();
    Lead lead = f.enter("l", "ads", T0).lead();

    Outcome out = f.advance(lead, T0.plus(HOUR));

    assertEquals(Outcome.Status.STAYED, out.status());
    assertEquals("a", out.lead().stage());
    assertEquals(ImmutableList.of(), out.lead().timers());
    assertEquals(1, out.lead().version());
  }

  @Test
  void advance_customGuardOnTimerEvent_isDecidedByBoundPredicate() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .won()
            .on("tick")
            .from("a")
            .to("b")
            .when(Conditions.custom("ready"))
            .after(HOUR)
            .in("a")
            .fire("tick")
            .build();
    BiPredicate<Lead, Event> ready = (lead, event) -> event.type().equals("tick");
    Lead lead = f.enter("l", "ads", T0).lead();

    assertThrows(IllegalStateException.class, () -> f.advance(lead, T0.plus(HOUR)));
    assertEquals(
        "b",
        f.withGuards(ImmutableMap.of("ready", ready)).advance(lead, T0.plus(HOUR)).lead().stage());
  }

  @Test
  void advance_restoredLead_firesItsStoredTimers() {
    Lead stored =
        Lead.builder("lead-1", "drip")
            .stage("warm", T0)
            .channel("ads")
            .timer(timer("warm", "remind", T0.plus(HOUR)))
            .version(4)
            .build();

    Outcome out = DRIP.advance(stored, T0.plus(HOUR));

    assertEquals("hot", out.lead().stage());
    assertEquals(5, out.lead().version());
  }

  @Test
  void advance_leadOfAnotherFunnel_throwsIae() {
    Lead foreign =
        Lead.builder("lead-1", "other")
            .stage("subscribed", T0)
            .channel("ads")
            .timer(timer("subscribed", "letter-1", T0))
            .build();

    assertThrows(IllegalArgumentException.class, () -> DRIP.advance(foreign, T0.plus(HOUR)));
  }

  @Test
  void scheduledTimer_eventId_isStableForTheSameTimer() {
    ScheduledTimer a = timer("warm", "remind", T0);
    ScheduledTimer b = timer("warm", "remind", T0);

    assertEquals(a.eventId(), b.eventId());
    assertNotEquals(a.eventId(), timer("warm", "remind", T0.plusSeconds(1)).eventId());
  }
}
