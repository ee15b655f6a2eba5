package dev.funnel.analytics;

import static dev.funnel.analytics.Journal.T0;
import static dev.funnel.analytics.Journal.eur;
import static dev.funnel.analytics.Journal.hours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.Catalog;
import dev.funnel.Dispatch;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Purpose;
import dev.funnel.Step;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class CatalogReportTest {

  private static Funnel club() {
    return Funnel.builder("club")
        .stage("member")
        .entry()
        .stage("renewed")
        .won()
        .stage("gone")
        .lost()
        .offer(Offer.coreProduct("year", eur("50.00")))
        .on("renewed")
        .from("member")
        .to("renewed")
        .on("left")
        .from("member")
        .to("gone")
        .build();
  }

  @Test
  void of_recordsOfTwoFunnels_reportsEachAndAddsUpChannelsAndOwners() {
    Journal shop = new Journal(Journal.shop());
    shop.enter("s1", "ads", "ann", T0)
        .fire("s1", "contact-left", hours(1))
        .buy("s1", "paid", "course", eur("100.00"), hours(2));
    Journal club = new Journal(club());
    club.enter("c1", "ads", "ann", T0).buy("c1", "renewed", "year", eur("50.00"), hours(3));
    club.enter("c2", "mail", "bob", T0).fire("c2", "left", hours(3));
    List<Step> all = new ArrayList<>(shop.steps);
    all.addAll(club.steps);
    all.add(
        new Step(
            "elsewhere", "x", null, "in", null, null, T0, "ads", null, null, null, null, null, 0));

    CatalogReport r = CatalogReport.of(Catalog.of(Journal.shop(), club()), all);

    assertEquals(List.of("club", "shop"), r.reports().keySet().asList());
    assertEquals(eur("100.00"), r.report("shop").orElseThrow().revenue());
    assertEquals(eur("50.00"), r.report("club").orElseThrow().revenue());
    assertEquals(eur("150.00"), r.revenue());
    assertEquals(3, r.entries());
    assertEquals(1, r.ignoredRecords());
    assertEquals(
        new ChannelFigures("ads", 2, 2, 1, 0, 0, 2, 2, eur("150.00")), r.channels().get("ads"));
    assertEquals(new OwnerFigures("bob", 1, 0, 0, 1, 0, 0, eur("0.00")), r.owners().get("bob"));
  }

  @Test
  void merge_twoShards_equalsTheReportOfAll() {
    Journal a = new Journal(Journal.shop());
    a.enter("s1", "ads", T0).fire("s1", "contact-left", hours(1));
    Journal b = new Journal(club());
    b.enter("c1", "ads", T0).fire("c1", "renewed", hours(1));
    Catalog catalog = Catalog.of(Journal.shop(), club());
    List<Step> all = new ArrayList<>(a.steps);
    all.addAll(b.steps);

    CatalogReport merged =
        CatalogReport.of(catalog, a.steps).merge(CatalogReport.of(catalog, b.steps));

    assertEquals(CatalogReport.of(catalog, all), merged);
  }

  private static Step elsewhere() {
    return new Step(
        "elsewhere", "x", null, "in", null, null, T0, "ads", null, null, null, null, null, 0);
  }

  @Test
  void revenueByCurrency_foreignMoneyOfSeveralFunnels_isAddedUpAndListedByCode() {
    Journal shop = new Journal(Journal.shop());
    shop.enter("s1", "ads", T0)
        .fire("s1", "contact-left", hours(1))
        .buy("s1", "paid", "course", eur("100.00"), hours(2))
        .buy("s1", "bought-again", "gear", Money.of("5000", "JPY"), hours(3))
        .buy("s1", "bought-again", "gear", Money.of("7.00", "USD"), hours(4));
    Journal club = new Journal(club());
    club.enter("c1", "ads", T0).buy("c1", "renewed", "year", Money.of("50.00", "USD"), hours(3));
    club.enter("c2", "ads", T0).buy("c2", "renewed", "year", eur("50.00"), hours(3));
    List<Step> all = new ArrayList<>(club.steps);
    all.addAll(shop.steps);

    CatalogReport r = CatalogReport.of(Catalog.of(Journal.shop(), club()), all);

    assertEquals(
        List.of("EUR", "JPY", "USD"),
        r.revenueByCurrency().keySet().stream().map(Currency::getCurrencyCode).toList());
    assertEquals(eur("150.00"), r.revenueByCurrency().get(Currency.getInstance("EUR")));
    assertEquals(Money.of("57.00", "USD"), r.revenueByCurrency().get(Currency.getInstance("USD")));
    assertEquals(Money.of("5000", "JPY"), r.revenueByCurrency().get(Currency.getInstance("JPY")));
    assertEquals(eur("150.00"), r.revenue());
  }

  @Test
  void merge_shardsWithIgnoredRecords_addsThemUp() {
    Catalog catalog = Catalog.of(Journal.shop(), club());
    CatalogReport a = CatalogReport.of(catalog, List.of(elsewhere()));
    CatalogReport b = CatalogReport.of(catalog, List.of(elsewhere(), elsewhere()));

    assertEquals(3, a.merge(b).ignoredRecords());
    assertEquals(
        CatalogReport.of(catalog, List.of(elsewhere(), elsewhere(), elsewhere())), a.merge(b));
  }

  @Test
  void merge_reportsInDifferentCurrencies_isRefusedNamingBoth() {
    Catalog catalog = Catalog.of(Journal.shop(), club());
    CatalogReport eur = CatalogReport.of(catalog, List.of());
    CatalogReport usd = CatalogReport.builder(catalog).currency("USD").build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eur.merge(usd));

    assertEquals("cannot merge reports in EUR and USD", e.getMessage());
  }

  @Test
  void equals_comparesTheReportsTheCurrencyAndTheIgnoredRecords() {
    Catalog catalog = Catalog.of(Journal.shop(), club());
    Journal shop = new Journal(Journal.shop()).enter("s1", "ads", T0);
    CatalogReport r = CatalogReport.of(catalog, shop.steps);

    assertEquals(r, r);
    assertEquals(r, CatalogReport.of(catalog, shop.steps));
    assertEquals(r.hashCode(), CatalogReport.of(catalog, shop.steps).hashCode());
    assertNotEquals(r, CatalogReport.of(catalog, List.of()));
    assertNotEquals(r, CatalogReport.builder(catalog).currency("USD").addAll(shop.steps).build());
    List<Step> withIgnored = new ArrayList<>(shop.steps);
    withIgnored.add(elsewhere());
    assertNotEquals(r, CatalogReport.of(catalog, withIgnored));
    assertNotEquals((Object) r, r.report("shop").orElseThrow());
  }

  @Test
  void hashCode_differentReports_spreadOverDifferentHashCodes() {
    Catalog catalog = Catalog.of(Journal.shop(), club());
    Journal shop = new Journal(Journal.shop()).enter("s1", "ads", T0);
    Journal club = new Journal(club()).enter("c1", "ads", T0);
    Set<Integer> hashes = new HashSet<>();
    hashes.add(CatalogReport.of(catalog, List.of()).hashCode());
    hashes.add(CatalogReport.of(catalog, shop.steps).hashCode());
    hashes.add(CatalogReport.of(catalog, club.steps).hashCode());

    assertEquals(3, hashes.size());
  }

  @Test
  void toString_listsTheReportOfEveryFunnel() {
    Catalog catalog = Catalog.of(Journal.shop(), club());
    CatalogReport r = CatalogReport.of(catalog, new Journal(club()).enter("c1", "ads", T0).steps);

    assertEquals(
        "CatalogReport["
            + r.report("club").orElseThrow()
            + ", "
            + r.report("shop").orElseThrow()
            + "]",
        r.toString());
    assertEquals(
        "CatalogReport[Report{funnel=club, entries=1, converted=0, revenue=0.00 EUR},"
            + " Report{funnel=shop, entries=0, converted=0, revenue=0.00 EUR}]",
        r.toString());
  }

  private static Dispatch sent(String funnel) {
    return new Dispatch(
        funnel, "x", "welcome", "email", Purpose.MARKETING, T0, Dispatch.Verdict.SEND, null, null);
  }

  @Test
  void add_decisionsAboutFunnelsTheCatalogLacks_areCountedAsIgnored() {
    CatalogReport r =
        CatalogReport.of(
            Catalog.of(Journal.shop(), club()),
            List.of(elsewhere()),
            List.of(sent("elsewhere"), sent("shop"), sent("nowhere")));

    assertEquals(3, r.ignoredRecords());
    assertEquals(1, r.contacts().channel("email").sent());
    assertEquals(1, r.report("shop").orElseThrow().contacts().total().sent());
  }

  @Test
  void builder_optionsAfterTheFirstRecordOrDecision_areRefused() {
    Catalog catalog = Catalog.of(Journal.shop(), club());
    CatalogReport.Builder afterRecord =
        CatalogReport.builder(catalog).add(new Journal(club()).enter("c1", "ads", T0).steps.get(0));
    CatalogReport.Builder afterDecision = CatalogReport.builder(catalog).add(sent("shop"));
    TimeRange day = TimeRange.of(T0, hours(24));

    assertEquals(
        "report range must be set before the first record is counted",
        assertThrows(IllegalStateException.class, () -> afterRecord.range(day)).getMessage());
    assertEquals(
        "report currency must be set before the first record is counted",
        assertThrows(IllegalStateException.class, () -> afterDecision.currency("USD"))
            .getMessage());
    assertEquals(
        "report max tracked leads must be set before the first record is counted",
        assertThrows(IllegalStateException.class, () -> afterDecision.maxTrackedLeads(2))
            .getMessage());
    assertEquals(TimeRange.ALL, afterRecord.build().report("club").orElseThrow().range());
  }
}
