package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Actions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Outcome;
import dev.funnel.analytics.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SaasLadderTest {
  private static SaasLadder.Result run() {
    return SaasLadder.run(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void run_eachCustomerEndsOnTheExpectedRung() {
    Map<String, Lead> leads = run().leads();

    assertEquals("premium", leads.get("ada").stage());
    assertEquals(3, leads.get("ada").purchases().size());
    assertEquals("subscriber", leads.get("bo").stage());
    assertTrue(leads.get("bo").hasBought("subscription"));
    assertEquals("churned", leads.get("cy").stage());
    assertEquals(0, leads.get("cy").purchases().size());
    assertEquals("churned", leads.get("dee").stage());
    assertTrue(leads.get("dee").hasBought("first-month"));
  }

  @Test
  void run_reportCountsTheLadder() {
    Report report = run().report();

    assertEquals(4, report.entries());
    assertEquals(2, report.entered("hesitating"));
    assertEquals(2, report.entered("churned"));
    assertEquals(Money.of("79.00", "EUR"), report.revenue());
    assertEquals(Money.of("58.00", "EUR"), report.revenueByTier().get(Offer.Tier.CORE_PRODUCT));
    assertEquals(3, report.buyers());
  }

  @Test
  void valueLoop_declineMovesDownAndPresentsTheDownsell() {
    Funnel ladder = SaasLadder.funnel();
    Lead trial =
        ladder
            .fire(
                ladder.enter("x", "ads", SaasLadder.START).lead(),
                Event.of("x-1", "signed-up", SaasLadder.START))
            .lead();

    Outcome declined =
        ladder.fire(trial, Event.decline("x-2", "first-month", SaasLadder.START.plusSeconds(9)));

    assertEquals("hesitating", declined.lead().stage());
    assertTrue(declined.effects().contains(Actions.present("extended-trial")));
  }

  @Test
  void valueLoop_windowPassedWithoutPurchase_countsAsDecline() {
    Funnel ladder = SaasLadder.funnel();
    Lead trial =
        ladder
            .fire(
                ladder.enter("x", "ads", SaasLadder.START).lead(),
                Event.of("x-1", "signed-up", SaasLadder.START))
            .lead();

    Lead later = ladder.advance(trial, SaasLadder.START.plus(Duration.ofDays(15))).lead();

    assertEquals("hesitating", later.stage());
  }
}
