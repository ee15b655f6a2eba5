package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Goals, exits and scoring are checked against the stages, offers and transitions of the funnel,
 * every problem reported with the control's id, and only complete controls are kept.
 */
final class ControlDraftsTest {
  private static final Duration DAY = Duration.ofDays(1);

  private static FunnelBuilder base() {
    return Funnel.builder("f")
        .offer(Offer.coreProduct("board", Money.of("9.90", "EUR")))
        .stage("a")
        .entry()
        .stage("b")
        .stage("won")
        .won()
        .stage("gone")
        .lost()
        .on("go")
        .from("a")
        .to("b")
        .on("buy")
        .from("b")
        .to("won")
        .on("quit")
        .from("a", "b")
        .to("gone");
  }

  private static ImmutableList<String> messages(FunnelBuilder b) {
    return b.problems().stream().map(Problem::message).collect(ImmutableList.toImmutableList());
  }

  @Test
  void goals_withoutStage_toAnUnknownStage_orWithoutEventAndCondition_areReported() {
    FunnelBuilder b =
        base()
            .goal("no-stage")
            .onEvent("paid")
            .goal("elsewhere")
            .onEvent("paid")
            .to("nowhere")
            .goal("nothing")
            .to("won");
    ImmutableList<Problem> problems = b.problems();
    assertEquals(
        ImmutableList.of(
            "goal 'no-stage' names no stage",
            "goal 'elsewhere' goes to stage 'nowhere', which the funnel lacks",
            "goal 'nothing' has neither an event nor a condition"),
        problems.stream().map(Problem::message).toList());
    assertEquals(
        ImmutableList.of(
            ImmutableList.of("no-stage"),
            ImmutableList.of("elsewhere", "nowhere"),
            ImmutableList.of("nothing")),
        problems.stream().map(Problem::ids).toList());
    assertEquals(
        ImmutableList.of(
            Problem.Code.INVALID_GOAL, Problem.Code.UNKNOWN_STAGE, Problem.Code.INVALID_GOAL),
        problems.stream().map(Problem::code).toList());
    assertThrows(FunnelDefinitionException.class, b::build);
  }

  @Test
  void exits_withoutStage_toAnActiveStage_orWithoutEventAndCondition_areReported() {
    FunnelBuilder b =
        base()
            .exit("no-stage")
            .onEvent("left")
            .exit("active")
            .onEvent("left")
            .to("b")
            .exit("nothing")
            .to("gone");
    ImmutableList<Problem> problems = b.problems();
    assertEquals(
        ImmutableList.of(
            "exit 'no-stage' names no stage",
            "exit 'active' goes to stage 'b', which is not terminal",
            "exit 'nothing' has neither an event nor a condition"),
        problems.stream().map(Problem::message).toList());
    assertEquals(
        ImmutableList.of(
            ImmutableList.of("no-stage"),
            ImmutableList.of("active", "b"),
            ImmutableList.of("nothing")),
        problems.stream().map(Problem::ids).toList());
    assertEquals(
        ImmutableList.of(Problem.Code.INVALID_EXIT),
        problems.stream().map(Problem::code).distinct().toList());
  }

  @Test
  void controls_namingAnUnknownOffer_areReportedAndAKnownOneIsNot() {
    FunnelBuilder b =
        base()
            .goal("bought")
            .when(Conditions.bought("board"))
            .to("won")
            .goal("other")
            .when(Conditions.bought("gear"))
            .to("won")
            .exit("refunded")
            .when(Conditions.offer("course"))
            .to("gone");
    assertEquals(
        ImmutableList.of(
            "goal 'other' names offer 'gear', which the funnel lacks",
            "exit 'refunded' names offer 'course', which the funnel lacks"),
        messages(b));
  }

  @Test
  void aGoalAndAnExit_mayShareAName_butTwoExitsMayNot() {
    Funnel f =
        base()
            .goal("done")
            .onEvent("paid")
            .to("won")
            .exit("done")
            .onEvent("left")
            .to("gone")
            .build();
    assertEquals("done", f.goals().get(0).id());
    assertEquals("done", f.exits().get(0).reason());
    FunnelBuilder twice =
        base().exit("done").onEvent("left").to("gone").exit("done").onEvent("quit").to("gone");
    assertEquals(ImmutableList.of("exit reason 'done' is declared twice"), messages(twice));
  }

  @Test
  void scoreThresholds_firingAnEventOnlyAGoalOrAnExitTakes_areHandled() {
    Scoring scoring =
        Scoring.builder().points("go", 10).threshold(10, "hot").threshold(20, "cold").build();
    Funnel f =
        base()
            .goal("hot-lead")
            .onEvent("hot")
            .to("won")
            .exit("too-cold")
            .onEvent("cold")
            .to("gone")
            .scoring(scoring)
            .build();
    assertEquals(scoring, f.scoring());
  }

  @Test
  void scoringRule_namingAnUnknownOffer_isReportedAlone_andDropsTheScoringFromFurtherChecks() {
    FunnelBuilder b =
        base()
            .scoring(
                Scoring.builder()
                    .points("buy", 5, Conditions.offer("gear"))
                    .threshold(5, "unhandled")
                    .build());
    assertEquals(
        ImmutableList.of("the scoring rule for 'buy' names offer 'gear', which the funnel lacks"),
        messages(b));
  }

  @Test
  void toBuilder_keepsTheScoring_andAFunnelWithoutScoringCanBeGivenOnce() {
    Scoring scoring = Scoring.builder().points("go", 3).build();
    Funnel scored = base().scoring(scoring).build();
    assertEquals(scoring, scored.toBuilder().build().scoring());
    Funnel plain = base().build();
    assertEquals(scoring, plain.toBuilder().scoring(scoring).build().scoring());
  }

  @Test
  void goalWindow_isKeptThroughToBuilder() {
    Funnel f = base().goal("quick").onEvent("paid").within(DAY).to("won").build();
    Goal g = f.toBuilder().build().goals().get(0);
    assertEquals(DAY, g.window().orElseThrow());
    assertEquals("paid", g.eventType().orElseThrow());
  }
}
