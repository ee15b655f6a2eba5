package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lead scoring: points per event, decay in whole periods, and a threshold that fires an event. */
final class ScoringTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);

  static final Funnel NURTURE =
      Funnel.builder("nurture")
          .stage("nurturing")
          .entry()
          .stage("with-manager")
          .manual()
          .stage("customer")
          .won()
          .on("hot-lead")
          .from("nurturing")
          .to("with-manager")
          .then(Actions.assign("manager-1"))
          .on("signed")
          .from("with-manager")
          .to("customer")
          .scoring(
              Scoring.builder()
                  .points("opened", 1)
                  .points("visited-pricing", 5)
                  .points("asked-demo", 30)
                  .points("opened", 2, Conditions.payload("letter").eq("pricing"))
                  .decay(5, Duration.ofDays(7))
                  .threshold(50, "hot-lead")
                  .build())
          .build();

  @Test
  void score_risesDecaysAndHandsAHotLeadToAManager() {
    Lead lead = NURTURE.enter("ann", "ads", T0).lead();
    Outcome opened = NURTURE.fire(lead, Event.of("e1", "opened", T0.plus(HOUR)));
    assertEquals(Outcome.Status.STAYED, opened.status());
    assertEquals(1, opened.lead().score());
    assertEquals(T0.plus(HOUR), opened.lead().scoreSince().orElseThrow());
    Event pricingLetter =
        Event.builder("e2", "opened", T0.plus(HOUR.multipliedBy(2)))
            .payload("letter", "pricing")
            .build();
    Lead l = NURTURE.fire(opened.lead(), pricingLetter).lead();
    assertEquals(4, l.score()); // 1 + 2 under the condition
    l = NURTURE.fire(l, Event.of("e3", "visited-pricing", T0.plus(HOUR.multipliedBy(3)))).lead();
    assertEquals(9, l.score());
    // Day 8: one whole week since the first point, 9 - 5 = 4, then 30 for the demo: 34.
    l = NURTURE.fire(l, Event.of("e4", "asked-demo", T0.plus(DAY.multipliedBy(8)))).lead();
    assertEquals(34, l.score());
    assertEquals(T0.plus(DAY.multipliedBy(7)).plus(HOUR), l.scoreSince().orElseThrow());
    assertEquals("nurturing", l.stage());
    // Day 9: no new whole week, 34 + 30 = 64 crosses 50 and hands the lead to a manager.
    Outcome hot = NURTURE.fire(l, Event.of("e5", "asked-demo", T0.plus(DAY.multipliedBy(9))));
    assertEquals(Outcome.Status.MOVED, hot.status());
    assertEquals(64, hot.lead().score());
    assertEquals("with-manager", hot.lead().stage());
    assertEquals("manager-1", hot.lead().owner().orElseThrow());
    assertEquals(
        ImmutableList.of("asked-demo", "hot-lead"),
        hot.steps().stream().map(Step::eventType).toList());
    assertEquals("e5/hot-lead", hot.steps().get(1).eventId());
    assertEquals(ImmutableList.of(Actions.assign("manager-1")), hot.effects());
    // Two more weeks on, day 23: 64 - 2 * 5 = 54.
    assertEquals(54, NURTURE.score(hot.lead(), T0.plus(DAY.multipliedBy(23))));
    // Scoring goes on with the manager, but the threshold fires only on a rise through it.
    Outcome more =
        NURTURE.fire(hot.lead(), Event.of("e6", "opened", T0.plus(DAY.multipliedBy(10))));
    assertEquals(65, more.lead().score());
    assertEquals(1, more.steps().size());
  }

  @Test
  void scoring_options_setTwiceOrBad_areRefused() {
    Scoring.Builder b = Scoring.builder().decay(5, DAY).threshold(50, "hot");
    assertEquals(
        "score decay was already set to Decay[points=5, every=PT24H]",
        assertThrows(IllegalStateException.class, () -> b.decay(1, DAY)).getMessage());
    assertEquals(
        "score threshold 50 was already set to fire 'hot'",
        assertThrows(IllegalStateException.class, () -> b.threshold(50, "warm")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.points("x", 0));
    FunnelBuilder f = Funnel.builder("f").scoring(Scoring.NONE);
    assertThrows(IllegalStateException.class, () -> f.scoring(Scoring.NONE));
  }

  @Test
  void thresholdsWithoutRules_andUnhandledThresholdEvents_areReported() {
    FunnelBuilder b = TwoStages.aToB().scoring(Scoring.builder().threshold(10, "warm").build());
    assertEquals(
        ImmutableList.of(
            "score thresholds are declared but no rule gives points",
            "the score threshold at 10 fires 'warm', which no transition, goal or exit takes"),
        b.problems().stream().map(Problem::message).toList());
  }

  /** A funnel scoring 5 a visit, losing 5 a day, with a threshold at exactly 10. */
  private static Funnel daily() {
    return Funnel.builder("daily")
        .stage("nurturing")
        .entry()
        .stage("hot")
        .stage("customer")
        .won()
        .on("warm")
        .from("nurturing")
        .to("hot")
        .on("signed")
        .from("hot")
        .to("customer")
        .scoring(Scoring.builder().points("visited", 5).decay(5, DAY).threshold(10, "warm").build())
        .build();
  }

  @Test
  void score_reachingAThresholdExactly_firesIt() {
    Funnel f = daily();
    Lead lead = f.fire(f.enter("ann", "ads", T0).lead(), Event.of("v1", "visited", T0)).lead();
    assertEquals("nurturing", lead.stage());
    Outcome ten = f.fire(lead, Event.of("v2", "visited", T0.plus(HOUR)));
    assertEquals(10, ten.lead().score());
    assertEquals("hot", ten.lead().stage());
    assertEquals(
        ImmutableList.of("visited", "warm"), ten.steps().stream().map(Step::eventType).toList());
  }

  @Test
  void score_thatDecayedToZero_startsItsDecayAfresh() {
    Funnel f = daily();
    Lead lead = f.fire(f.enter("bob", "ads", T0).lead(), Event.of("v1", "visited", T0)).lead();
    // Day 2.5: the 5 points decayed to 0, so the new 5 count from now, not from T0.
    Instant later = T0.plus(DAY.multipliedBy(5).dividedBy(2));
    Lead again = f.fire(lead, Event.of("v2", "visited", later)).lead();
    assertEquals(5, again.score());
    assertEquals(later, again.scoreSince().orElseThrow());
    assertEquals(5, f.score(again, later.plus(DAY).minusSeconds(1)));
    assertEquals(0, f.score(again, later.plus(DAY)));
  }

  @Test
  void score_risingAgainBeforeAPeriodEnds_keepsCountingFromTheFirstPoint() {
    Funnel f = daily();
    Lead lead = f.fire(f.enter("cy", "ads", T0).lead(), Event.of("v1", "visited", T0)).lead();
    Lead again = f.fire(lead, Event.of("v2", "visited", T0.plus(HOUR))).lead();
    assertEquals(T0, again.scoreSince().orElseThrow());
    assertEquals(5, f.score(again, T0.plus(DAY)));
  }

  @Test
  void thresholds_mustRise_andTheBuilderSortsThem() {
    assertEquals(
        "score thresholds must rise: 10 is not above 20",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Scoring(
                        ImmutableList.of(),
                        null,
                        ImmutableList.of(
                            new Scoring.Threshold(20, "hot"), new Scoring.Threshold(10, "warm"))))
            .getMessage());
    assertEquals(
        "score thresholds must rise: 10 is not above 10",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Scoring(
                        ImmutableList.of(),
                        null,
                        ImmutableList.of(
                            new Scoring.Threshold(10, "hot"), new Scoring.Threshold(10, "warm"))))
            .getMessage());
    Scoring sorted =
        Scoring.builder()
            .points("visited", 1)
            .threshold(20, "hot")
            .threshold(5, "lukewarm")
            .threshold(10, "warm")
            .build();
    assertEquals(
        ImmutableList.of(
            new Scoring.Threshold(5, "lukewarm"),
            new Scoring.Threshold(10, "warm"),
            new Scoring.Threshold(20, "hot")),
        sorted.thresholds());
    assertEquals(Optional.empty(), sorted.decaying());
  }

  @Test
  void decayAndThreshold_notPositive_areRefused() {
    assertEquals(
        "decay points must be positive",
        assertThrows(IllegalArgumentException.class, () -> new Scoring.Decay(0, DAY)).getMessage());
    assertEquals(
        "decay period must be positive",
        assertThrows(IllegalArgumentException.class, () -> new Scoring.Decay(1, Duration.ZERO))
            .getMessage());
    assertEquals(
        "decay period PT-24H is outside PT0S to PT876600H",
        assertThrows(IllegalArgumentException.class, () -> new Scoring.Decay(1, DAY.negated()))
            .getMessage());
    assertEquals(
        "a score threshold must be positive",
        assertThrows(IllegalArgumentException.class, () -> new Scoring.Threshold(0, "hot"))
            .getMessage());
    assertEquals(
        Optional.of(new Scoring.Decay(1, DAY)),
        Scoring.builder().points("visited", 1).decay(1, DAY).build().decaying());
  }
}
