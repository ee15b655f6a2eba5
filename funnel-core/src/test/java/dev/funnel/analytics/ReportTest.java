package dev.funnel.analytics;

import static dev.funnel.analytics.Journal.T0;
import static dev.funnel.analytics.Journal.eur;
import static dev.funnel.analytics.Journal.hours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Experiment;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Step;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ReportTest {

  /** 800 visitors, 200 of them leave a contact, 50 of those pay: the seeds' funnel shape. */
  private static Report eightHundredTwoHundredFifty() {
    Journal j = new Journal(Journal.shop());
    for (int i = 0; i < 800; i++) {
      String id = "v" + i;
      j.enter(id, "ads", T0);
      if (i < 200) {
        j.fire(id, "contact-left", hours(1));
      }
      if (i < 50) {
        j.buy(id, "paid", "mini", eur("10.00"), hours(2));
      }
    }
    return j.report();
  }

  @Test
  void conversion_seedFunnel_is25Then25And6point25Overall() {
    Report r = eightHundredTwoHundredFifty();

    assertEquals(Ratio.of(200, 800), r.conversion("visitor", "lead"));
    assertEquals(new BigDecimal("25.00"), r.conversion("visitor", "lead").percent(2));
    assertEquals(Ratio.of(50, 200), r.conversion("lead", "buyer"));
    assertEquals(new BigDecimal("25.00"), r.conversion("lead", "buyer").percent(2));
    assertEquals(Ratio.of(50, 800), r.conversion("visitor", "buyer"));
    assertEquals(new BigDecimal("6.25"), r.conversion("visitor", "buyer").percent(2));
    assertEquals(new BigDecimal("6.25"), r.endToEnd().percent(2));
  }

  @Test
  void stages_seedFunnel_countEntriesMovesAndDropOff() {
    Report r = eightHundredTwoHundredFifty();

    StageFigures visitor = r.stage("visitor");
    assertEquals(800, visitor.entered());
    assertEquals(ImmutableMap.of("lead", 200L), visitor.movedOn());
    assertEquals(600, visitor.dropOff());
    assertEquals(new BigDecimal("75.00"), visitor.dropOffRate().percent(2));
    StageFigures lead = r.stage("lead");
    assertEquals(200, lead.entered());
    assertEquals(150, lead.dropOff());
    assertEquals(Ratio.of(50, 200), lead.conversionTo("buyer"));
    assertEquals(Ratio.of(200, 800), r.flow("visitor", "lead").conversion());
    assertEquals(
        List.of("visitor", "lead", "cart", "buyer", "loyal", "lost", "junk"),
        r.stages().stream().map(StageFigures::id).collect(Collectors.toList()));
    assertEquals(
        List.of("visitor->lead", "lead->buyer"),
        r.flows().stream().map(f -> f.from() + "->" + f.to()).collect(Collectors.toList()));
  }

  @Test
  void cr1_tenLeadsFromHundredVisitors_isTenPercent() {
    Journal j = new Journal(Journal.shop());
    for (int i = 0; i < 100; i++) {
      j.enter("v" + i, "ads", T0);
      if (i < 10) {
        j.fire("v" + i, "contact-left", hours(1));
      }
    }

    Ratio cr1 = j.report().cr1("visitor", "lead");

    assertEquals(Ratio.of(10, 100), cr1);
    assertEquals(new BigDecimal("10.0"), cr1.percent(1));
  }

  @Test
  void cr2_fiveSalesFromHundredRequests_isFivePercentAndJunkIsTakenOut() {
    Journal j = new Journal(Journal.shop());
    for (int i = 0; i < 100; i++) {
      String id = "r" + i;
      j.enter(id, "ads", T0).fire(id, "contact-left", hours(1));
      if (i < 5) {
        j.buy(id, "paid", "course", eur("100.00"), hours(2));
      } else if (i < 35) {
        j.fire(id, "rejected", hours(2));
      }
    }
    Report r = j.report();

    assertEquals(Ratio.of(5, 100), r.cr2("lead", "buyer"));
    assertEquals(new BigDecimal("5.00"), r.cr2("lead", "buyer").percent(2));
    assertEquals(30, r.junk());
    assertEquals(Ratio.of(30, 100), r.junkRate());
    assertEquals(Ratio.of(5, 70), r.cr2ExcludingJunk("lead", "buyer"));
    assertEquals(new BigDecimal("7.14"), r.cr2ExcludingJunk("lead", "buyer").percent(2));
  }

  @Test
  void channel_245SpentFor4300Earned_givesRoasRoiAndCac() {
    Journal j = new Journal(Journal.shop());
    for (int i = 0; i < 43; i++) {
      String id = "a" + i;
      j.enter(id, "ads", T0).fire(id, "contact-left", hours(1));
      j.buy(id, "paid", "course", eur("100.00"), hours(2));
    }
    ChannelFigures ads = j.report().channel("ads").orElseThrow();
    Money spend = eur("245.00");

    assertEquals(eur("4300.00"), ads.revenue());
    assertTrue(ads.roas(spend).isEquivalentTo(Ratio.of(4300, 245)));
    assertEquals(new BigDecimal("17.55"), ads.roas(spend).value(2));
    assertTrue(ads.roi(spend).isEquivalentTo(Ratio.of(4300 - 245, 245)));
    assertEquals(new BigDecimal("1655.10"), ads.roi(spend).percent(2));
    assertEquals(eur("5.70"), ads.cac(spend).orElseThrow()); // 245 / 43 = 5.6976...
  }

  @Test
  void channel_lossMakingSpend_givesNegativeRoi() {
    Journal j = new Journal(Journal.shop());
    j.enter("a", "ads", T0)
        .fire("a", "contact-left", hours(0.5))
        .buy("a", "paid", "mini", eur("10.00"), hours(1));

    Ratio roi = j.report().channel("ads").orElseThrow().roi(eur("40.00"));

    assertEquals(new BigDecimal("-75.0"), roi.percent(1));
  }

  /** Four leads: two buyers from ads (one buys three times), a junk and a lost lead from seo. */
  private static Journal fourLeads() {
    Journal j = new Journal(Journal.shop());
    j.enter("l1", "ads", "ann", T0)
        .fire("l1", "contact-left", hours(1))
        .fire("l1", "added-to-cart", hours(2))
        .buy("l1", "paid", "course", eur("100.00"), hours(3))
        .buy("l1", "bought-again", "gear", eur("40.00"), hours(4))
        .buy("l1", "bought-again", "gear", eur("40.00"), hours(5));
    j.enter("l2", "ads", "ann", T0)
        .fire("l2", "contact-left", hours(1))
        .buy("l2", "paid", "mini", eur("10.00"), hours(2));
    j.enter("l3", "seo", "bob", T0)
        .fire("l3", "contact-left", hours(1))
        .fire("l3", "rejected", hours(2));
    j.enter("l4", "seo", "bob", T0)
        .fire("l4", "contact-left", hours(1))
        .fire("l4", "added-to-cart", hours(2))
        .fire("l4", "left", hours(3));
    return j;
  }

  @Test
  void revenue_fourLeads_byOfferTierAverageCheckLtvAndRepeats() {
    Report r = fourLeads().report();

    assertEquals(eur("190.00"), r.revenue());
    assertEquals(4, r.purchases());
    assertEquals(
        ImmutableMap.of("mini", eur("10.00"), "course", eur("100.00"), "gear", eur("80.00")),
        r.revenueByOffer());
    assertEquals(List.of("mini", "course", "gear"), r.revenueByOffer().keySet().asList());
    assertEquals(ImmutableMap.of("mini", 1L, "course", 1L, "gear", 2L), r.purchasesByOffer());
    assertEquals(
        ImmutableMap.of(
            Offer.Tier.TRIPWIRE, eur("10.00"),
            Offer.Tier.CORE_PRODUCT, eur("100.00"),
            Offer.Tier.PROFIT_MAXIMIZER, eur("80.00")),
        r.revenueByTier());
    assertEquals(eur("47.50"), r.averageCheck().orElseThrow());
    assertEquals(eur("47.50"), r.revenuePerLead().orElseThrow());
    assertEquals(2, r.buyers());
    assertEquals(eur("95.00"), r.ltv().orElseThrow());
    assertEquals(1, r.repeatBuyers());
    assertEquals(Ratio.of(1, 2), r.repeatPurchaseRate());
    assertEquals(eur("0.00"), r.untieredRevenue());
  }

  @Test
  void figures_fourLeads_byStageChannelAndOwner() {
    Report r = fourLeads().report();

    assertEquals(4, r.entries());
    assertEquals(2, r.converted());
    assertEquals(1, r.junk());
    assertEquals(1, r.lost());
    assertEquals(0, r.won());
    assertEquals(Ratio.of(1, 4), r.junkRate());
    StageFigures lead = r.stage("lead");
    assertEquals(ImmutableMap.of("cart", 2L, "buyer", 1L, "junk", 1L), lead.movedOn());
    assertEquals(0, lead.dropOff());
    assertEquals(0, r.stage("junk").dropOff());
    assertEquals(
        new ChannelFigures("ads", 2, 2, 0, 0, 0, 4, 2, eur("190.00")), r.channel("ads").get());
    assertEquals(
        new ChannelFigures("seo", 2, 0, 0, 1, 1, 0, 0, eur("0.00")), r.channel("seo").get());
    assertEquals(new OwnerFigures("ann", 2, 2, 0, 0, 0, 4, eur("190.00")), r.owner("ann").get());
    assertEquals(new OwnerFigures("bob", 2, 0, 0, 1, 1, 0, eur("0.00")), r.owner("bob").get());
    assertEquals(Ratio.of(2, 2), r.owner("ann").get().conversion());
    assertEquals(Ratio.of(1, 2), r.channel("seo").get().junkRate());
  }

  @Test
  void taken_fourLeads_countsEachTransitionIncludingStays() {
    Report r = fourLeads().report();

    assertEquals(2, r.taken("lead", "added-to-cart", "cart"));
    assertEquals(2, r.taken("buyer", "bought-again", "buyer"));
    assertEquals(1, r.taken("cart", "left", "lost"));
    assertEquals(0, r.taken("cart", "left", "junk"));
  }

  @Test
  void timeToConvert_fourLeads_medianAndP90FromEntryToFirstPurchase() {
    Report r = fourLeads().report();

    DurationSketch t = r.timeToConvert();
    assertEquals(2, t.count());
    assertEquals(Duration.ofHours(2), t.median().orElseThrow());
    assertEquals(Duration.ofHours(3), t.p90().orElseThrow());
    assertEquals(Duration.ofHours(1), r.flow("lead", "cart").timeInFrom().median().orElseThrow());
    assertEquals(Duration.ofHours(2), r.stage("cart").timeToReach().median().orElseThrow());
  }

  @Test
  void timeToConvert_tenLeads_percentilesWithinTheSketchError() {
    Journal j = new Journal(Journal.shop());
    for (int i = 1; i <= 10; i++) {
      j.enter("l" + i, "ads", T0)
          .fire("l" + i, "contact-left", hours(0.5))
          .buy("l" + i, "paid", "mini", eur("10.00"), hours(i));
    }

    DurationSketch t = j.report().timeToConvert();

    assertClose(Duration.ofHours(5), t.median().orElseThrow());
    assertClose(Duration.ofHours(9), t.p90().orElseThrow());
    assertEquals(Duration.ofHours(1), t.min().orElseThrow());
    assertEquals(Duration.ofHours(10), t.max().orElseThrow());
  }

  private static void assertClose(Duration expected, Duration actual) {
    long error = Math.abs(expected.toMillis() - actual.toMillis());
    assertTrue(error <= expected.toMillis() / 64, () -> expected + " but was " + actual);
  }

  /** Leads per owner: 30 (10 convert), 30 (9), 40 (1) and 5 (0). */
  private static Report team() {
    Journal j = new Journal(Journal.shop());
    int n = 0;
    Object[][] owners = {{"ann", 30, 10}, {"bob", 30, 9}, {"cy", 40, 1}, {"dan", 5, 0}};
    for (Object[] o : owners) {
      for (int i = 0; i < (int) o[1]; i++) {
        String id = "t" + n++;
        j.enter(id, i % 2 == 0 ? "ads" : "seo", (String) o[0], T0)
            .fire(id, "contact-left", hours(1));
        if (i < (int) o[2]) {
          j.buy(id, "paid", "mini", eur("10.00"), hours(2));
        }
      }
    }
    return j.report();
  }

  @Test
  void blackHoles_ownerWithManyLeadsConvertingFarBelowTheRest_isFlagged() {
    Report r = team();

    // cy: 1/40 = 2.5%; the rest: 19/65 = 29.2%, half of it 14.6%. dan has too few leads.
    assertEquals(List.of("cy"), r.blackHoles().stream().map(OwnerFigures::owner).toList());
    assertEquals(new OwnerFigures("*", 105, 20, 0, 0, 0, 20, eur("200.00")), r.team());
  }

  @Test
  void blackHoles_lowerLeadThreshold_flagsTheOwnerWithFewLeadsToo() {
    Report r = team();

    ImmutableList<OwnerFigures> flagged = r.blackHoles(BlackHoleRule.of(5, Ratio.of(1, 2)));

    assertEquals(List.of("cy", "dan"), flagged.stream().map(OwnerFigures::owner).toList());
  }

  @Test
  void blackHoleRule_conversionExactlyAtTheFraction_isNotFlagged() {
    OwnerFigures owner = new OwnerFigures("x", 20, 1, 0, 0, 0, 0, eur("0.00"));
    OwnerFigures rest = new OwnerFigures("*", 20, 2, 0, 0, 0, 0, eur("0.00"));

    assertEquals(false, BlackHoleRule.DEFAULT.isBlackHole(owner, rest));
    assertEquals(
        true,
        BlackHoleRule.DEFAULT.isBlackHole(
            new OwnerFigures("x", 21, 1, 0, 0, 0, 0, eur("0.00")), rest));
  }

  @Test
  void blackHoleRule_restOfTeamConvertedNobody_flagsNobody() {
    OwnerFigures owner = new OwnerFigures("x", 50, 0, 0, 0, 0, 0, eur("0.00"));
    OwnerFigures rest = new OwnerFigures("*", 50, 0, 0, 0, 0, 0, eur("0.00"));

    assertEquals(false, BlackHoleRule.DEFAULT.isBlackHole(owner, rest));
  }

  @Test
  void owners_reassignedLead_countsAsReceivedByBothAndConvertedBySecond() {
    Journal j = new Journal(Journal.shop());
    j.enter("l", "ads", "ann", T0)
        .fire("l", "contact-left", hours(1))
        .reassign("l", "bob", hours(2))
        .buy("l", "paid", "mini", eur("10.00"), hours(3));
    Report r = j.report();

    assertEquals(new OwnerFigures("ann", 1, 0, 0, 0, 0, 0, eur("0.00")), r.owner("ann").get());
    assertEquals(new OwnerFigures("bob", 1, 1, 0, 0, 0, 1, eur("10.00")), r.owner("bob").get());
  }

  @Test
  void range_countsOnlyRecordsInsideButFollowsLeadsFromBefore() {
    Instant day = T0;
    Journal j = new Journal(Journal.shop());
    j.enter("early", "ads", day).fire("early", "contact-left", day.plus(Duration.ofDays(1)));
    j.enter("late", "ads", day.plus(Duration.ofDays(10)));
    j.buy("early", "paid", "mini", eur("10.00"), day.plus(Duration.ofDays(12)));
    TimeRange range = TimeRange.of(day.plus(Duration.ofDays(5)), day.plus(Duration.ofDays(15)));

    Report r = Report.builder(j.funnel).range(range).addAll(j.steps).build();

    assertEquals(range, r.range());
    assertEquals(1, r.entries());
    assertEquals(0, r.entered("lead"));
    assertEquals(1, r.entered("buyer"));
    assertEquals(1, r.buyers());
    assertEquals(0, r.untrackedLeads());
    assertEquals(Duration.ofDays(12), r.timeToConvert().median().orElseThrow());
  }

  @Test
  void add_recordsWithoutTheirEntry_countAsUntracked() {
    Journal j = new Journal(Journal.shop());
    j.enter("l", "ads", T0)
        .fire("l", "contact-left", hours(1))
        .buy("l", "paid", "mini", eur("10.00"), hours(2));

    Report r = Report.of(j.funnel, j.steps.subList(1, j.steps.size()));

    assertEquals(1, r.untrackedLeads());
    assertEquals(0, r.entries());
    assertEquals(1, r.buyers());
    assertTrue(r.timeToConvert().isEmpty());
    assertTrue(r.flow("visitor", "lead").timeInFrom().isEmpty());
    assertEquals(Duration.ofHours(1), r.flow("lead", "buyer").timeInFrom().median().orElseThrow());
  }

  @Test
  void maxTrackedLeads_full_dropsTheLeastRecentlySeenLead() {
    Journal j = new Journal(Journal.shop());
    j.enter("a", "ads", T0).enter("b", "ads", T0).fire("a", "contact-left", hours(1));

    Report r = Report.builder(j.funnel).maxTrackedLeads(1).addAll(j.steps).build();

    assertEquals(1, r.untrackedLeads());
  }

  @Test
  void forget_leadWithAllRecordsFed_laterRecordIsUntracked() {
    Journal j = new Journal(Journal.shop());
    j.enter("a", "ads", T0).fire("a", "contact-left", hours(1));

    Report r = Report.builder(j.funnel).add(j.steps.get(0)).forget("a").add(j.steps.get(1)).build();

    assertEquals(1, r.untrackedLeads());
  }

  @Test
  void add_purchaseInAnotherCurrency_isLeftOutOfRevenueAndCounted() {
    Journal j = new Journal(Journal.shop());
    j.enter("a", "ads", T0)
        .fire("a", "contact-left", hours(0.5))
        .buy("a", "paid", "mini", Money.of("10.00", "USD"), hours(1));

    Report r = j.report();

    assertEquals(eur("0.00"), r.revenue());
    assertEquals(1, r.foreignPurchases());
    assertEquals(0, r.buyers());
  }

  @Test
  void add_recordOfAnotherFunnel_isRefused() {
    Step other =
        new Step(
            "other", "x", null, "visitor", null, null, T0, "ads", null, null, null, null, null, 0);

    assertThrows(IllegalArgumentException.class, () -> Report.builder(Journal.shop()).add(other));
  }

  @Test
  void merge_reportsOfDifferentFunnels_isRefused() {
    Funnel other = Journal.shop().toBuilder().build();
    Report a = Report.of(Journal.shop(), List.of());
    Report b =
        Report.of(
            Funnel.builder("club")
                .stage("in")
                .entry()
                .stage("out")
                .won()
                .on("go")
                .from("in")
                .to("out")
                .build(),
            List.of());

    assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    assertEquals(a, a.merge(Report.of(other, List.of())));
  }

  @Test
  void stage_unknownToFunnelAndRecords_isRefused() {
    Report r = fourLeads().report();

    assertThrows(IllegalArgumentException.class, () -> r.stage("nowhere"));
  }

  @Test
  void currency_funnelWithoutPrices_countsInNoCurrencyUnlessSet() {
    Funnel free =
        Funnel.builder("free")
            .stage("in")
            .entry()
            .stage("out")
            .won()
            .on("go")
            .from("in")
            .to("out")
            .build();

    assertEquals("XXX", Report.of(free, List.of()).currency().getCurrencyCode());
    assertEquals("EUR", Report.builder(free).currency("EUR").build().currency().getCurrencyCode());
  }

  @Test
  void wonStage_withoutPurchase_convertsTheLead() {
    Journal j = new Journal(Journal.shop());
    j.enter("a", "ads", "ann", T0)
        .fire("a", "contact-left", hours(1))
        .buy("a", "paid", "mini", eur("10.00"), hours(2))
        .fire("a", "joined-club", hours(3));
    j.enter("b", "ads", T0);

    Report r = j.report();

    assertEquals(1, r.converted());
    assertEquals(1, r.won());
    assertEquals(Ratio.of(1, 2), r.endToEnd());
    assertEquals(1, r.owner("ann").get().won());
  }

  @Test
  void revenueByCurrency_purchasesInTwoCurrencies_showsEveryCurrencyAndDropsNoMoney() {
    Journal j = new Journal(Journal.shop());
    j.enter("a", "ads", T0)
        .fire("a", "contact-left", hours(0.5))
        .buy("a", "paid", "mini", eur("10.00"), hours(1));
    j.enter("b", "seo", T0)
        .fire("b", "contact-left", hours(0.5))
        .buy("b", "paid", "mini", Money.of("12.00", "USD"), hours(1))
        .buy("b", "bought-again", "gear", Money.of("40.00", "USD"), hours(2))
        .buy("b", "bought-again", "gear", Money.of("5000", "JPY"), hours(3));

    Report r = j.report();

    assertEquals(eur("10.00"), r.revenue());
    assertEquals(
        ImmutableMap.of(
            java.util.Currency.getInstance("EUR"), eur("10.00"),
            java.util.Currency.getInstance("JPY"), Money.of("5000", "JPY"),
            java.util.Currency.getInstance("USD"), Money.of("52.00", "USD")),
        r.revenueByCurrency());
    assertEquals(
        List.of("EUR", "JPY", "USD"),
        r.revenueByCurrency().keySet().stream().map(c -> c.getCurrencyCode()).toList());
    assertEquals(Money.of("52.00", "USD"), r.revenue("USD"));
    assertEquals(eur("10.00"), r.revenue("EUR"));
    assertEquals(Money.zero("GBP"), r.revenue("GBP"));
    assertEquals(3, r.foreignPurchases());
    Report merged =
        Report.of(j.funnel, j.steps.subList(0, 3))
            .merge(Report.of(j.funnel, j.steps.subList(3, 8)));
    assertEquals(r.revenueByCurrency(), merged.revenueByCurrency());
    assertEquals(
        Money.of("52.00", "USD"),
        CatalogReport.of(dev.funnel.Catalog.of(j.funnel), j.steps)
            .revenueByCurrency()
            .get(java.util.Currency.getInstance("USD")));
  }

  @Test
  void revenueByCurrency_nothingBought_showsTheReportsCurrencyAtZero() {
    Report r = Report.of(Journal.shop(), List.of());

    assertEquals(ImmutableMap.of(r.currency(), eur("0.00")), r.revenueByCurrency());
  }

  @Test
  void owners_junkRejected_qualifiedConversionLeavesItOut() {
    Journal j = new Journal(Journal.shop());
    for (int i = 0; i < 10; i++) {
      String id = "l" + i;
      j.enter(id, "ads", "ann", T0).fire(id, "contact-left", hours(1));
      if (i < 4) {
        j.fire(id, "rejected", hours(2));
      } else if (i < 7) {
        j.buy(id, "paid", "mini", eur("10.00"), hours(2));
      }
    }
    j.enter("x", "ads", "bob", T0)
        .fire("x", "contact-left", hours(1))
        .fire("x", "rejected", hours(2));

    Report r = j.report();
    OwnerFigures ann = r.owner("ann").orElseThrow();
    OwnerFigures bob = r.owner("bob").orElseThrow();

    assertEquals(Ratio.of(3, 10), ann.conversion());
    assertEquals(6, ann.qualified());
    assertEquals(Ratio.of(3, 6), ann.qualifiedConversion());
    assertEquals(Ratio.of(1, 2), ann.qualifiedConversion());
    assertEquals(0, bob.qualified());
    assertTrue(!bob.qualifiedConversion().isDefined());
    assertEquals(Ratio.of(3, 6), r.team().qualifiedConversion());
  }

  @Test
  void converted_stageMarkedAsConversion_countsOnceAndTheLeadMovesOn() {
    Funnel club =
        Funnel.builder("club")
            .stage("visitor")
            .entry()
            .stage("buyer")
            .converts()
            .stage("repeat-customer")
            .won()
            .on("paid-offline")
            .from("visitor")
            .to("buyer")
            .on("bought-again")
            .from("buyer")
            .to("repeat-customer")
            .build();
    Journal j = new Journal(club);
    for (int i = 0; i < 4; i++) {
      j.enter("v" + i, "ads", T0);
    }
    j.fire("v0", "paid-offline", hours(1));
    j.fire("v1", "paid-offline", hours(1));
    j.fire("v1", "bought-again", hours(2));

    Report r = j.report();

    assertEquals(2, r.converted(), "v0 converted in buyer, v1 there too and only once");
    assertEquals(Ratio.of(2, 4), r.endToEnd());
    assertEquals(ImmutableMap.of("repeat-customer", 1L), r.stage("buyer").movedOn());
    assertEquals(Ratio.of(2, 4), r.channel("ads").orElseThrow().conversion());
  }

  private static Step move(String lead, String from, String to, int hour, long version) {
    return new Step(
        "shop",
        lead,
        from,
        to,
        lead + "-" + version,
        "moved",
        hours(hour),
        "ads",
        null,
        null,
        null,
        null,
        null,
        version);
  }

  @Test
  void flows_movesIntoStagesTheFunnelLacks_comeInStageOrderThenById() {
    Journal j = fourLeads();
    j.enter("x", "ads", T0).fire("x", "contact-left", hours(1));
    j.enter("y", "ads", T0).fire("y", "contact-left", hours(1));
    List<Step> steps = new ArrayList<>(j.steps);
    steps.add(move("x", "lead", "zoo", 2, 2));
    steps.add(move("x", "zoo", "attic", 3, 3));
    steps.add(move("y", "lead", "attic", 2, 2));

    Report r = Report.of(j.funnel, steps);

    assertEquals(
        List.of(
            "visitor->lead",
            "lead->cart",
            "lead->buyer",
            "lead->junk",
            "lead->attic",
            "lead->zoo",
            "cart->buyer",
            "cart->lost",
            "zoo->attic"),
        r.flows().stream().map(f -> f.from() + "->" + f.to()).toList());
    assertEquals(
        List.of("cart", "buyer", "junk", "attic", "zoo"),
        r.stage("lead").movedOn().keySet().asList());
    assertEquals(
        List.of("visitor", "lead", "cart", "buyer", "loyal", "lost", "junk", "attic", "zoo"),
        r.stages().stream().map(StageFigures::id).toList());
    assertEquals(2, r.stage("attic").entered());
    assertEquals(Ratio.of(1, 1), r.flow("zoo", "attic").conversion());
  }

  @Test
  void merge_reportsOfDifferentFunnels_isRefusedNamingBoth() {
    Report shop = Report.of(Journal.shop(), List.of());
    Report club =
        Report.builder(
                Funnel.builder("club")
                    .stage("in")
                    .entry()
                    .stage("out")
                    .won()
                    .on("go")
                    .from("in")
                    .to("out")
                    .build())
            .currency("EUR")
            .build();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> shop.merge(club));

    assertEquals("cannot merge reports of funnels 'shop' and 'club'", e.getMessage());
  }

  @Test
  void merge_reportsInDifferentCurrencies_isRefusedNamingBoth() {
    Report eur = Report.of(Journal.shop(), List.of());
    Report usd = Report.builder(Journal.shop()).currency("USD").build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eur.merge(usd));

    assertEquals("cannot merge reports in EUR and USD", e.getMessage());
  }

  @Test
  void merge_reportsOfTwoVersions_isOfTheHigherVersionEitherWay() {
    Funnel v1 = Journal.shop().toBuilder().version(1).build();
    Funnel v2 = Journal.shop().toBuilder().version(2).build();
    Report a = Report.of(v1, new Journal(v1).enter("a", "ads", T0).steps);
    Report b = Report.of(v2, new Journal(v2).enter("b", "ads", T0).steps);

    assertEquals(v2, a.merge(b).funnel());
    assertEquals(v2, b.merge(a).funnel());
    assertEquals(2, a.merge(b).entries());
  }

  @Test
  void experiments_areListedInDeclarationOrderThenOnesOnlyAnOlderVersionHad() {
    Experiment zeta =
        Experiment.of("zeta", "z", Experiment.Arm.of("a", 1), Experiment.Arm.holdout("h", 1));
    Experiment alpha =
        Experiment.of("alpha", "a", Experiment.Arm.of("a", 1), Experiment.Arm.holdout("h", 1));
    Experiment retired =
        Experiment.of("retired", "r", Experiment.Arm.of("a", 1), Experiment.Arm.holdout("h", 1));
    Funnel v1 = Journal.shop().toBuilder().version(1).experiment(retired).build();
    Funnel v2 = Journal.shop().toBuilder().version(2).experiment(zeta).experiment(alpha).build();
    Report old = Report.of(v1, new Journal(v1).enter("a", "ads", T0).steps);
    Report now = Report.of(v2, new Journal(v2).enter("b", "ads", T0).steps);

    assertEquals(
        List.of("zeta", "alpha"),
        now.experiments().stream().map(ExperimentFigures::experimentId).toList());
    assertEquals(
        List.of("zeta", "alpha", "retired"),
        now.merge(old).experiments().stream().map(ExperimentFigures::experimentId).toList());
    assertEquals(1, journeys(now.merge(old).experiment("retired").orElseThrow()));
    assertEquals(1, journeys(now.experiment("zeta").orElseThrow()));
  }

  private static long journeys(ExperimentFigures f) {
    return f.arms().stream().mapToLong(ExperimentFigures.Arm::leads).sum();
  }

  @Test
  void equals_comparesTheCountsTheRangeAndTheCurrency() {
    Journal j = fourLeads();
    Report r = j.report();
    Report same = Report.of(j.funnel, j.steps);

    assertEquals(r, r);
    assertEquals(r, same);
    assertEquals(r.hashCode(), same.hashCode());
    assertNotEquals(r, Report.of(j.funnel, j.steps.subList(0, 3)));
    assertNotEquals(
        r, Report.builder(j.funnel).range(TimeRange.of(T0, hours(400))).addAll(j.steps).build());
    assertNotEquals(r, Report.builder(j.funnel).currency("USD").addAll(j.steps).build());
    assertNotEquals(r, Report.of(j.funnel.toBuilder().version(7).build(), j.steps));
    assertNotEquals((Object) r, r.toString());
  }

  @Test
  void hashCode_differentCountsRangesOrCurrencies_spreadOverDifferentHashCodes() {
    Journal j = fourLeads();
    List<Report> reports =
        List.of(
            j.report(),
            Report.of(j.funnel, j.steps.subList(0, 3)),
            Report.of(j.funnel, List.of()),
            Report.builder(j.funnel).range(TimeRange.of(T0, hours(400))).addAll(j.steps).build(),
            Report.builder(j.funnel).currency("USD").build());
    Set<Integer> hashes = new HashSet<>();
    for (Report r : reports) {
      hashes.add(r.hashCode());
    }

    assertEquals(reports.size(), hashes.size());
  }

  @Test
  void toString_givesTheFunnelEntriesConversionsAndRevenue() {
    assertEquals(
        "Report{funnel=shop, entries=4, converted=2, revenue=190.00 EUR}",
        fourLeads().report().toString());
  }

  @Test
  void revenue_offerTheFunnelDoesNotDeclare_isUntieredAndListedAfterTheDeclaredOnes() {
    Journal j = new Journal(Journal.shop());
    j.enter("a", "ads", T0)
        .fire("a", "contact-left", hours(1))
        .buy("a", "paid", "mini", eur("10.00"), hours(2));
    List<Step> steps = new ArrayList<>(j.steps);
    steps.add(
        new Step(
            "shop",
            "a",
            "buyer",
            "buyer",
            "e-bundle",
            "bought-again",
            hours(3),
            "ads",
            null,
            "bundle",
            eur("25.00"),
            null,
            null,
            3));

    Report r = Report.of(j.funnel, steps);

    assertEquals(eur("25.00"), r.untieredRevenue());
    assertEquals(ImmutableMap.of(Offer.Tier.TRIPWIRE, eur("10.00")), r.revenueByTier());
    assertEquals(List.of("mini", "bundle"), r.revenueByOffer().keySet().asList());
    assertEquals(eur("35.00"), r.revenue());
    assertEquals(1, r.repeatBuyers());
  }

  @Test
  void spend_inAnotherCurrencyOrNegative_isRefusedNamingTheChannel() {
    ChannelFigures ads = new ChannelFigures("ads", 10, 2, 0, 0, 0, 2, 2, eur("100.00"));
    Money dollars = Money.of("5.00", "USD");
    Money negative = eur("-5.00");
    String otherCurrency = "spend on channel 'ads' is in USD but revenue in EUR";
    String below = "spend on channel 'ads' is negative";

    assertEquals(
        otherCurrency,
        assertThrows(IllegalArgumentException.class, () -> ads.roas(dollars)).getMessage());
    assertEquals(
        otherCurrency,
        assertThrows(IllegalArgumentException.class, () -> ads.roi(dollars)).getMessage());
    assertEquals(
        otherCurrency,
        assertThrows(IllegalArgumentException.class, () -> ads.cac(dollars)).getMessage());
    assertEquals(
        below, assertThrows(IllegalArgumentException.class, () -> ads.roas(negative)).getMessage());
    assertEquals(
        below, assertThrows(IllegalArgumentException.class, () -> ads.roi(negative)).getMessage());
    assertEquals(
        below, assertThrows(IllegalArgumentException.class, () -> ads.cac(negative)).getMessage());
    assertEquals(eur("0.00"), ads.cac(eur("0.00")).orElseThrow());
  }

  @Test
  void ownerFigures_minus_takesEveryCountAndSumAway() {
    OwnerFigures team = new OwnerFigures("*", 10, 5, 3, 2, 1, 7, eur("100.00"));
    OwnerFigures ann = new OwnerFigures("ann", 4, 2, 1, 1, 0, 3, eur("40.00"));

    assertEquals(new OwnerFigures("*", 6, 3, 2, 1, 1, 4, eur("60.00")), team.minus(ann));
    assertEquals(team, team.minus(ann).plus(ann));
  }

  @Test
  void blackHoles_eachOwnerIsJudgedAgainstTheRestWithoutThem() {
    Journal j = new Journal(Journal.shop());
    for (int i = 0; i < 20; i++) {
      j.enter("a" + i, "ads", "ann", T0);
      if (i < 4) {
        j.fire("a" + i, "contact-left", hours(1))
            .buy("a" + i, "paid", "mini", eur("10.00"), hours(2));
      }
      j.enter("b" + i, "ads", "bob", T0);
      if (i < 10) {
        j.fire("b" + i, "contact-left", hours(1))
            .buy("b" + i, "paid", "mini", eur("10.00"), hours(2));
      }
    }

    // ann: 4/20 = 20%, below half of bob's 10/20; against the whole team (14/40) it would not be.
    assertEquals(
        List.of("ann"), j.report().blackHoles().stream().map(OwnerFigures::owner).toList());
  }
}
