package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.analytics.JourneyFigures;
import dev.funnel.analytics.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exit criteria: from any active stage into a terminal one, with a reason, and counted. */
final class ExitTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  static final Funnel DRIP =
      Funnel.builder("drip")
          .stage("subscribed")
          .entry()
          .stage("warm")
          .stage("customer")
          .won()
          .stage("gone")
          .lost()
          .stage("do-not-call")
          .junk("asked-not-to-be-called")
          .on("clicked")
          .from("subscribed")
          .to("warm")
          .on("paid")
          .from("warm")
          .to("customer")
          .after(Duration.ofDays(2))
          .in("warm")
          .fire("warm/letter")
          .on("warm/letter")
          .from("warm")
          .then(Actions.send("letter"))
          .exit("unsubscribed")
          .onEvent("unsubscribed")
          .to("gone")
          .exit("bought-elsewhere")
          .when(Conditions.attr("customer").eq(true))
          .to("gone")
          .exit("asked-not-to-be-called")
          .onEvent("call-refused")
          .to("do-not-call")
          .build();

  @Test
  void exits_fromAnyStage_endTheJourneyWithTheirReasonAndAreCounted() {
    List<Step> journal = new ArrayList<>();
    // Ann unsubscribes while subscribed; Bob while warm, his letter timer cancelled; Cyd refuses a
    // call; Dan's clicked event carries nothing, Eve becomes a customer through the shop.
    Outcome ann = DRIP.enter("ann", "ads", T0);
    journal.addAll(ann.steps());
    Outcome annOut = DRIP.fire(ann.lead(), Event.of("a1", "unsubscribed", T0.plus(HOUR)));
    journal.addAll(annOut.steps());
    assertEquals("gone", annOut.lead().stage());
    Step exit = annOut.steps().get(1);
    assertEquals("exit/unsubscribed", exit.eventType());
    assertEquals("unsubscribed", exit.reason());
    assertEquals("subscribed", exit.from());

    Outcome bob = DRIP.enter("bob", "ads", T0);
    journal.addAll(bob.steps());
    Outcome warm = DRIP.fire(bob.lead(), Event.of("b1", "clicked", T0.plus(HOUR)));
    journal.addAll(warm.steps());
    Outcome bobOut =
        DRIP.fire(warm.lead(), Event.of("b2", "unsubscribed", T0.plus(HOUR.multipliedBy(2))));
    journal.addAll(bobOut.steps());
    assertEquals("gone", bobOut.lead().stage());
    assertEquals(ImmutableList.of(), bobOut.lead().timers());
    assertEquals(
        ImmutableList.of(new Effect.TimerCancelled(warm.lead().timers().get(0))), bobOut.effects());

    Outcome cyd = DRIP.enter("cyd", "ads", T0);
    journal.addAll(cyd.steps());
    Outcome cydOut = DRIP.fire(cyd.lead(), Event.of("c1", "call-refused", T0.plus(HOUR)));
    journal.addAll(cydOut.steps());
    assertEquals("do-not-call", cydOut.lead().stage());

    Lead eve = DRIP.newLead("eve", "ads").attribute("customer", true).enter(T0).lead();
    Outcome eveOut = DRIP.fire(eve, Event.of("e1", "clicked", T0.plus(HOUR)));
    journal.addAll(eveOut.steps());
    assertEquals(
        ImmutableList.of("clicked", "exit/bought-elsewhere"),
        eveOut.steps().stream().map(Step::eventType).toList());
    assertEquals("gone", eveOut.lead().stage());

    // A terminal lead takes no exit: the event is refused and the lead is the same.
    Outcome late = DRIP.fire(annOut.lead(), Event.of("a2", "call-refused", T0.plus(HOUR)));
    assertEquals(Outcome.Refusal.TERMINAL, late.refusal().orElseThrow());
    assertSame(annOut.lead(), late.lead());

    JourneyFigures figures = Report.of(DRIP, journal).journey();
    assertEquals(3, figures.journeys()); // eve's entry is not in the journal
    assertEquals(
        ImmutableMap.of("unsubscribed", 2L, "bought-elsewhere", 1L, "asked-not-to-be-called", 1L),
        figures.exits());
  }

  @Test
  void event_noTransitionNoControl_isRefusedAsBefore() {
    Lead lead = DRIP.enter("l", "ads", T0).lead();
    Outcome o = DRIP.fire(lead, Event.of("x", "opened", T0.plus(HOUR)));
    assertEquals(Outcome.Refusal.NO_TRANSITION, o.refusal().orElseThrow());
    assertSame(lead, o.lead());
  }

  private static ExitBuilder exit() {
    return Funnel.builder("f")
        .stage("a")
        .entry()
        .stage("gone")
        .lost()
        .on("go")
        .from("a")
        .to("gone")
        .exit("stale");
  }

  @Test
  void exitOptions_setTwice_areRefused() {
    assertEquals(
        "exit event was already set to 'left'",
        assertThrows(IllegalStateException.class, () -> exit().onEvent("left").onEvent("quit"))
            .getMessage());
    Condition old = Conditions.timeInStage(HOUR);
    assertEquals(
        "exit condition was already set to " + old,
        assertThrows(IllegalStateException.class, () -> exit().when(old).when(Conditions.always()))
            .getMessage());
    assertEquals(
        "exit stage was already set to 'gone'",
        assertThrows(IllegalStateException.class, () -> exit().to("gone").to("a")).getMessage());
  }

  @Test
  void exitTakenOnACondition_hasNoEvent_andOneWithNeitherIsRefused() {
    Condition old = Conditions.timeInStage(HOUR);
    Exit x = exit().when(old).to("gone").build().exits().get(0);
    assertEquals(new Exit("stale", null, old, "gone"), x);
    assertEquals(Optional.empty(), x.eventType());
    assertEquals(
        "exit 'stale' needs an event or a condition",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Exit("stale", null, Condition.ALWAYS, "gone"))
            .getMessage());
  }
}
