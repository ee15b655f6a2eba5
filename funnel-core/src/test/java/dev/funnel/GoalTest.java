package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.funnel.analytics.JourneyFigures;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Conversion goals: reached from any stage within their window, once per entry, and counted. */
final class GoalTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  /**
   * A shop whose "buyer" is an active stage that counts as converted through the goal, and from
   * which a buyer moves on to "repeat-customer".
   */
  static final Funnel SHOP =
      Funnel.builder("shop")
          .stage("visitor")
          .entry()
          .stage("cold-lead")
          .stage("buyer")
          .stage("repeat-customer")
          .won()
          .stage("lost")
          .lost()
          .on("contact-left")
          .from("visitor")
          .to("cold-lead")
          .on("paid-again")
          .from("buyer")
          .to("repeat-customer")
          .on("gone-cold")
          .from("visitor", "cold-lead")
          .to("lost")
          .goal("purchase")
          .onEvent("paid")
          .within(Duration.ofDays(30))
          .to("buyer")
          .build();

  private static final List<Step> journal = new ArrayList<>();

  private static Lead enter(String id) {
    Outcome o = SHOP.enter(id, "ads", T0);
    journal.addAll(o.steps());
    return o.lead();
  }

  private static Outcome fire(Lead lead, String eventId, String type, Instant at) {
    Outcome o = SHOP.fire(lead, Event.of(eventId, type, at));
    journal.addAll(o.steps());
    return o;
  }

  @Test
  void goal_reachedFromAnyStageWithinItsWindow_convertsAndMovesOn() {
    journal.clear();
    // Ann pays on day 10 from cold-lead, Bob on day 30 exactly from visitor, Cyd on day 31.
    Lead ann = fire(enter("ann"), "a1", "contact-left", T0.plus(Duration.ofHours(1))).lead();
    Outcome annPaid = fire(ann, "a2", "paid", T0.plus(DAY.multipliedBy(10)));
    assertEquals(Outcome.Status.MOVED, annPaid.status());
    assertEquals("buyer", annPaid.lead().stage());
    assertEquals(ImmutableSet.of("purchase"), annPaid.lead().goalsReached());
    assertEquals(2, annPaid.steps().size());
    Step paid = annPaid.steps().get(0);
    Step goal = annPaid.steps().get(1);
    assertEquals("cold-lead", paid.from());
    assertEquals("cold-lead", paid.to());
    assertEquals("goal/purchase", goal.eventType());
    assertEquals("a2/goal/purchase", goal.eventId());
    assertEquals("cold-lead", goal.from());
    assertEquals("buyer", goal.to());
    assertEquals(3, annPaid.lead().version());

    // A goal is reached once per entry: paying again in "buyer" is nothing the funnel takes.
    Outcome again =
        SHOP.fire(annPaid.lead(), Event.of("a3", "paid", T0.plus(DAY.multipliedBy(11))));
    assertEquals(Outcome.Refusal.NO_TRANSITION, again.refusal().orElseThrow());
    assertSame(annPaid.lead(), again.lead());
    // "buyer" counted as converted and still moves on.
    Outcome repeat = fire(annPaid.lead(), "a4", "paid-again", T0.plus(DAY.multipliedBy(20)));
    assertEquals("repeat-customer", repeat.lead().stage());

    Outcome bobPaid = fire(enter("bob"), "b1", "paid", T0.plus(Duration.ofDays(30)));
    assertEquals("buyer", bobPaid.lead().stage());

    Lead cyd = enter("cyd");
    Outcome cydPaid = SHOP.fire(cyd, Event.of("c1", "paid", T0.plus(Duration.ofDays(31))));
    assertEquals(Outcome.Refusal.NO_TRANSITION, cydPaid.refusal().orElseThrow());
    assertSame(cyd, cydPaid.lead());

    JourneyFigures figures = Report.of(SHOP, journal).journey();
    assertEquals(3, figures.journeys());
    assertEquals(ImmutableMap.of("purchase", 2L), figures.goalConversions());
    assertEquals(Ratio.of(2, 3), figures.goalConversion("purchase"));
    Report report = Report.of(SHOP, journal);
    assertEquals(2, report.entered("buyer"));
    assertEquals(1, report.entered("repeat-customer"));
    assertEquals(1, report.taken("cold-lead", "goal/purchase", "buyer"));
  }

  @Test
  void goal_byConditionAlone_followsTheStepThatMakesItHold() {
    Funnel f =
        Funnel.builder("course")
            .stage("trial")
            .entry()
            .stage("student")
            .stage("alumni")
            .won()
            .offer(Offer.coreProduct("course", Money.of("100.00", "EUR")))
            .on("finished")
            .from("student")
            .to("alumni")
            .goal("enrolled")
            .when(Conditions.bought("course"))
            .to("student")
            .build();
    Lead lead = f.enter("l1", "ads", T0).lead();
    Event bought =
        Event.purchase("p1", T0.plus(DAY))
            .offer("course")
            .amount(Money.of("100.00", "EUR"))
            .build();
    Outcome o = f.fire(lead, bought);
    assertEquals("student", o.lead().stage());
    assertEquals(
        ImmutableList.of("purchased", "goal/enrolled"),
        o.steps().stream().map(Step::eventType).toList());
    assertEquals(Money.of("100.00", "EUR"), o.steps().get(0).amount());
    assertTrue(o.lead().hasBought("course"));
  }

  @Test
  void goal_leadInTheGoalStageAlready_isReachedWhereItStands() {
    Funnel f =
        TwoStages.aToB().on("paid").from("a").to("a").goal("g").onEvent("paid").to("a").build();
    Outcome o = f.fire(f.enter("l", "ads", T0).lead(), Event.of("e1", "paid", T0.plus(DAY)));
    assertEquals(Outcome.Status.STAYED, o.status());
    assertEquals(2, o.steps().size());
    assertEquals("a", o.steps().get(1).from());
    assertEquals("a", o.steps().get(1).to());
    assertEquals(ImmutableSet.of("g"), o.lead().goalsReached());
  }

  private static GoalBuilder goal() {
    return Funnel.builder("f")
        .stage("a")
        .entry()
        .stage("won")
        .won()
        .on("go")
        .from("a")
        .to("won")
        .goal("g");
  }

  @Test
  void goalOptions_setTwiceOrBad_areRefused() {
    assertEquals(
        "goal event was already set to 'paid'",
        assertThrows(IllegalStateException.class, () -> goal().onEvent("paid").onEvent("bought"))
            .getMessage());
    Condition hot = Conditions.attr("score").ge(50);
    assertEquals(
        "goal condition was already set to " + hot,
        assertThrows(IllegalStateException.class, () -> goal().when(hot).when(Conditions.always()))
            .getMessage());
    assertEquals(
        "goal window must be positive",
        assertThrows(IllegalArgumentException.class, () -> goal().within(Duration.ZERO))
            .getMessage());
    assertEquals(
        "goal window was already set to PT24H",
        assertThrows(IllegalStateException.class, () -> goal().within(DAY).within(DAY))
            .getMessage());
    assertEquals(
        "goal stage was already set to 'won'",
        assertThrows(IllegalStateException.class, () -> goal().to("won").to("a")).getMessage());
  }

  @Test
  void goal_withoutEventOrCondition_orWithAnEmptyWindow_isRefused() {
    assertEquals(
        "goal 'g' needs an event or a condition",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Goal("g", null, Condition.ALWAYS, null, "won"))
            .getMessage());
    assertEquals(
        "goal 'g' needs a positive window",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Goal("g", "paid", Condition.ALWAYS, Duration.ZERO, "won"))
            .getMessage());
  }

  @Test
  void goalReachedByACondition_hasNoEventAndNoWindow() {
    Condition hot = Conditions.attr("score").ge(50);
    Goal g = goal().when(hot).to("won").build().goals().get(0);
    assertEquals(Optional.empty(), g.eventType());
    assertEquals(Optional.empty(), g.window());
    assertEquals(hot, g.condition());
  }
}
