package dev.funnel.simulation;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Conditions;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.analytics.ChannelFigures;
import dev.funnel.analytics.Report;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class SimulationTest {

  static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  /** Visitors leave a contact; leads buy a cheap tripwire or the course; a cart goes cold. */
  static Funnel shop() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("lead")
        .stage("cart")
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .offer(Offer.tripwire("mini", eur("10.00")))
        .offer(Offer.coreProduct("course", eur("100.00")))
        .on("contact-left")
        .from("visitor")
        .to("lead")
        .on("added-to-cart")
        .from("lead")
        .to("cart")
        .on("paid-mini")
        .from("lead")
        .to("buyer")
        .on("paid-course")
        .from("lead", "cart")
        .to("buyer")
        .on("left")
        .fromAny()
        .to("lost")
        .after(Duration.ofDays(7))
        .in("cart")
        .fire("left")
        .build();
  }

  static Simulation.Builder base(long visitors) {
    return unseeded(visitors).seed(11);
  }

  static Simulation.Builder unseeded(long visitors) {
    return Simulation.builder(shop())
        .channel("ads", visitors, eur("245.00"))
        .move("visitor", "contact-left", 0.5, Delay.fixed(Duration.ofHours(1)))
        .purchase("lead", "paid-mini", "mini", 0.3, Delay.exponential(Duration.ofDays(1)))
        .purchase("lead", "paid-course", "course", 0.2, Delay.exponential(Duration.ofDays(2)));
  }

  @Test
  void run_drivesTheRealFunnel_givingAReportOfEveryLead() {
    Report r = base(2000).build().run();

    assertEquals(2000, r.entries());
    assertEquals(2000, r.channel("ads").orElseThrow().leads());
    assertEquals(r.entered("buyer"), r.converted());
    assertEquals(r.purchases(), r.entered("buyer"));
    assertEquals(0, r.untrackedLeads());
    long mini = r.purchasesByOffer().getOrDefault("mini", 0L);
    long course = r.purchasesByOffer().getOrDefault("course", 0L);
    assertEquals(eur("10.00").times(mini).plus(eur("100.00").times(course)), r.revenue());
  }

  @Test
  void run_sameSeedAndAnyThreads_givesTheSameReport() {
    Simulation sim = base(10_000).owners("ann", "bob").build();

    Report one = sim.run();

    assertEquals(one, sim.run(1));
    assertEquals(one, sim.run(3));
    assertNotEquals(one, sim.toBuilder().seed(12).build().run());
  }

  @Test
  void run_owners_takeLeadsInTurn() {
    Report r = base(1001).owners("ann", "bob").build().run();

    assertEquals(501, r.owner("ann").orElseThrow().received());
    assertEquals(500, r.owner("bob").orElseThrow().received());
  }

  @Test
  void run_timerBeforeTheMove_cancelsIt() {
    Report r =
        Simulation.builder(shop())
            .seed(11)
            .channel("ads", 500, eur("245.00"))
            .move("visitor", "contact-left", 0.5, Delay.fixed(Duration.ofHours(1)))
            .purchase("lead", "paid-mini", "mini", 0, Delay.fixed(Duration.ZERO))
            .purchase("lead", "paid-course", "course", 0, Delay.fixed(Duration.ZERO))
            .move("lead", "added-to-cart", 0.5, Delay.fixed(Duration.ofHours(1)))
            .purchase("cart", "paid-course", "course", 1.0, Delay.fixed(Duration.ofDays(8)))
            .build()
            .run();

    assertTrue(r.entered("cart") > 0);
    assertEquals(r.entered("cart"), r.flow("cart", "lost").count());
    assertEquals(0, r.purchases());
  }

  @Test
  void run_moveRefusedByAGuard_leavesTheLeadWaiting() {
    Funnel guarded =
        shop().toBuilder()
            .on("vip")
            .from("lead")
            .to("buyer")
            .when(Conditions.attr("vip").eq(true))
            .build();
    Report r =
        Simulation.builder(guarded)
            .channel("ads", 300, eur("1.00"))
            .move("visitor", "contact-left", 1.0, Delay.fixed(Duration.ofHours(1)))
            .move("lead", "vip", 1.0, Delay.fixed(Duration.ofHours(1)))
            .build()
            .run();

    assertEquals(300, r.entered("lead"));
    assertEquals(0, r.entered("buyer"));
  }

  @Test
  void run_attributeSetOnEveryLead_letsTheGuardPass() {
    Funnel guarded =
        shop().toBuilder()
            .on("vip")
            .from("lead")
            .to("buyer")
            .when(Conditions.attr("vip").eq(true))
            .build();
    Report r =
        Simulation.builder(guarded)
            .channel("ads", 300, eur("1.00"))
            .attribute("vip", true)
            .move("visitor", "contact-left", 1.0, Delay.fixed(Duration.ofHours(1)))
            .move("lead", "vip", 1.0, Delay.fixed(Duration.ofHours(1)))
            .build()
            .run();

    assertEquals(300, r.entered("buyer"));
  }

  @Test
  void run_delayBeyondTheHorizon_neverHappens() {
    Report r =
        Simulation.builder(shop())
            .seed(11)
            .channel("ads", 300, eur("245.00"))
            .horizon(Duration.ofDays(1))
            .move("visitor", "contact-left", 1.0, Delay.fixed(Duration.ofDays(2)))
            .build()
            .run();

    assertEquals(0, r.entered("lead"));
  }

  @Test
  void forecast_channelSpend_givesRoas() {
    Simulation sim = base(5000).build();
    Report r = sim.run();

    ChannelFigures ads = r.channel("ads").orElseThrow();

    assertTrue(ads.roas(requireNonNull(sim.spend().get("ads"))).isDefined());
    assertEquals(
        ads.revenue().minus(eur("245.00")).amount(),
        ads.roi(eur("245.00")).numerator().setScale(2));
  }

  @Test
  void whatIfProbability_moreLeadsBuyTheCourse_raisesSalesAndRevenue() {
    WhatIf w = base(10_000).build().whatIfProbability("lead", "paid-course", 0.4);

    assertTrue(w.salesDelta() > 0, w::toString);
    assertTrue(w.revenueDelta().amount().signum() > 0, w::toString);
    assertEquals(w.base().entries(), w.changed().entries());
  }

  @Test
  void whatIfBudget_doubleSpend_doublesVisitors() {
    Simulation sim = base(1000).build();

    Simulation doubled = sim.withBudget("ads", eur("490.00"));
    WhatIf w = sim.whatIfBudget("ads", eur("490.00"));

    assertEquals(2000, doubled.leads());
    assertEquals(2000, w.changed().entries());
    assertTrue(w.salesDelta() > 0);
  }

  @Test
  void improvements_courseIsWorthMoreThanTheTripwire_rankedFirst() {
    ImmutableList<WhatIf> ranked = base(20_000).build().improvements(0.10);

    assertEquals(3, ranked.size());
    assertTrue(ranked.get(0).change().startsWith("paid-course in lead"), ranked::toString);
    assertTrue(ranked.get(0).revenueDelta().compareTo(ranked.get(1).revenueDelta()) >= 0);
  }

  @Test
  void withProbability_sameLeadsDrawTheSameNumbers() {
    Simulation sim = base(5000).build();

    WhatIf same = sim.whatIfProbability("lead", "paid-course", 0.2);

    assertEquals(same.base(), same.changed());
    assertEquals(0, same.salesDelta());
  }

  @Test
  void build_badMoves_reportsEveryProblem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                base(10)
                    .move("nowhere", "contact-left", 0.1, Delay.fixed(Duration.ZERO))
                    .move("buyer", "left", 0.1, Delay.fixed(Duration.ZERO))
                    .move("visitor", "paid-course", 0.1, Delay.fixed(Duration.ZERO))
                    .move("lead", "added-to-cart", 0.6, Delay.fixed(Duration.ZERO))
                    .build());

    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains("no stage 'nowhere'"), m);
    assertTrue(m.contains("'buyer' is terminal"), m);
    assertTrue(m.contains("no transition takes 'paid-course' in stage 'visitor'"), m);
    assertTrue(m.contains("probabilities of stage 'lead'"), m);
  }

  @Test
  void purchase_freeOrUnknownOffer_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> base(1).purchase("lead", "paid-mini", "nothing", 0.1, Delay.fixed(Duration.ZERO)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Simulation.Move("lead", "paid", 1.5, Delay.fixed(Duration.ZERO), null, null));
  }

  @Test
  void delay_drawsWithinItsBounds() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    Delay d = Delay.uniform(Duration.ofMillis(5), Duration.ofMillis(9));
    for (int i = 0; i < 1000; i++) {
      long v = d.sampleMillis(rnd);
      assertTrue(v >= 5 && v <= 9);
    }
    assertEquals(Duration.ofMillis(7), d.mean());
    assertEquals("exponential(PT2H)", Delay.exponential(Duration.ofHours(2)).toString());
  }
}
