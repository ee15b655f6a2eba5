package dev.funnel.analytics;

import static dev.funnel.analytics.Journal.T0;
import static dev.funnel.analytics.Journal.eur;
import static dev.funnel.analytics.Journal.hours;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.Catalog;
import dev.funnel.Funnel;
import dev.funnel.Offer;
import dev.funnel.Step;
import java.util.ArrayList;
import java.util.List;
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
}
