package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The online shop from the domain story: a visitor leaves an email for a free buying guide, gets it
 * at once, then a welcome series every two days; buying stops the series.
 */
final class OnlineShopScenarioTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Money MINI_SET = Money.of("9.90", "EUR");

  static Funnel shop() {
    return Funnel.builder("online-shop")
        .stage("visitor")
        .entry()
        .stage("subscriber")
        .stage("hot-lead")
        .stage("buyer")
        .stage("repeat-customer")
        .won()
        .stage("lost")
        .lost()
        .offer(Offer.leadMagnet("buying-guide"))
        .offer(Offer.tripwire("mini-set", MINI_SET))
        .offer(Offer.coreProduct("snow-kit", Money.of("149.00", "EUR")))
        .on("contact-left")
        .from("visitor")
        .to("subscriber")
        .then(Actions.send("freebie-buying-guide"), Actions.present("buying-guide"))
        .after(Duration.ofDays(2))
        .in("subscriber")
        .fire("welcome-2")
        .after(Duration.ofDays(4))
        .in("subscriber")
        .fire("welcome-3")
        .after(Duration.ofDays(6))
        .in("subscriber")
        .fire("welcome-4")
        .after(Duration.ofDays(14))
        .in("subscriber")
        .fire("gone-cold")
        .on("welcome-2")
        .from("subscriber")
        .then(Actions.send("welcome-2-useful"))
        .on("welcome-3")
        .from("subscriber")
        .then(Actions.send("welcome-3-story"))
        .on("welcome-4")
        .from("subscriber")
        .then(Actions.send("welcome-4-selling"), Actions.present("mini-set"))
        .on("gone-cold")
        .from("subscriber")
        .to("lost")
        .on("added-to-cart")
        .from("subscriber")
        .to("hot-lead")
        .on("paid")
        .from("subscriber", "hot-lead")
        .to("buyer")
        .then(Actions.send("receipt"))
        .on("paid")
        .from("buyer")
        .to("repeat-customer")
        .then(Actions.send("thanks-again"))
        .build();
  }

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();

  private FunnelRuntime runtime() {
    return FunnelRuntime.builder(Catalog.of(shop()))
        .clock(clock)
        .handler(Actions.SEND, rec)
        .handler(Actions.PRESENT, rec)
        .listener(rec)
        .build();
  }

  @Test
  void welcomeSeries_isSentEveryTwoDaysAfterTheFreebie() {
    FunnelRuntime rt = runtime();
    rt.enter("online-shop", "lead-1", "instagram", T0);
    rt.handle("online-shop", "lead-1", Event.of("form-1", "contact-left", T0));

    for (int hour = 0; hour <= 7 * 24; hour++) {
      clock.set(T0.plus(Duration.ofHours(hour)));
      rt.tick();
    }

    assertEquals(
        ImmutableList.of(
            "freebie-buying-guide", "welcome-2-useful", "welcome-3-story", "welcome-4-selling"),
        rec.sent());
    assertEquals(ImmutableList.of("buying-guide", "mini-set"), rec.presented());
    ImmutableList<Instant> sentAt =
        rec.steps().stream()
            .filter(s -> s.eventType() != null && s.eventType().startsWith("welcome-"))
            .map(Step::at)
            .collect(ImmutableList.toImmutableList());
    assertEquals(
        ImmutableList.of(
            T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(4)), T0.plus(Duration.ofDays(6))),
        sentAt);
    assertEquals("subscriber", rt.lead("online-shop", "lead-1").orElseThrow().stage());
  }

  @Test
  void purchaseDuringTheSeries_stopsTheRestOfIt() {
    FunnelRuntime rt = runtime();
    rt.enter("online-shop", "lead-1", "instagram", T0);
    rt.handle("online-shop", "lead-1", Event.of("form-1", "contact-left", T0));
    rt.advanceTo(T0.plus(Duration.ofDays(3)));

    Instant paidAt = T0.plus(Duration.ofDays(3)).plusSeconds(600);
    Receipt paid =
        rt.handle(
            "online-shop",
            "lead-1",
            Event.purchase("order-77", paidAt)
                .type("paid")
                .offer("mini-set")
                .amount(MINI_SET)
                .build());
    rt.advanceTo(T0.plus(Duration.ofDays(30)));

    assertEquals(Receipt.Status.MOVED, paid.status());
    assertEquals(
        ImmutableList.of("freebie-buying-guide", "welcome-2-useful", "receipt"), rec.sent());
    Lead lead = rt.lead("online-shop", "lead-1").orElseThrow();
    assertEquals("buyer", lead.stage());
    assertTrue(lead.hasBought("mini-set"));
    assertTrue(lead.timers().isEmpty());
  }

  @Test
  void serviceDownForDays_catchesUpInDueOrderAndNeverTwice() {
    FunnelRuntime ticking = runtime();
    Recorder downRec = new Recorder();
    FunnelRuntime down =
        FunnelRuntime.builder(Catalog.of(shop()))
            .clock(new TestClock(T0))
            .handler(Actions.SEND, downRec)
            .handler(Actions.PRESENT, downRec)
            .listener(downRec)
            .build();
    for (FunnelRuntime rt : ImmutableList.of(ticking, down)) {
      for (int i = 0; i < 5; i++) {
        Instant at = T0.plus(Duration.ofHours(7L * i));
        rt.enter("online-shop", "lead-" + i, "search", at);
        rt.handle("online-shop", "lead-" + i, Event.of("form-" + i, "contact-left", at));
      }
    }

    // One runtime ticks every hour for ten days; the other was down and catches up at once.
    for (int hour = 0; hour <= 10 * 24; hour++) {
      ticking.advanceTo(T0.plus(Duration.ofHours(hour)));
    }
    int caughtUp = down.advanceTo(T0.plus(Duration.ofDays(10)));
    int again = down.advanceTo(T0.plus(Duration.ofDays(10)));

    assertEquals(15, caughtUp);
    assertEquals(0, again);
    assertEquals(rec.steps(), downRec.steps());
    assertEquals(rec.handled(), downRec.handled());
    ImmutableList<Instant> timerTimes =
        downRec.steps().stream()
            .filter(s -> s.eventId() != null && s.eventId().startsWith("timer:"))
            .map(Step::at)
            .collect(ImmutableList.toImmutableList());
    assertEquals(ImmutableList.sortedCopyOf(timerTimes), timerTimes);
  }
}
