package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value loop, series and segmentation sugar, compiled into ordinary parts. */
final class ValueLoopBuilderTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final Money BOARD = Money.of("349.00", "EUR");

  private static Funnel snowboardShop() {
    return Funnel.builder("snowboards")
        .stage("considering")
        .entry()
        .stage("rider")
        .stage("hesitating")
        .stage("segmented")
        .won()
        .offer(Offer.coreProduct("snowboard", BOARD))
        .offer(Offer.profitMaximizer("rider-gear", Money.of("89.00", "EUR")))
        .offer(Offer.leadMagnet("riding-course"))
        .valueLoop("snowboard")
        .from("considering")
        .bought("rider")
        .upsell("rider-gear")
        .declined("hesitating")
        .downsell("riding-course")
        .within(Duration.ofDays(3))
        .segmentation("loop-ended")
        .from("rider", "hesitating")
        .to("segmented")
        .rule(Conditions.bought("snowboard"), "riders", Actions.handOff("gear", "engaged"))
        .rule(Conditions.inSegment("vip"), "vips")
        .otherwise("newsletter")
        .build();
  }

  @Test
  void valueLoop_purchase_movesToBoughtStageAndPresentsUpsell() {
    Funnel f = snowboardShop();
    Lead lead = f.enter("l1", "ads", T0).lead();
    Outcome out =
        f.fire(
            lead,
            Event.purchase("e1", T0.plusSeconds(60)).offer("snowboard").amount(BOARD).build());
    assertEquals("rider", out.lead().stage());
    assertTrue(out.lead().hasBought("snowboard"));
    assertTrue(out.effects().contains(Actions.present("rider-gear")), out.effects()::toString);
  }

  @Test
  void valueLoop_decline_movesToDeclinedStageAndPresentsDownsell() {
    Funnel f = snowboardShop();
    Lead lead = f.enter("l1", "ads", T0).lead();
    Outcome out = f.fire(lead, Event.decline("e1", "snowboard", T0.plusSeconds(60)));
    assertEquals("hesitating", out.lead().stage());
    assertTrue(out.effects().contains(Actions.present("riding-course")));
  }

  @Test
  void valueLoop_noPurchaseWithinWindow_presentsDownsell() {
    Funnel f = snowboardShop();
    Lead lead = f.enter("l1", "ads", T0).lead();
    Outcome out = f.advance(lead, T0.plus(Duration.ofDays(3)));
    assertEquals("hesitating", out.lead().stage());
    assertEquals(List.of(Actions.present("riding-course")), out.effects());
  }

  @Test
  void valueLoop_purchaseOfAnotherOffer_isNotTakenByTheLoop() {
    Funnel f = snowboardShop();
    Lead lead = f.enter("l1", "ads", T0).lead();
    Outcome out =
        f.fire(
            lead,
            Event.purchase("e1", T0).offer("rider-gear").amount(Money.of("89.00", "EUR")).build());
    assertEquals(Outcome.Refusal.GUARD_REJECTED, out.refusal().orElseThrow());
  }

  @Test
  void segmentation_firstMatchingRuleWins_withHandOff() {
    Funnel f = snowboardShop();
    Lead lead = f.enter("l1", "ads", T0).lead();
    lead = f.fire(lead, Event.purchase("e1", T0).offer("snowboard").amount(BOARD).build()).lead();
    Outcome out = f.fire(lead, Event.of("e2", "loop-ended", T0.plusSeconds(5)));
    assertEquals("segmented", out.lead().stage());
    assertTrue(out.lead().segments().contains("riders"));
    assertEquals(
        List.of(Actions.segment("riders"), Actions.handOff("gear", "engaged")), out.effects());
  }

  @Test
  void segmentation_noRuleHolds_appliesDefault() {
    Funnel f = snowboardShop();
    Lead lead = f.enter("l1", "ads", T0).lead();
    lead = f.fire(lead, Event.decline("e1", "snowboard", T0)).lead();
    Outcome out = f.fire(lead, Event.of("e2", "loop-ended", T0.plusSeconds(5)));
    assertEquals(List.of(Actions.segment("newsletter")), out.effects());
    assertEquals(List.of("newsletter"), out.lead().segments().asList());
  }

  @Test
  void segmentation_laterRule_appliesWhenEarlierFails() {
    Funnel f = snowboardShop();
    Lead lead = f.newLead("l1", "ads").segment("vip").enter(T0).lead();
    lead = f.fire(lead, Event.decline("e1", "snowboard", T0)).lead();
    Outcome out = f.fire(lead, Event.of("e2", "loop-ended", T0.plusSeconds(5)));
    assertTrue(out.lead().segments().contains("vips"));
  }

  @Test
  void sugar_compilesToOrdinaryParts_thatRebuildEqual() {
    Funnel f = snowboardShop();
    assertEquals(f, f.toBuilder().build());
    assertEquals(1, f.timers().size());
    assertEquals(6, f.transitions().size());
  }

  @Test
  void series_sendsMessagesSpacedAfterEntry_andStopsWhenTheLeadLeaves() {
    Funnel f =
        Funnel.builder("welcome")
            .stage("subscriber")
            .entry()
            .stage("customer")
            .won()
            .series("subscriber", "email")
            .every(Duration.ofDays(2), "w1", "w2", "w3")
            .on("paid")
            .from("subscriber")
            .to("customer")
            .build();
    Lead lead = f.enter("l1", "blog", T0).lead();
    assertEquals(3, lead.timers().size());
    Outcome first = f.advance(lead, T0.plus(Duration.ofDays(2)));
    assertEquals(List.of(Actions.send("w1", "email")), first.effects());
    Outcome second = f.advance(first.lead(), T0.plus(Duration.ofDays(4)));
    assertEquals(List.of(Actions.send("w2", "email")), second.effects());
    Outcome paid = f.fire(second.lead(), Event.of("p", "paid", T0.plus(Duration.ofDays(5))));
    assertTrue(paid.lead().timers().isEmpty());
    assertTrue(paid.effects().get(0) instanceof Effect.TimerCancelled);
  }

  @Test
  void valueLoop_withoutSource_isReported() {
    FunnelDefinitionException e =
        assertThrows(
            FunnelDefinitionException.class,
            () ->
                Funnel.builder("f")
                    .stage("a")
                    .entry()
                    .stage("b")
                    .won()
                    .offer(Offer.coreProduct("x", BOARD))
                    .on("go")
                    .from("a")
                    .to("b")
                    .valueLoop("x")
                    .bought("b")
                    .build());
    assertEquals(Problem.Code.MISSING_SOURCE, e.problems().get(0).code());
  }

  @Test
  void within_notPositive_isRefused() {
    assertEquals(
        "loop window must be positive",
        assertThrows(
                IllegalArgumentException.class,
                () -> Funnel.builder("f").valueLoop("board").within(Duration.ZERO))
            .getMessage());
  }

  @Test
  void segmentation_severalRulesHold_theFirstWins() {
    Funnel f = snowboardShop();
    Lead lead = f.newLead("l1", "ads").segment("vip").enter(T0).lead();
    lead = f.fire(lead, Event.purchase("e1", T0).offer("snowboard").amount(BOARD).build()).lead();
    Outcome out = f.fire(lead, Event.of("e2", "loop-ended", T0.plusSeconds(5)));
    assertTrue(out.lead().segments().contains("riders"));
    assertFalse(out.lead().segments().contains("vips"));
  }

  @Test
  void segmentation_fromAnyStage_segmentsWhereverTheLeadIs() {
    Funnel f =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("b")
            .stage("done")
            .won()
            .on("go")
            .from("a")
            .to("b")
            .segmentation("sorted")
            .fromAny()
            .to("done")
            .otherwise("everyone")
            .build();
    Lead lead = f.enter("l1", "ads", T0).lead();
    Outcome fromEntry = f.fire(lead, Event.of("e1", "sorted", T0));
    assertEquals("done", fromEntry.lead().stage());
    assertEquals(ImmutableList.of("everyone"), fromEntry.lead().segments().asList());
    Lead moved = f.fire(lead, Event.of("e2", "go", T0)).lead();
    assertEquals("done", f.fire(moved, Event.of("e3", "sorted", T0)).lead().stage());
  }
}
