package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Purchase;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The value loop of a snowboard shop: who buys a board is offered the rider's gear (upsell); who
 * leaves the checkout over the price is offered a cheap riding course (downsell) and reminded of
 * the board later, so they are not lost.
 */
final class SnowboardScenarioTest {
  static final Instant T0 = Instant.parse("2026-11-20T18:00:00Z");
  static final Money BOARD = Money.of("399.00", "EUR");
  static final Money GEAR = Money.of("89.00", "EUR");
  static final Money COURSE = Money.of("19.00", "EUR");

  static Funnel snowboards() {
    return Funnel.builder("snowboards")
        .stage("browsing")
        .entry()
        .stage("checkout")
        .stage("board-owner")
        .stage("hesitant")
        .stage("course-student")
        .stage("fully-geared")
        .won()
        .stage("settled")
        .won()
        .stage("lost")
        .lost()
        .offer(Offer.coreProduct("snowboard", BOARD))
        .offer(Offer.profitMaximizer("rider-gear", GEAR))
        .offer(Offer.tripwire("riding-course", COURSE))
        .on("checkout-started")
        .from("browsing")
        .to("checkout")
        .on("paid")
        .from("checkout", "hesitant", "course-student")
        .to("board-owner")
        .then(Actions.send("thanks-for-the-board"), Actions.present("rider-gear"))
        .after(Duration.ofHours(1))
        .in("checkout")
        .fire("checkout-abandoned")
        .on("checkout-abandoned")
        .from("checkout")
        .to("hesitant")
        .then(Actions.send("learn-to-ride-first"), Actions.present("riding-course"))
        .on("gear-paid")
        .from("board-owner")
        .to("fully-geared")
        .then(Actions.send("gear-receipt"))
        .after(Duration.ofDays(14))
        .in("board-owner")
        .fire("upsell-closed")
        .on("upsell-closed")
        .from("board-owner")
        .to("settled")
        .on("course-paid")
        .from("hesitant")
        .to("course-student")
        .then(Actions.send("course-access"))
        .after(Duration.ofDays(30))
        .in("hesitant")
        .fire("gone")
        .on("gone")
        .from("hesitant", "course-student")
        .to("lost")
        .after(Duration.ofDays(7))
        .in("course-student")
        .fire("board-reminder")
        .on("board-reminder")
        .from("course-student")
        .then(Actions.present("snowboard"))
        .after(Duration.ofDays(60))
        .in("course-student")
        .fire("gone")
        .build();
  }

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();
  private final FunnelRuntime rt =
      FunnelRuntime.builder(Catalog.of(snowboards()))
          .clock(clock)
          .handler(Actions.SEND, rec)
          .handler(Actions.PRESENT, rec)
          .listener(rec)
          .build();

  @Test
  void boardBought_upsellsTheGear() {
    rt.enter("snowboards", "rider-1", "youtube", T0);
    rt.handle("snowboards", "rider-1", Event.of("c-1", "checkout-started", T0.plusSeconds(60)));
    rt.handle(
        "snowboards",
        "rider-1",
        Event.purchase("o-1", T0.plusSeconds(300))
            .type("paid")
            .offer("snowboard")
            .amount(BOARD)
            .build());
    clock.set(T0.plus(Duration.ofDays(2)));
    rt.tick(); // the abandoned-checkout timer was cancelled by the purchase
    rt.handle(
        "snowboards",
        "rider-1",
        Event.purchase("o-2", T0.plus(Duration.ofDays(2)))
            .type("gear-paid")
            .offer("rider-gear")
            .amount(GEAR)
            .build());

    Lead lead = rt.lead("snowboards", "rider-1").orElseThrow();
    assertEquals("fully-geared", lead.stage());
    assertEquals(ImmutableList.of("rider-gear"), rec.presented());
    assertEquals(ImmutableList.of("thanks-for-the-board", "gear-receipt"), rec.sent());
    Money check = lead.purchases().stream().map(Purchase::amount).reduce(Money::plus).orElseThrow();
    assertEquals(Money.of("488.00", "EUR"), check);
  }

  @Test
  void checkoutAbandoned_downsellsTheCourseAndTheBoardIsBoughtLater() {
    rt.enter("snowboards", "rider-2", "instagram", T0);
    rt.handle("snowboards", "rider-2", Event.of("c-1", "checkout-started", T0.plusSeconds(60)));

    clock.set(T0.plus(Duration.ofHours(2)));
    rt.tick();
    assertEquals("hesitant", rt.lead("snowboards", "rider-2").orElseThrow().stage());

    rt.handle(
        "snowboards",
        "rider-2",
        Event.purchase("o-1", T0.plus(Duration.ofDays(1)))
            .type("course-paid")
            .offer("riding-course")
            .amount(COURSE)
            .build());
    clock.set(T0.plus(Duration.ofDays(10)));
    rt.tick(); // a week into the course the board is offered again
    rt.handle(
        "snowboards",
        "rider-2",
        Event.purchase("o-2", T0.plus(Duration.ofDays(11)))
            .type("paid")
            .offer("snowboard")
            .amount(BOARD)
            .build());
    clock.set(T0.plus(Duration.ofDays(40)));
    rt.tick(); // the gear was not taken within two weeks

    assertEquals(ImmutableList.of("riding-course", "snowboard", "rider-gear"), rec.presented());
    assertEquals(
        ImmutableList.of("learn-to-ride-first", "course-access", "thanks-for-the-board"),
        rec.sent());
    assertEquals(
        ImmutableList.of(
            "browsing", "checkout", "hesitant", "course-student", "board-owner", "settled"),
        rec.steps().stream()
            .filter(s -> s.isEntry() || s.isMove())
            .map(Step::to)
            .collect(ImmutableList.toImmutableList()));
    assertEquals(
        ImmutableList.of("riding-course", "snowboard"),
        rt.lead("snowboards", "rider-2").orElseThrow().purchases().stream()
            .map(Purchase::offer)
            .collect(ImmutableList.toImmutableList()));
  }
}
