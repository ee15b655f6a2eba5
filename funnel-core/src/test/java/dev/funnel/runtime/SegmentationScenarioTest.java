package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Segmentation after the value loop: buyers of the first-sale funnel go into the "riders" segment
 * and are handed to the engagement stage of the club funnel, which sells them a different line;
 * those who declined go into the "bargain-hunters" segment and are handed there too.
 */
final class SegmentationScenarioTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Money BOARD = Money.of("399.00", "EUR");

  static Funnel firstSale() {
    return Funnel.builder("first-sale")
        .stage("hot-lead")
        .entry()
        .stage("buyer")
        .won()
        .stage("declined")
        .lost()
        .offer(Offer.coreProduct("snowboard", BOARD))
        .on("paid")
        .from("hot-lead")
        .to("buyer")
        .then(
            Actions.send("receipt"),
            Actions.segment("riders"),
            Actions.handOff("club", "engagement"))
        .on("declined")
        .from("hot-lead")
        .to("declined")
        .then(Actions.segment("bargain-hunters"), Actions.handOff("club", "engagement"))
        .build();
  }

  static Funnel club() {
    return Funnel.builder("club")
        .stage("newcomer")
        .entry()
        .stage("engagement")
        .entry()
        .stage("member")
        .won()
        .stage("gone")
        .lost()
        .offer(Offer.coreProduct("season-pass", Money.of("249.00", "EUR")))
        .offer(Offer.tripwire("wax-kit", Money.of("12.00", "EUR")))
        .on("joined")
        .from("newcomer")
        .to("engagement")
        .after(Duration.ofDays(1))
        .in("engagement")
        .fire("pitch")
        .on("pitch")
        .from("engagement")
        .when(Conditions.inSegment("riders"))
        .then(Actions.send("club-for-riders"), Actions.present("season-pass"))
        .on("pitch")
        .from("engagement")
        .when(Conditions.inSegment("bargain-hunters"))
        .then(Actions.send("club-deals"), Actions.present("wax-kit"))
        .on("pitch")
        .from("engagement")
        .priority(-1)
        .then(Actions.send("club-news"))
        .on("pass-paid")
        .from("engagement")
        .to("member")
        .after(Duration.ofDays(90))
        .in("engagement")
        .fire("gone-quiet")
        .on("gone-quiet")
        .from("engagement")
        .to("gone")
        .build();
  }

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();
  private final Recorder handOffs = new Recorder();
  private final FunnelRuntime rt =
      FunnelRuntime.builder(Catalog.of(firstSale(), club()))
          .clock(clock)
          .handler(Actions.SEND, rec)
          .handler(Actions.PRESENT, rec)
          .handler(Actions.HAND_OFF, handOffs)
          .listener(rec)
          .build();

  @Test
  void buyer_isSegmentedAndHandedToTheClubsEngagementStage() {
    rt.enter(
        firstSale()
            .newLead("p-1", "youtube")
            .attribute("skill", "intermediate")
            .owner("shop-assistant-7"),
        T0);

    Receipt paid =
        rt.handle(
            "first-sale",
            "p-1",
            Event.purchase("o-1", T0).type("paid").offer("snowboard").amount(BOARD).build());

    Lead member = rt.lead("club", "p-1").orElseThrow();
    assertEquals("engagement", member.stage());
    assertEquals("youtube", member.channel());
    assertEquals(Optional.of("shop-assistant-7"), member.owner());
    assertEquals(ImmutableMap.of("skill", "intermediate"), member.attributes());
    assertEquals(ImmutableSet.of("riders"), member.segments());
    assertEquals(T0, member.enteredAt());
    assertEquals("buyer", rt.lead("first-sale", "p-1").orElseThrow().stage());
    // The hand-off is reported after the step that asked for it.
    assertEquals(
        ImmutableList.of("first-sale:hot-lead", "first-sale:buyer", "club:engagement"),
        rec.steps().stream()
            .map(s -> s.funnelId() + ":" + s.to())
            .collect(ImmutableList.toImmutableList()));
    assertEquals(
        ImmutableList.of(new EffectKey("first-sale", "p-1", "o-1", 2)),
        handOffs.handled().stream()
            .map(Recorder.Handled::key)
            .collect(ImmutableList.toImmutableList()));

    // The receipt says which lead the hand-off entered.
    assertEquals(
        ImmutableList.of(
            new Receipt.HandOff(
                new EffectKey("first-sale", "p-1", "o-1", 2),
                new LeadKey("club", "p-1"),
                Receipt.Status.ENTERED)),
        paid.handOffs());

    rt.advanceTo(T0.plus(Duration.ofDays(1)));
    assertEquals(ImmutableList.of("receipt", "club-for-riders"), rec.sent());
    assertEquals(ImmutableList.of("season-pass"), rec.presented());
  }

  @Test
  void decliner_isSegmentedAsBargainHunterAndGetsTheCheaperLine() {
    rt.enter("first-sale", "p-2", "search", T0);

    rt.handle("first-sale", "p-2", Event.of("d-1", "declined", T0.plusSeconds(30)));
    rt.advanceTo(T0.plus(Duration.ofDays(2)));

    Lead member = rt.lead("club", "p-2").orElseThrow();
    assertEquals(ImmutableSet.of("bargain-hunters"), member.segments());
    assertEquals(ImmutableList.of("club-deals"), rec.sent());
    assertEquals(ImmutableList.of("wax-kit"), rec.presented());
  }

  @Test
  void personAlreadyInTheClub_isNotEnteredAgain() {
    rt.enter("club", "p-3", "newsletter", T0);
    rt.handle("club", "p-3", Event.of("j-1", "joined", T0));
    rt.enter("first-sale", "p-3", "search", T0);

    rt.handle(
        "first-sale",
        "p-3",
        Event.purchase("o-3", T0.plus(Duration.ofHours(5)))
            .type("paid")
            .offer("snowboard")
            .amount(BOARD)
            .build());

    Lead member = rt.lead("club", "p-3").orElseThrow();
    assertEquals("newsletter", member.channel());
    assertEquals(1, member.version());
    assertEquals(T0, member.enteredAt());
    assertTrue(member.segments().isEmpty());
    assertEquals(
        1L, rec.steps().stream().filter(s -> s.funnelId().equals("club") && s.isEntry()).count());
    assertEquals(1, handOffs.handled().size());
  }

  @Test
  void sameLeadInTwoFunnels_isTwoLeads() {
    rt.enter("first-sale", "p-4", "search", T0);
    rt.handle(
        "first-sale",
        "p-4",
        Event.purchase("o-4", T0).type("paid").offer("snowboard").amount(BOARD).build());

    Receipt clubEvent = rt.handle("club", "p-4", Event.of("o-4", "pass-paid", T0.plusSeconds(5)));

    // The same event id is new to the club lead: each funnel remembers its own events.
    assertEquals(Receipt.Status.MOVED, clubEvent.status());
    assertEquals("member", rt.lead("club", "p-4").orElseThrow().stage());
    assertEquals("buyer", rt.lead("first-sale", "p-4").orElseThrow().stage());
    Step last = rec.steps().get(rec.steps().size() - 1);
    assertEquals("club", last.funnelId());
  }
}
