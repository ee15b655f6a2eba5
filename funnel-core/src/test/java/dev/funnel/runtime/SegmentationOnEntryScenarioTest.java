package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Segmentation on entering a stage, with no event to trigger it: a buyer reaching "rider" and a
 * decliner reaching "hesitating" are put in their segment and handed to the club's engagement stage
 * by those stages' on-enter actions.
 */
final class SegmentationOnEntryScenarioTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Money BOARD = Money.of("399.00", "EUR");

  static Funnel firstSale() {
    return Funnel.builder("first-sale")
        .stage("hot-lead")
        .entry()
        .stage("rider")
        .converts()
        .onEnter(
            Actions.send("receipt", "email"),
            Actions.segment("riders"),
            Actions.handOff("club", "engagement"))
        .stage("repeat-rider")
        .won()
        .stage("hesitating")
        .lost()
        .onEnter(Actions.segment("bargain-hunters"), Actions.handOff("club", "engagement"))
        .offer(Offer.coreProduct("snowboard", BOARD))
        .on("paid")
        .from("hot-lead")
        .to("rider")
        .on("paid")
        .from("rider")
        .to("repeat-rider")
        .on("declined")
        .from("hot-lead")
        .to("hesitating")
        .build();
  }

  static Funnel club() {
    return Funnel.builder("club")
        .stage("engagement")
        .entry()
        .onEnter(Actions.send("club-welcome", "email"))
        .stage("member")
        .won()
        .on("pass-paid")
        .from("engagement")
        .to("member")
        .build();
  }

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();
  private final Recorder handOffs = new Recorder();
  private final FunnelRuntime rt =
      FunnelRuntime.builder(Catalog.of(firstSale(), club()))
          .clock(clock)
          .handler(Actions.SEND, rec)
          .handler(Actions.HAND_OFF, handOffs)
          .listener(rec)
          .build();

  @Test
  void buyer_enteringRider_isSegmentedAndHandedOff_withNoTriggeringEvent() {
    rt.enter("first-sale", "p-1", "youtube", T0);

    Receipt paid =
        rt.handle(
            "first-sale",
            "p-1",
            Event.purchase("o-1", T0).type("paid").offer("snowboard").amount(BOARD).build());

    assertEquals(Receipt.Status.MOVED, paid.status());
    Lead rider = rt.lead("first-sale", "p-1").orElseThrow();
    assertEquals("rider", rider.stage());
    assertEquals(ImmutableSet.of("riders"), rider.segments());
    Lead member = rt.lead("club", "p-1").orElseThrow();
    assertEquals("engagement", member.stage());
    assertEquals(ImmutableSet.of("riders"), member.segments());
    assertEquals(T0, member.enteredAt());
    assertEquals(
        ImmutableList.of("first-sale:hot-lead", "first-sale:rider", "club:engagement"),
        rec.steps().stream()
            .map(s -> s.funnelId() + ":" + s.to())
            .collect(ImmutableList.toImmutableList()));
    // The receipt and the segment come first, the hand-off third; the club's welcome runs on
    // the club lead's entry.
    assertEquals(
        ImmutableList.of(new EffectKey("first-sale", "p-1", "o-1", 2)),
        handOffs.handled().stream()
            .map(Recorder.Handled::key)
            .collect(ImmutableList.toImmutableList()));
    assertEquals(ImmutableList.of("receipt", "club-welcome"), rec.sent());
  }

  @Test
  void decliner_enteringTheTerminalStage_isSegmentedAsBargainHunterAndHandedOff() {
    rt.enter("first-sale", "p-2", "search", T0);

    rt.handle("first-sale", "p-2", Event.of("d-1", "declined", T0.plusSeconds(30)));
    rt.advanceTo(T0.plus(Duration.ofDays(1)));

    assertEquals("hesitating", rt.lead("first-sale", "p-2").orElseThrow().stage());
    Lead member = rt.lead("club", "p-2").orElseThrow();
    assertEquals(ImmutableSet.of("bargain-hunters"), member.segments());
    assertEquals(ImmutableList.of("club-welcome"), rec.sent());
  }
}
