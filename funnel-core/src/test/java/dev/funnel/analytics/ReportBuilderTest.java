package dev.funnel.analytics;

import static dev.funnel.analytics.Journal.T0;
import static dev.funnel.analytics.Journal.hours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Catalog;
import dev.funnel.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ReportBuilderTest {
  private static final TimeRange WEEK = TimeRange.of(T0, T0.plus(Duration.ofDays(7)));

  @Test
  void range_setTwice_isRefusedNamingTheEarlierValue() {
    ReportBuilder b = Report.builder(Journal.shop()).range(WEEK);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.range(TimeRange.ALL));

    assertEquals("report range was already set to " + WEEK, e.getMessage());
  }

  @Test
  void currency_setTwice_isRefusedNamingTheEarlierValue() {
    ReportBuilder b = Report.builder(Journal.shop()).currency("EUR");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.currency("EUR"));

    assertEquals("report currency was already set to EUR", e.getMessage());
  }

  @Test
  void maxTrackedLeads_setTwice_isRefusedNamingTheEarlierValue() {
    ReportBuilder b = Report.builder(Journal.shop()).maxTrackedLeads(10);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.maxTrackedLeads(20));

    assertEquals("max tracked leads was already set to 10", e.getMessage());
  }

  @Test
  void options_afterTheFirstRecord_areRefused() {
    Journal j = new Journal(Journal.shop()).enter("a", "ads", T0);
    ReportBuilder b = Report.builder(j.funnel).add(j.steps.get(0));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.range(WEEK));

    assertEquals("report range must be set before the first record is counted", e.getMessage());
    assertThrows(IllegalStateException.class, () -> b.currency("USD"));
    assertThrows(IllegalStateException.class, () -> b.maxTrackedLeads(5));
  }

  @Test
  void catalogBuilder_optionsSetTwice_areRefusedAndTheOthersReachEveryReport() {
    CatalogReport.Builder b =
        CatalogReport.builder(Catalog.of(Journal.shop())).range(WEEK).currency("USD");

    assertEquals(
        "report range was already set to " + WEEK,
        assertThrows(IllegalStateException.class, () -> b.range(WEEK)).getMessage());
    assertEquals(
        "report currency was already set to USD",
        assertThrows(IllegalStateException.class, () -> b.currency("EUR")).getMessage());
    b.maxTrackedLeads(3);
    assertThrows(IllegalStateException.class, () -> b.maxTrackedLeads(3));
    Report shop = b.build().report("shop").orElseThrow();
    assertEquals(WEEK, shop.range());
    assertEquals("USD", shop.currency().getCurrencyCode());
  }

  @Test
  void add_recordOlderThanOneCountedForTheLead_isRefused() {
    Journal j = new Journal(Journal.shop());
    j.enter("a", "ads", T0)
        .fire("a", "contact-left", hours(1))
        .fire("a", "added-to-cart", hours(2));
    ReportBuilder b = Report.builder(j.funnel).add(j.steps.get(0)).add(j.steps.get(2));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.add(j.steps.get(1)));

    assertTrue(
        String.valueOf(e.getMessage())
            .startsWith("a record of lead 'a' at version 1 came after one at version 2"),
        e::getMessage);
  }

  @Test
  void of_eachLeadsRecordsReversed_givesTheReportOfTheJournalInOrder() {
    Journal j = new Journal(Journal.shop());
    j.enter("a", "ads", "ann", T0)
        .enter("b", "seo", "bob", hours(0.5))
        .fire("a", "contact-left", hours(1))
        .reassign("a", "bob", hours(1.5))
        .buy("a", "paid", "mini", Journal.eur("10.00"), hours(2))
        .fire("b", "contact-left", hours(3))
        .fire("b", "rejected", hours(4));
    List<Step> reversed = new ArrayList<>(j.steps);
    Collections.reverse(reversed);

    Report r = Report.of(j.funnel, reversed);

    assertEquals(j.report(), r);
    assertEquals(0, r.untrackedLeads());
    assertEquals(1, r.buyers());
    assertEquals(Duration.ofHours(2), r.timeToConvert().median().orElseThrow());
    assertEquals(2, r.owner("bob").orElseThrow().received());
    assertEquals(1, r.owner("bob").orElseThrow().junk());
  }

  @Test
  void catalogOf_journalReversed_givesTheSameReport() {
    Journal j = new Journal(Journal.shop());
    j.enter("a", "ads", T0).fire("a", "contact-left", hours(1)).fire("a", "left", hours(2));
    List<Step> reversed = new ArrayList<>(j.steps);
    Collections.reverse(reversed);
    Catalog c = Catalog.of(Journal.shop());

    assertEquals(CatalogReport.of(c, j.steps), CatalogReport.of(c, reversed));
    assertEquals(1, CatalogReport.of(c, reversed).report("shop").orElseThrow().lost());
  }

  @Test
  void maxTrackedLeads_belowOne_isRefusedAndOneIsTheLeast() {
    ReportBuilder b = Report.builder(Journal.shop());

    assertEquals(
        "max tracked leads must be at least 1",
        assertThrows(IllegalArgumentException.class, () -> b.maxTrackedLeads(0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.maxTrackedLeads(-1));
    assertEquals(0, b.maxTrackedLeads(1).build().entries());
  }
}
