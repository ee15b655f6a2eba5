package dev.funnel.examples;

import static dev.funnel.test.FunnelAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Step;
import dev.funnel.analytics.OwnerFigures;
import dev.funnel.analytics.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SalesDepartmentTest {
  private static final SalesDepartment.Result RESULT =
      SalesDepartment.run(
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

  @Test
  void run_poolGivesRequestsToTheManagersInTurn() {
    List<String> firstOwners =
        RESULT.journal().stream()
            .filter(s -> "owner-assigned".equals(s.eventType()) && s.actor() == null)
            .map(Step::owner)
            .toList();

    assertEquals(List.of("anna", "boris", "chen", "anna", "boris", "chen"), firstOwners);
  }

  @Test
  void run_eachRequestEndsWhereItsManagerTookIt() {
    Map<String, Lead> leads = RESULT.leads();

    assertThat(leads.get("req-1")).isInStage("contract");
    assertThat(leads.get("req-2")).isInStage("junk");
    assertThat(leads.get("req-3")).isInStage("lost");
    assertThat(leads.get("req-4")).isInStage("contract").isOwnedBy("boris");
    assertThat(leads.get("req-5")).isInStage("junk");
    assertThat(leads.get("req-6")).isInStage("lost");
  }

  @Test
  void run_manualMovesCarryTheActorAndTheReason() {
    Step junk =
        RESULT.journal().stream()
            .filter(s -> "req-2".equals(s.leadId()) && "junk".equals(s.to()))
            .findFirst()
            .orElseThrow();
    Step moved =
        RESULT.journal().stream()
            .filter(s -> "req-4".equals(s.leadId()) && "head-of-sales".equals(s.actor()))
            .findFirst()
            .orElseThrow();

    assertEquals("boris", junk.actor());
    assertEquals("reseller, not a shop owner", junk.reason());
    assertEquals("boris", moved.owner());
    assertEquals("anna is on leave", moved.reason());
  }

  @Test
  void run_crmTaskIsTriedAgainAfterAFailure() {
    assertEquals(2, RESULT.crmAttempts());
    assertTrue(
        RESULT.delivered().contains("req-3: crm-task{kind=call-back} (attempt 2)"),
        RESULT.delivered()::toString);
  }

  @Test
  void report_flagsTheManagerWhoClosesNothing() {
    Report report = RESULT.report();
    OwnerFigures chen = report.owner("chen").orElseThrow();

    assertEquals(2, report.junk());
    assertEquals(Money.of("2400.00", "EUR"), report.revenue());
    assertEquals(2, chen.received());
    assertEquals(0, chen.converted());
    assertEquals(
        List.of("chen"),
        report.blackHoles(SalesDepartment.SMALL_TEAM).stream().map(OwnerFigures::owner).toList());
  }
}
