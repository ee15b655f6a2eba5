package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stage's on-enter actions run on every way into it, after the transition's own actions and
 * before its timers; a series' message at +0 is one of them.
 */
final class OnEnterTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);

  static final Funnel WELCOME =
      Funnel.builder("welcome")
          .stage("visitor")
          .entry()
          .stage("subscriber")
          .stage("customer")
          .won()
          .on("signed-up")
          .from("visitor")
          .to("subscriber")
          .then(Actions.set("source", "form"))
          .series("subscriber", "email")
          .send(Duration.ZERO, "w0")
          .every(Duration.ofDays(2), "w1", "w2")
          .on("paid")
          .from("subscriber")
          .to("customer")
          .after(Duration.ofDays(30))
          .in("visitor")
          .fire("signed-up")
          .build();

  @Test
  void series_firstMessageAtZero_goesOnTheTransitionIntoTheStage() {
    Lead visitor = WELCOME.enter("ann", "blog", T0).lead();
    Instant at = T0.plus(HOUR);
    Outcome signedUp = WELCOME.fire(visitor, Event.of("e1", "signed-up", at));
    assertEquals(
        List.of(
            new Effect.TimerCancelled(
                new ScheduledTimer("visitor", "signed-up", T0.plus(Duration.ofDays(30)))),
            Actions.set("source", "form"),
            Actions.send("w0", "email"),
            new Effect.TimerScheduled(
                new ScheduledTimer("subscriber", "subscriber/w1", at.plus(Duration.ofDays(2)))),
            new Effect.TimerScheduled(
                new ScheduledTimer("subscriber", "subscriber/w2", at.plus(Duration.ofDays(4))))),
        signedUp.effects());
    assertEquals(1, signedUp.steps().size());
    assertEquals(at, signedUp.steps().get(0).at());
    // No timer for the +0 message: nothing is due a tick later.
    assertEquals(2, signedUp.lead().timers().size());
    assertEquals(Outcome.Status.IDLE, WELCOME.advance(signedUp.lead(), at.plusSeconds(1)).status());
    Outcome w1 = WELCOME.advance(signedUp.lead(), at.plus(Duration.ofDays(2)));
    assertEquals(List.of(Actions.send("w1", "email")), w1.effects());
    assertEquals(3, WELCOME.timers().size());
    assertEquals(
        List.of(Actions.send("w0", "email")), WELCOME.stage("subscriber").orElseThrow().onEnter());
    assertEquals(WELCOME, WELCOME.toBuilder().build());
  }

  @Test
  void series_atZero_onTheEntryStage_sendsOnEntry() {
    Funnel f =
        Funnel.builder("f")
            .stage("subscriber")
            .entry()
            .stage("customer")
            .won()
            .series("subscriber", "email")
            .send(Duration.ZERO, "hello")
            .send(Duration.ofDays(1), "tips")
            .on("paid")
            .from("subscriber")
            .to("customer")
            .build();
    Outcome entered = f.enter("bob", "ads", T0);
    assertEquals(
        List.of(
            Actions.send("hello", "email"),
            new Effect.TimerScheduled(
                new ScheduledTimer("subscriber", "subscriber/tips", T0.plus(DAY)))),
        entered.effects());
    assertEquals(Outcome.Status.ENTERED, entered.status());
  }

  @Test
  void series_negativeDelay_isRefused() {
    SeriesBuilder s = Funnel.builder("f").series("a", "email");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.send(Duration.ofSeconds(-1), "t"));
    assertEquals("series delay must not be negative", e.getMessage());
  }

  static final Funnel SHOP =
      Funnel.builder("shop")
          .stage("visitor")
          .entry()
          .onEnter(Actions.send("hello", "email"), Actions.segment("visitors"))
          .stage("cart")
          .onEnter(Actions.present("mini-set"))
          .stage("reminded")
          .onEnter(Actions.send("cart-reminder", "email"))
          .stage("buyer")
          .converts()
          .onEnter(Actions.send("thank-you", "email"), Actions.assign("care-team"))
          .stage("repeat-customer")
          .won()
          .stage("left")
          .lost()
          .onEnter(Actions.custom("crm-close"))
          .offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")))
          .on("added-to-cart")
          .from("visitor")
          .to("cart")
          .then(Actions.send("cart-saved", "email"))
          .on("browsed")
          .from("visitor")
          .then(Actions.custom("track"))
          .on("paid")
          .from("buyer")
          .to("repeat-customer")
          .waitIn("cart")
          .until("checked-out", "buyer")
          .timeout(Duration.ofHours(4), "reminded")
          .resetOn("added-to-cart")
          .on("came-back")
          .from("reminded")
          .to("visitor")
          .after(DAY)
          .in("reminded")
          .fire("reminded/lapsed")
          .on("reminded/lapsed")
          .from("reminded")
          .to("left")
          .goal("purchase")
          .onEvent("paid")
          .to("buyer")
          .exit("unsubscribed")
          .onEvent("unsubscribed")
          .to("left")
          .reEntry(ReEntry.builder().maxEntries(3).restartWhileInside().build())
          .build();

  @Test
  void onEnter_entry_runsTheEntryStagesActions_andAppliesTheSegment() {
    Outcome entered = SHOP.enter("ann", "ads", T0);
    assertEquals(
        List.of(Actions.send("hello", "email"), Actions.segment("visitors")), entered.effects());
    assertEquals(ImmutableSet.of("visitors"), entered.lead().segments());
  }

  @Test
  void onEnter_transition_runsAfterItsActions_andBeforeTheTimers_andAStayDoesNot() {
    Lead visitor = SHOP.enter("ann", "ads", T0).lead();
    Outcome browsed = SHOP.fire(visitor, Event.of("b1", "browsed", T0));
    assertEquals(List.of(Actions.custom("track")), browsed.effects());
    Instant at = T0.plus(HOUR);
    Outcome cart = SHOP.fire(visitor, Event.of("c1", "added-to-cart", at));
    ScheduledTimer timeout =
        new ScheduledTimer("cart", "cart/timeout", at.plus(HOUR.multipliedBy(4)));
    assertEquals(
        List.of(
            Actions.send("cart-saved", "email"),
            Actions.present("mini-set"),
            new Effect.TimerScheduled(timeout)),
        cart.effects());
    // The wait's reset re-enters the stage: its actions run again, its timer restarts.
    Instant later = at.plus(HOUR);
    Outcome again = SHOP.fire(cart.lead(), Event.of("c2", "added-to-cart", later));
    assertEquals(Outcome.Status.STAYED, again.status());
    assertEquals(
        List.of(
            new Effect.TimerCancelled(timeout),
            Actions.present("mini-set"),
            new Effect.TimerScheduled(
                new ScheduledTimer("cart", "cart/timeout", later.plus(HOUR.multipliedBy(4))))),
        again.effects());
  }

  @Test
  void onEnter_waitBranch_timeout_goalJump_andExit_eachRunTheirStagesActions() {
    Lead cart =
        SHOP.fire(SHOP.enter("ann", "ads", T0).lead(), Event.of("c1", "added-to-cart", T0)).lead();
    ScheduledTimer timeout = cart.timers().get(0);
    // The wait's branch.
    Outcome checkedOut = SHOP.fire(cart, Event.of("k1", "checked-out", T0.plus(HOUR)));
    assertEquals("buyer", checkedOut.lead().stage());
    assertEquals(
        List.of(
            new Effect.TimerCancelled(timeout),
            Actions.send("thank-you", "email"),
            Actions.assign("care-team")),
        checkedOut.effects());
    assertEquals("care-team", checkedOut.lead().owner().orElseThrow());
    // The wait's timeout, fired by a timer.
    Outcome reminded = SHOP.advance(cart, T0.plus(HOUR.multipliedBy(4)));
    assertEquals("reminded", reminded.lead().stage());
    assertEquals(
        List.of(
            Actions.send("cart-reminder", "email"),
            new Effect.TimerScheduled(
                new ScheduledTimer(
                    "reminded", "reminded/lapsed", T0.plus(HOUR.multipliedBy(4)).plus(DAY)))),
        reminded.effects());
    // A goal's jump from wherever the lead is.
    Outcome paid =
        SHOP.fire(reminded.lead(), Event.of("p1", "paid", T0.plus(HOUR.multipliedBy(5))));
    assertEquals("buyer", paid.lead().stage());
    assertEquals(List.of("paid", "goal/purchase"), eventTypes(paid.steps()));
    assertEquals(
        List.of(
            new Effect.TimerCancelled(reminded.lead().timers().get(0)),
            Actions.send("thank-you", "email"),
            Actions.assign("care-team")),
        paid.effects());
    // An exit into a terminal stage.
    Outcome out =
        SHOP.fire(paid.lead(), Event.of("u1", "unsubscribed", T0.plus(HOUR.multipliedBy(6))));
    assertEquals("left", out.lead().stage());
    assertEquals(List.of(Actions.custom("crm-close")), out.effects());
    assertEquals(List.of("unsubscribed", "exit/unsubscribed"), eventTypes(out.steps()));
  }

  private static List<String> eventTypes(List<Step> steps) {
    return steps.stream().map(Step::eventType).toList();
  }

  @Test
  void onEnter_reEntryThatRestarts_runsTheEntryStagesActionsAgain() {
    Lead cart =
        SHOP.fire(SHOP.enter("ann", "ads", T0).lead(), Event.of("c1", "added-to-cart", T0)).lead();
    Outcome again = SHOP.reenter(cart, Event.of("r1", "came-in", T0.plus(DAY)));
    assertEquals(Outcome.Status.ENTERED, again.status());
    assertEquals("visitor", again.lead().stage());
    assertEquals(
        List.of(
            new Effect.TimerCancelled(cart.timers().get(0)),
            Actions.send("hello", "email"),
            Actions.segment("visitors")),
        again.effects());
  }

  @Test
  void converts_marksAnActiveStageAsAConversion() {
    Stage buyer = SHOP.stage("buyer").orElseThrow();
    assertTrue(buyer.converts());
    assertTrue(buyer.isConversion());
    assertFalse(buyer.isTerminal());
    assertTrue(SHOP.stage("repeat-customer").orElseThrow().isConversion());
    assertFalse(SHOP.stage("left").orElseThrow().isConversion());
    assertFalse(SHOP.stage("cart").orElseThrow().isConversion());
    assertEquals(SHOP, SHOP.toBuilder().build());
  }

  @Test
  void converts_onATerminalStage_isRefused() {
    StageBuilder won = Funnel.builder("f").stage("a").won();
    IllegalStateException e = assertThrows(IllegalStateException.class, won::converts);
    assertEquals("stage 'a' is won, so it cannot be marked as converting", e.getMessage());
    StageBuilder converting = Funnel.builder("f").stage("a").converts();
    e = assertThrows(IllegalStateException.class, converting::lost);
    assertEquals("stage 'a' is marked as converting, so it cannot be lost", e.getMessage());
    e = assertThrows(IllegalStateException.class, converting::converts);
    assertEquals("stage 'a' was already marked as converting", e.getMessage());
    IllegalArgumentException iae =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Stage("a", Stage.Kind.LOST, false, false, null, true, ImmutableList.of()));
    assertEquals("stage 'a' is terminal, so it cannot be marked as converting", iae.getMessage());
  }

  @Test
  void onEnter_badActionsAndAnUnknownStage_areReportedAtOnce() {
    FunnelDefinitionException e =
        assertThrows(
            FunnelDefinitionException.class,
            () ->
                Funnel.builder("f")
                    .stage("a")
                    .entry()
                    .onEnter(
                        new Action("send", ImmutableMap.of()),
                        Actions.present("nothing"),
                        new Action("send", ImmutableMap.of("template", "t", "purpose", "spam")))
                    .stage("b")
                    .won()
                    .on("go")
                    .from("a")
                    .to("b")
                    .series("nowhere", "email")
                    .send(Duration.ZERO, "hi")
                    .build());
    assertEquals(
        List.of(
            "the actions on entering stage 'nowhere' name a stage the funnel lacks",
            "action 'send' of entering stage 'a' has a purpose that is neither 'marketing' nor"
                + " 'transactional'",
            "action 'send' of entering stage 'a' lacks 'template'",
            "entering stage 'a' names unknown offer 'nothing'"),
        e.problems().stream().map(Problem::message).toList());
  }

  @Test
  void onEnter_ofTheFirstDeclaredStage_runsOnATransitionBackIntoIt() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .onEnter(Actions.send("welcome"))
            .stage("b")
            .stage("won")
            .won()
            .on("pause")
            .from("a")
            .to("b")
            .on("back")
            .from("b")
            .to("a")
            .on("buy")
            .from("a", "b")
            .to("won")
            .build();
    Lead paused = f.fire(f.enter("l", "ads", T0).lead(), Event.of("e1", "pause", T0)).lead();
    Outcome back = f.fire(paused, Event.of("e2", "back", T0));
    assertEquals("a", back.lead().stage());
    assertEquals(ImmutableList.of(Actions.send("welcome")), back.effects());
  }
}
