package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Waits: the first awaited event wins, or the timeout; a repeated cart event resets it. */
final class WaitUntilTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  static final Funnel CART = cart();

  /** A cart that waits for payment or emptying, reminds after 4 hours, and resets on more items. */
  private static Funnel cart() {
    return Funnel.builder("cart")
        .stage("browsing")
        .entry()
        .stage("cart")
        .stage("reminded")
        .stage("buyer")
        .won()
        .stage("emptied")
        .lost()
        .on("added-to-cart")
        .from("browsing")
        .to("cart")
        .on("paid")
        .from("reminded")
        .to("buyer")
        .on("reminded/timeout")
        .from("reminded")
        .to("emptied")
        .after(Duration.ofDays(2))
        .in("reminded")
        .fire("reminded/timeout")
        .waitIn("cart")
        .until("paid", "buyer")
        .until("cart-emptied", "emptied")
        .timeout(Duration.ofHours(4), "reminded")
        .resetOn("added-to-cart")
        .build();
  }

  @Test
  void abandonedCart_eachNewCartEventRestartsTheReminder() {
    Lead lead = CART.enter("ann", "ads", T0).lead();
    Lead cart = CART.fire(lead, Event.of("c1", "added-to-cart", T0)).lead();
    assertEquals(T0.plus(Duration.ofHours(4)), cart.timers().get(0).due());
    // Another item at 3h: the reminder moves to 7h; at 6h nothing is due.
    Outcome more = CART.fire(cart, Event.of("c2", "added-to-cart", T0.plus(HOUR.multipliedBy(3))));
    assertEquals(Outcome.Status.STAYED, more.status());
    assertEquals(
        ImmutableList.of(
            new Effect.TimerCancelled(cart.timers().get(0)),
            new Effect.TimerScheduled(
                new ScheduledTimer("cart", "cart/timeout", T0.plus(HOUR.multipliedBy(7))))),
        more.effects());
    assertEquals(
        Outcome.Status.IDLE, CART.advance(more.lead(), T0.plus(HOUR.multipliedBy(6))).status());
    Outcome timedOut = CART.advance(more.lead(), T0.plus(HOUR.multipliedBy(7)));
    assertEquals("reminded", timedOut.lead().stage());
    assertEquals("cart/timeout", timedOut.steps().get(0).eventType());
  }

  @Test
  void wait_theFirstAwaitedEventWins() {
    Lead cart =
        CART.fire(CART.enter("bob", "ads", T0).lead(), Event.of("c1", "added-to-cart", T0)).lead();
    Outcome paid = CART.fire(cart, Event.of("p1", "paid", T0.plus(HOUR)));
    assertEquals("buyer", paid.lead().stage());
    assertEquals(ImmutableList.of(new Effect.TimerCancelled(cart.timers().get(0))), paid.effects());
    Outcome emptied = CART.fire(cart, Event.of("e1", "cart-emptied", T0.plus(HOUR)));
    assertEquals("emptied", emptied.lead().stage());
  }

  @Test
  void wait_forNothing_andResetWithoutTimeout_areReported() {
    FunnelBuilder b =
        Funnel.builder("w")
            .stage("a")
            .entry()
            .stage("c")
            .stage("b")
            .won()
            .on("go")
            .from("a")
            .to("c")
            .on("done")
            .from("c")
            .to("b")
            .waitIn("a")
            .waitIn("c")
            .until("y", "b")
            .resetOn("x");
    FunnelDefinitionException e = assertThrows(FunnelDefinitionException.class, b::build);
    assertEquals(
        ImmutableList.of(
            "the wait in stage 'a' waits for nothing",
            "the wait in stage 'c' resets on 'x' but has no timeout to reset"),
        e.problems().stream().map(Problem::message).toList());
  }

  @Test
  void wait_setTwice_isRefused() {
    WaitBuilder w = Funnel.builder("w").waitIn("a").until("paid", "b").timeout(HOUR, "c");
    assertEquals(
        "awaited event 'paid' was already set to lead to 'b'",
        assertThrows(IllegalStateException.class, () -> w.until("paid", "d")).getMessage());
    assertEquals(
        "wait timeout was already set to PT1H to 'c'",
        assertThrows(IllegalStateException.class, () -> w.timeout(HOUR, "d")).getMessage());
    w.resetOn("added");
    assertEquals(
        "wait reset was already set to 'added'",
        assertThrows(IllegalStateException.class, () -> w.resetOn("more")).getMessage());
  }

  @Test
  void wait_eachFreshlyBuilt_movesOnAnAwaitedEvent_timesOutAsStageTimeout_andResets() {
    Funnel cart = cart();
    Lead waiting =
        cart.fire(cart.enter("cy", "ads", T0).lead(), Event.of("c1", "added-to-cart", T0)).lead();
    assertEquals(
        ImmutableList.of(new ScheduledTimer("cart", "cart/timeout", T0.plus(HOUR.multipliedBy(4)))),
        waiting.timers());
    assertEquals("buyer", cart.fire(waiting, Event.of("p1", "paid", T0.plus(HOUR))).lead().stage());
    Lead reset = cart.fire(waiting, Event.of("c2", "added-to-cart", T0.plus(HOUR))).lead();
    assertEquals(T0.plus(HOUR.multipliedBy(5)), reset.timers().get(0).due());
    Outcome timedOut = cart.advance(reset, T0.plus(HOUR.multipliedBy(5)));
    assertEquals("reminded", timedOut.lead().stage());
    assertEquals("cart/timeout", timedOut.steps().get(0).eventType());
  }

  @Test
  void wait_badTimeout_orAnEventBothAwaitedAndResetting_isRefused() {
    assertEquals(
        "wait timeout must be positive",
        assertThrows(
                IllegalArgumentException.class,
                () -> Funnel.builder("w").waitIn("a").timeout(Duration.ZERO, "b"))
            .getMessage());
    WaitBuilder awaiting = Funnel.builder("w").waitIn("a").until("paid", "b");
    assertEquals(
        "event 'paid' is already awaited",
        assertThrows(IllegalStateException.class, () -> awaiting.resetOn("paid")).getMessage());
    WaitBuilder resetting = Funnel.builder("w").waitIn("a").timeout(HOUR, "c").resetOn("added");
    assertEquals(
        "event 'added' already resets the wait",
        assertThrows(IllegalStateException.class, () -> resetting.until("added", "b"))
            .getMessage());
  }
}
