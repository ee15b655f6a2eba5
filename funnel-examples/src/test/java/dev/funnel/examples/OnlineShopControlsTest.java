package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Catalog;
import dev.funnel.Dispatch;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Step;
import dev.funnel.analytics.ContactFigures;
import dev.funnel.analytics.ExperimentFigures;
import dev.funnel.analytics.JourneyFigures;
import dev.funnel.analytics.Ratio;
import dev.funnel.analytics.Report;
import dev.funnel.diagram.HtmlReport;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.test.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The online shop's journey controls as one report counts them: five leads driven through the
 * runtime on a Monday in March, three of them treated and two in the holdout, with quiet hours, the
 * daily email cap, an unsubscribe and the first-purchase goal.
 */
final class OnlineShopControlsTest {
  // Monday 2 March 2026, 10:00 in Berlin.
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** Hears every step and every decision of the contact gate. */
  static final class Journal implements FunnelListener {
    final List<Step> steps = new ArrayList<>();
    final List<Dispatch> decisions = new ArrayList<>();

    @Override
    public synchronized void stepped(Step step) {
      steps.add(step);
    }

    @Override
    public synchronized void dispatched(EffectKey key, Dispatch dispatch) {
      decisions.add(dispatch);
    }
  }

  private static Report report;
  private static Journal journal;

  @BeforeAll
  static void drive() {
    Funnel shop = OnlineShop.funnel();
    TestClock clock = TestClock.at(T0);
    journal = new Journal();
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(shop))
            .store(new InMemoryLeadStore())
            .clock(clock)
            .handler("send", d -> {})
            .handler("present", d -> {})
            .listener(journal)
            .build();
    clock.drive(rt);
    // lead-finn and lead-uma are in the holdout arm: the hash of the salt and their ids says so.
    for (String lead : List.of("lead-anna", "lead-ben", "lead-carla", "lead-finn", "lead-uma")) {
      rt.enter("online-shop", lead, "google-ads", T0);
    }
    at(clock, rt, "lead-anna", Event.of("a1", "contact-left", T0.plusSeconds(60)));
    at(clock, rt, "lead-finn", Event.of("f1", "contact-left", hours(1)));
    at(clock, rt, "lead-uma", Event.of("u1", "contact-left", hours(1.5)));
    at(clock, rt, "lead-carla", Event.of("c1", "contact-left", hours(2)));
    at(clock, rt, "lead-finn", paid("f2", "mini-set", "9.90", hours(2)));
    at(
        clock,
        rt,
        "lead-carla",
        Event.builder("c2", FunnelRuntime.UNSUBSCRIBED, hours(2.5))
            .payload("channel", "email")
            .build());
    at(clock, rt, "lead-anna", Event.of("a2", "added-to-cart", hours(3)));
    at(clock, rt, "lead-carla", paid("c3", "mini-set", "9.90", hours(3)));
    // The day's one marketing email went out to Anna at 10:01: her thank-you is over the cap.
    at(clock, rt, "lead-anna", paid("a3", "starter-kit", "49.00", hours(4)));
    // 22:30 in Berlin: Ben's welcome is held until 08:00, 07:00 UTC, and goes then.
    at(clock, rt, "lead-ben", Event.of("b1", "contact-left", hours(12.5)));
    clock.set(Instant.parse("2026-03-03T07:00:00Z"));
    report = Report.of(shop, journal.steps, journal.decisions);
  }

  private static Instant hours(double h) {
    return T0.plus(Duration.ofMinutes((long) (h * 60)));
  }

  private static Event paid(String id, String offer, String amount, Instant at) {
    return Event.builder(id, "paid", at).offer(offer).amount(Money.of(amount, "EUR")).build();
  }

  private static void at(TestClock clock, FunnelRuntime rt, String lead, Event e) {
    clock.set(e.at());
    rt.handle("online-shop", lead, e);
  }

  @Test
  void journey_countsTheGoalOfEveryFirstPurchase() {
    JourneyFigures j = report.journey();

    assertEquals(5, j.journeys());
    assertEquals(ImmutableMap.of("first-purchase", 3L), j.goalConversions());
    assertEquals(Ratio.of(3, 5), j.goalConversion("first-purchase"));
    assertEquals(ImmutableMap.of(), j.exits());
    assertEquals(3, report.converted());
  }

  @Test
  void experiment_givesConversionPerArmAndTheLiftOverTheHoldout() {
    ExperimentFigures e = report.experiment("holdout").orElseThrow();

    assertEquals(
        List.of(
            new ExperimentFigures.Arm("treated", false, 3, 2),
            new ExperimentFigures.Arm("holdout", true, 2, 1)),
        e.arms());
    ExperimentFigures.Lift lift = e.lift().orElseThrow();
    // 2/3 - 1/2, ± 1.96 sqrt((2/3)(1/3)/3 + (1/2)(1/2)/2).
    assertEquals(1.0 / 6, lift.difference(), 1e-12);
    assertEquals(-0.7078245327306558, lift.low(), 1e-12);
    assertEquals(1.041157866063989, lift.high(), 1e-12);
  }

  @Test
  void contacts_countHeldSuppressedAndSentEmailsPerReason() {
    ContactFigures c = report.contacts();

    assertEquals(new ContactFigures.Channel("email", 3, 1, 0, 5), c.channel("email"));
    assertEquals(1, c.withheld(Dispatch.Reason.QUIET_HOURS));
    assertEquals(1, c.withheld(Dispatch.Reason.CAP));
    assertEquals(1, c.withheld(Dispatch.Reason.NO_CONSENT));
    assertEquals(3, c.withheld(Dispatch.Reason.HOLDOUT));
    assertEquals(9, journal.decisions.size());
  }

  @Test
  void htmlReport_showsTheControlsTables() {
    String html = HtmlReport.of(report);

    assertEquals(html, HtmlReport.of(report));
    assertTrue(
        html.contains(
            "<tr><td>first-purchase</td><td class=\"n\">3</td><td class=\"n\">60.00%</td></tr>"),
        html);
    assertTrue(
        html.contains(
            "<tr><td>holdout (holdout)</td><td class=\"n\">2</td><td class=\"n\">1</td>"
                + "<td class=\"n\">50.00%</td></tr>"),
        html);
    assertTrue(
        html.contains(
            "Lift of treated over holdout: +16.67 pp (95% interval -70.78 pp to +104.12 pp)."),
        html);
    assertTrue(
        html.contains(
            "<tr><td>email</td><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">0</td>"
                + "<td class=\"n\">5</td></tr>"),
        html);
    assertTrue(html.contains("<tr><td>holdout</td><td class=\"n\">3</td></tr>"), html);
  }
}
