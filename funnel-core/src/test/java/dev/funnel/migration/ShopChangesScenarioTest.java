package dev.funnel.migration;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import org.junit.jupiter.api.Test;

/**
 * The seeds' shop changed three ways while its leads are in flight, each published on Tuesday at
 * 09:00 with its migration: what the replay of the fortnight's journal says would differ.
 */
final class ShopChangesScenarioTest {

  private static Replay replay() {
    return Replay.of(Shop.journal()).cr1("visitor", "cold-lead").cr2("cold-lead", "buyer");
  }

  @Test
  void replay_sameDefinition_isEmpty() {
    ReplayDiff diff = replay().compare(Shop.v1(), Shop.v1());

    assertTrue(diff.isEmpty(), diff::render);
    assertEquals(
        """
        replay of funnel 'online-shop': version 1 against version 1
        no differences in 8 leads
        """,
        diff.render());
  }

  @Test
  void checkoutStage_betweenHotLeadAndBuyer_catchesTheCheckoutThatNowHasAStage() {
    Migration m = Migration.between(Shop.v1(), Shop.withCheckout()).build();

    ReplayDiff diff = replay().compare(m, Shop.PUBLISHED);

    assertTrue(m.isIdentity());
    assertEquals(
        """
        replay of funnel 'online-shop': version 1 against version 2 migrated at 2026-03-03T09:00:00Z
        leads: 1 of 8 differ
          gina: sent [welcome-1, cart-reminder] -> [welcome-1, checkout-reminder]; \
        offered [coupon-10, mini-set] -> [coupon-10]
        figures: 2 differ
          figure                     before      after        difference
          step hot-lead -> checkout  0/4 (0.0%)  1/4 (25.0%)  +25.0 pp
          step checkout -> buyer     0/0 (-)     0/1 (0.0%)   -
        """,
        diff.render());
    ReplayDiff.LeadDiff gina = diff.leads().get(0);
    assertEquals("lost", gina.stageBefore());
    assertEquals("lost", gina.stageAfter(), "gina went cold at checkout instead of in her cart");
  }

  @Test
  void welcomeLetter_movedFromTwoDaysToOne_reachesEvaBeforeSheBuys() {
    Migration m =
        Migration.between(Shop.v1(), Shop.earlierNudge())
            .timer("cold-lead", "nudge", TimerPolicy.RECOMPUTE)
            .build();

    ReplayDiff diff = replay().compare(m, Shop.PUBLISHED);

    assertEquals(
        """
        replay of funnel 'online-shop': version 1 against version 2 migrated at 2026-03-03T09:00:00Z
        leads: 1 of 8 differ
          eva: sent [welcome-1, thank-you] -> [welcome-1, welcome-2, thank-you]
        figures: 0 differ
        """,
        diff.render());
    assertEquals(
        ImmutableList.of("welcome-1", "welcome-2"),
        requireNonNull(replay().run(m, Shop.PUBLISHED).journeys().get("ben")).sent(),
        "ben's letter, due on Wednesday, was recomputed to Tuesday and still reached him");
  }

  @Test
  void tripwire_removed_losesTheTwoLeadsItConverted() {
    Migration m = Migration.between(Shop.v1(), Shop.withoutTripwire()).build();

    ReplayDiff diff = replay().compare(m, Shop.PUBLISHED);

    assertEquals(
        """
        replay of funnel 'online-shop': version 1 against version 2 migrated at 2026-03-03T09:00:00Z
        leads: 3 of 8 differ
          carla: stage buyer -> lost; sent [welcome-1, cart-reminder, thank-you] -> \
        [welcome-1, cart-reminder]; offered [coupon-10, mini-set, care-pack] -> [coupon-10]; \
        bought [mini-set] -> []
          dan: stage buyer -> lost; sent [welcome-1, cart-reminder, thank-you] -> \
        [welcome-1, cart-reminder]; offered [coupon-10, mini-set, care-pack] -> [coupon-10]; \
        bought [mini-set] -> []
          gina: offered [coupon-10, mini-set] -> [coupon-10]
        figures: 13 differ
          figure                         before       after        difference
          CR2 cold-lead -> buyer         4/7 (57.1%)  2/7 (28.6%)  -28.6 pp
          step hot-lead -> buyer         3/4 (75.0%)  1/4 (25.0%)  -50.0 pp
          step buyer -> repeat-customer  1/4 (25.0%)  1/2 (50.0%)  +25.0 pp
          revenue                        129.80 EUR   110.00 EUR   -19.80 EUR
          purchases                      5            3            -2
          channel google-ads conversion  2/3 (66.7%)  1/3 (33.3%)  -33.3 pp
          channel google-ads revenue     70.90 EUR    61.00 EUR    -9.90 EUR
          channel newsletter conversion  1/2 (50.0%)  0/2 (0.0%)   -50.0 pp
          channel newsletter revenue     9.90 EUR     0.00 EUR     -9.90 EUR
          owner kim conversion           1/4 (25.0%)  0/4 (0.0%)   -25.0 pp
          owner kim revenue              9.90 EUR     0.00 EUR     -9.90 EUR
          owner sam conversion           3/4 (75.0%)  2/4 (50.0%)  -25.0 pp
          owner sam revenue              119.90 EUR   110.00 EUR   -9.90 EUR
        """,
        diff.render());
    ReplayDiff.FigureDiff revenue = diff.figures().get(3);
    assertEquals(
        new ReplayDiff.FigureDiff("revenue", "129.80 EUR", "110.00 EUR", "-19.80 EUR"), revenue);
  }

  @Test
  void replay_withMigration_recordsOneMigrationStepPerLeadInFlight() {
    Migration m = Migration.between(Shop.v1(), Shop.withoutTripwire()).build();

    Replay.Run run = replay().run(m, Shop.PUBLISHED);

    // Anna, Ben, Carla and Dan had arrived by Tuesday 09:00; the other four enter version 2.
    assertEquals(
        4, run.steps().stream().filter(s -> Migration.MIGRATED.equals(s.eventType())).count());
    assertTrue(run.journeys().values().stream().allMatch(j -> j.lead().funnelVersion() == 2));
  }
}
