package dev.funnel.analytics;

import static dev.funnel.analytics.Journal.T0;
import static dev.funnel.analytics.Journal.eur;
import static dev.funnel.analytics.Journal.hours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Dispatch;
import dev.funnel.Funnel;
import dev.funnel.Purpose;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** How the running counts take each kind of record, read through the reports they make. */
final class TallyTest {

  /** The shop of {@link Journal#shop()} with a goal reached by leaving a contact. */
  private static Funnel shopWithSignUpGoal() {
    return Journal.shop().toBuilder().goal("signed-up").onEvent("contact-left").to("lead").build();
  }

  private static Step step(
      String lead,
      @Nullable String from,
      String to,
      @Nullable String type,
      Instant at,
      @Nullable String offer,
      @Nullable String amount,
      long version) {
    return new Step(
        "shop",
        lead,
        from,
        to,
        type == null ? null : "e-" + lead + "-" + version,
        type,
        at,
        "ads",
        null,
        offer,
        amount == null ? null : eur(amount),
        null,
        null,
        version);
  }

  private static Dispatch decision(
      String funnel, String channel, Instant due, Dispatch.Verdict verdict) {
    Dispatch.Reason reason =
        switch (verdict) {
          case SEND -> null;
          case HOLD, SKIP -> Dispatch.Reason.QUIET_HOURS;
          case SUPPRESS -> Dispatch.Reason.CAP;
        };
    Instant until = verdict == Dispatch.Verdict.HOLD ? due.plus(Duration.ofHours(8)) : null;
    return new Dispatch(
        funnel, "l", "welcome", channel, Purpose.MARKETING, due, verdict, until, reason);
  }

  @Test
  void goal_reachedWithoutAPurchase_convertsTheLeadThereAndOnlyOnce() {
    Journal j = new Journal(shopWithSignUpGoal());
    j.enter("a", "ads", "ann", T0)
        .fire("a", "contact-left", hours(1))
        .buy("a", "paid", "mini", eur("10.00"), hours(3));
    j.enter("b", "ads", T0).fire("b", "contact-left", hours(2));

    Report r = j.report();

    assertEquals(2, r.journey().conversions("signed-up"));
    assertEquals(2, r.converted());
    assertEquals(2, r.channel("ads").orElseThrow().converted());
    assertEquals(1, r.owner("ann").orElseThrow().converted());
    assertEquals(2, r.timeToConvert().count());
    assertEquals(Duration.ofHours(1), r.timeToConvert().min().orElseThrow());
    assertEquals(Duration.ofHours(2), r.timeToConvert().max().orElseThrow());
    assertEquals(1, r.buyers());
  }

  @Test
  void goal_reachedOutsideTheRange_convertsTheLeadButIsNotCounted() {
    Journal j = new Journal(shopWithSignUpGoal());
    j.enter("a", "ads", T0)
        .fire("a", "contact-left", hours(1))
        .buy("a", "paid", "mini", eur("10.00"), hours(30));

    Report r =
        Report.builder(j.funnel).range(TimeRange.of(hours(24), hours(48))).addAll(j.steps).build();

    assertEquals(0, r.journey().conversions("signed-up"));
    assertEquals(0, r.converted(), "the lead converted at its goal, before the range");
    assertEquals(1, r.buyers());
    assertEquals(eur("10.00"), r.revenue());
  }

  @Test
  void of_entryAndAnotherRecordAtTheSameVersionAndTime_countsTheEntryFirst() {
    Step entry = step("a", null, "visitor", null, T0, null, null, 0);
    Step move = step("a", "visitor", "lead", "contact-left", T0, null, null, 0);

    Report r = Report.of(Journal.shop(), List.of(move, entry));

    assertEquals(0, r.untrackedLeads());
    assertEquals(1, r.entries());
    assertEquals(1, r.flow("visitor", "lead").count());
    assertEquals(Duration.ZERO, r.flow("visitor", "lead").timeInFrom().median().orElseThrow());
  }

  @Test
  void add_recordAtTheVersionAlreadyCounted_isNotOlderSoItCounts() {
    Step entry = step("a", null, "visitor", null, T0, null, null, 0);
    Step move = step("a", "visitor", "lead", "contact-left", hours(1), null, null, 0);

    Report r = Report.builder(Journal.shop()).add(entry).add(move).build();

    assertEquals(1, r.entered("lead"));
    assertEquals(0, r.untrackedLeads());
    assertEquals(Duration.ofHours(1), r.stage("lead").timeToReach().median().orElseThrow());
  }

  @Test
  void add_purchaseRecordNamingNoOffer_isRefusedNamingTheLead() {
    ReportBuilder b =
        Report.builder(Journal.shop())
            .add(step("a", null, "visitor", null, T0, null, null, 0))
            .add(step("a", "visitor", "lead", "contact-left", hours(1), null, null, 1));
    Step noOffer = step("a", "lead", "buyer", "paid", hours(2), null, "10.00", 2);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.add(noOffer));

    assertEquals("a purchase record of lead 'a' names no offer", e.getMessage());
  }

  @Test
  void repeatBuyers_countEachLeadThatBoughtAgainOnceHoweverOftenItBought() {
    Journal j = new Journal(Journal.shop());
    j.enter("twice", "ads", T0)
        .fire("twice", "contact-left", hours(1))
        .buy("twice", "paid", "mini", eur("10.00"), hours(2))
        .buy("twice", "bought-again", "gear", eur("40.00"), hours(3));
    j.enter("four", "ads", T0)
        .fire("four", "contact-left", hours(1))
        .buy("four", "paid", "mini", eur("10.00"), hours(2));
    for (int i = 0; i < 3; i++) {
      j.buy("four", "bought-again", "gear", eur("40.00"), hours(3 + i));
    }
    j.enter("once", "ads", T0)
        .fire("once", "contact-left", hours(1))
        .buy("once", "paid", "mini", eur("10.00"), hours(2));

    Report r = j.report();

    assertEquals(3, r.buyers());
    assertEquals(2, r.repeatBuyers());
    assertEquals(Ratio.of(2, 3), r.repeatPurchaseRate());
    assertEquals(7, r.purchases());
    assertEquals(3, r.channel("ads").orElseThrow().buyers());
  }

  @Test
  void contacts_decisionsOfEveryVerdict_areCountedByChannelVerdictAndReason() {
    ReportBuilder b = Report.builder(Journal.shop()).range(TimeRange.of(T0, hours(24)));
    b.add(decision("shop", "email", hours(1), Dispatch.Verdict.SEND));
    for (int i = 0; i < 2; i++) {
      b.add(decision("shop", "email", hours(2), Dispatch.Verdict.HOLD));
    }
    for (int i = 0; i < 3; i++) {
      b.add(decision("shop", "email", hours(3), Dispatch.Verdict.SKIP));
    }
    for (int i = 0; i < 4; i++) {
      b.add(decision("shop", "sms", hours(4), Dispatch.Verdict.SUPPRESS));
    }
    b.add(decision("shop", "email", hours(30), Dispatch.Verdict.SKIP));

    ContactFigures c = b.build().contacts();

    assertEquals(new ContactFigures.Channel("email", 1, 2, 3, 0), c.channel("email"));
    assertEquals(new ContactFigures.Channel("sms", 0, 0, 0, 4), c.channel("sms"));
    assertEquals(
        ImmutableMap.of(Dispatch.Reason.QUIET_HOURS, 5L, Dispatch.Reason.CAP, 4L), c.reasons());
    assertEquals(new ContactFigures.Channel("*", 1, 2, 3, 4), c.total());
    assertEquals(5, c.channel("email").withheld());
    assertEquals(4, c.channel("sms").withheld());
    assertEquals(9, c.total().withheld());
    assertEquals(5, c.withheld(Dispatch.Reason.QUIET_HOURS));
    assertEquals(0, c.withheld(Dispatch.Reason.NO_CONSENT));
  }

  @Test
  void add_decisionAboutAnotherFunnelsMessage_isRefusedNamingBoth() {
    ReportBuilder b = Report.builder(Journal.shop());
    Dispatch other = decision("club", "email", T0, Dispatch.Verdict.SEND);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.add(other));

    assertEquals(
        "a decision about a message of funnel 'club' cannot be counted in a report of funnel"
            + " 'shop'",
        e.getMessage());
    assertEquals(0, b.build().contacts().total().sent());
  }

  @Test
  void add_recordOfAnotherFunnel_isRefusedNamingBoth() {
    Step other =
        new Step(
            "club", "x", null, "visitor", null, null, T0, "ads", null, null, null, null, null, 0);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Report.builder(Journal.shop()).add(other));

    assertEquals(
        "a record of funnel 'club' cannot be counted in a report of funnel 'shop'", e.getMessage());
  }

  @Test
  void add_entryIntoAStageThisVersionEnds_countsTheEnding() {
    // A journal of an earlier version may enter a stage this version makes terminal.
    Step entry =
        new Step(
            "shop", "a", null, "loyal", null, null, T0, "ads", "ann", null, null, null, null, 0);

    Report r = Report.builder(Journal.shop()).add(entry).build();

    assertEquals(1, r.won());
    assertEquals(1, r.converted());
    assertEquals(1, r.channel("ads").orElseThrow().won());
    assertEquals(1, r.owner("ann").orElseThrow().won());
  }

  @Test
  void merge_reportOfAnOlderVersion_listsNoStageThatNoRecordNamed() {
    Funnel older =
        Journal.shop().toBuilder()
            .version(1)
            .stage("wishlist")
            .on("wished")
            .from("visitor")
            .to("wishlist")
            .build();
    Funnel newer = Journal.shop().toBuilder().version(2).build();
    Journal a = new Journal(older).enter("a", "ads", T0).fire("a", "contact-left", hours(1));
    Journal b = new Journal(newer).enter("b", "ads", T0);

    Report merged = Report.of(older, a.steps).merge(Report.of(newer, b.steps));

    assertEquals(newer, merged.funnel());
    assertEquals(
        List.of("visitor", "lead", "cart", "buyer", "loyal", "lost", "junk"),
        merged.stages().stream().map(StageFigures::id).toList());
    assertEquals(2, merged.entered("visitor"));
    assertEquals(0, merged.entered("wishlist"));
  }

  @Test
  void of_decisions_areCountedWithTheSteps() {
    Report r =
        Report.of(
            Journal.shop(),
            new Journal(Journal.shop()).enter("a", "ads", T0).steps,
            List.of(
                decision("shop", "email", hours(1), Dispatch.Verdict.SEND),
                decision("shop", "email", hours(2), Dispatch.Verdict.SKIP)));

    assertEquals(new ContactFigures.Channel("email", 1, 0, 1, 0), r.contacts().channel("email"));
    assertEquals(1, r.entries());
  }

  @Test
  void journey_exitsAndGoals_areCountedPerReasonAndGoal() {
    Funnel f = ControlFiguresProperties.SHOP;
    Journal j = new Journal(f);
    j.enter("a", "ads", T0).fire("a", "unsubscribed", hours(1));
    j.enter("b", "ads", T0).fire("b", "contact-left", hours(1)).fire("b", "left", hours(2));
    j.enter("c", "ads", T0)
        .fire("c", "contact-left", hours(1))
        .buy("c", "paid", "mini", eur("10.00"), hours(2));

    JourneyFigures journey = j.report().journey();

    assertEquals(3, journey.journeys());
    assertEquals(1, journey.exited("unsubscribed"));
    assertEquals(0, journey.exited("moved-away"));
    assertEquals(ImmutableMap.of("unsubscribed", 1L), journey.exits());
    assertEquals(1, journey.conversions("first-sale"));
    assertEquals(Ratio.of(1, 3), journey.goalConversion("first-sale"));
  }

  @Test
  void journeyFigures_negativeJourneys_isRefused() {
    assertEquals(
        "journeys must not be negative",
        assertThrows(
                IllegalArgumentException.class,
                () -> new JourneyFigures(-1, ImmutableMap.of(), ImmutableMap.of()))
            .getMessage());
  }
}
