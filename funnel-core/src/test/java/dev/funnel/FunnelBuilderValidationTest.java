package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class FunnelBuilderValidationTest {
  private static final Duration DAY = Duration.ofDays(1);
  private static final String EMAIL = "jane.doe@example.com";
  private static final String PHONE = "+49 170 1234567";

  /** A valid funnel to add one defect to: entry "a", won "b", "go" from a to b. */
  private static FunnelBuilder valid() {
    return TwoStages.aToB();
  }

  private static FunnelDefinitionException failure(FunnelBuilder builder) {
    return assertThrows(FunnelDefinitionException.class, builder::build);
  }

  private static String message(Exception e) {
    return String.valueOf(e.getMessage());
  }

  private static ImmutableSet<Problem.Code> codes(List<Problem> problems) {
    return problems.stream().map(Problem::code).collect(ImmutableSet.toImmutableSet());
  }

  /** Asserts the build fails with exactly one problem, of this code and ids, and a hint. */
  private static void assertOnlyProblem(FunnelBuilder builder, Problem.Code code, String... ids) {
    FunnelDefinitionException e = failure(builder);
    assertEquals(1, e.problems().size(), e.getMessage());
    Problem p = e.problems().get(0);
    assertEquals(code, p.code());
    assertEquals(ImmutableList.copyOf(ids), p.ids());
    assertFalse(p.message().isBlank());
    assertFalse(p.hint().isBlank());
  }

  @Test
  void build_validDefinition_hasNoProblems() {
    assertEquals(ImmutableList.of(), valid().problems());
    assertEquals(ImmutableList.of(), valid().build().warnings());
  }

  @Test
  void build_duplicateStage_isReported() {
    assertOnlyProblem(valid().stage("a"), Problem.Code.DUPLICATE_ID, "a");
  }

  @Test
  void build_duplicateOffer_isReported() {
    assertOnlyProblem(
        valid().offer(Offer.leadMagnet("guide")).offer(Offer.leadMagnet("guide").named("Guide")),
        Problem.Code.DUPLICATE_ID,
        "guide");
  }

  @Test
  void build_duplicateTimer_isReported() {
    FunnelBuilder b =
        valid()
            .on("tick")
            .from("a")
            .after(DAY)
            .in("a")
            .fire("tick")
            .after(DAY)
            .in("a")
            .fire("tick");

    assertOnlyProblem(b, Problem.Code.DUPLICATE_ID, "a", "tick");
  }

  @Test
  void build_timersWithSameEventAndDifferentDelays_areNotDuplicates() {
    Funnel f =
        valid()
            .on("tick")
            .from("a")
            .after(DAY)
            .in("a")
            .fire("tick")
            .after(DAY.multipliedBy(2))
            .in("a")
            .fire("tick")
            .build();

    assertEquals(2, f.timers().size());
  }

  @Test
  void build_transitionFromUnknownStage_isReported() {
    assertOnlyProblem(
        valid().on("jump").from("nowhere").to("b"), Problem.Code.UNKNOWN_STAGE, "nowhere");
  }

  @Test
  void build_transitionToUnknownStage_isReported() {
    assertOnlyProblem(
        valid().on("jump").from("a").to("nowhere"), Problem.Code.UNKNOWN_STAGE, "nowhere");
  }

  @Test
  void build_timerInUnknownStage_isReported() {
    assertOnlyProblem(
        valid().after(DAY).in("nowhere").fire("go"), Problem.Code.UNKNOWN_STAGE, "nowhere");
  }

  @Test
  void build_incompleteTimer_isReported() {
    FunnelDefinitionException noEvent = failure(valid().after(DAY).in("a"));
    FunnelDefinitionException nothing = failure(valid().after(DAY));

    assertEquals(1, noEvent.problems().size());
    assertTrue(noEvent.problems().get(0).message().contains("event"));
    assertEquals(1, nothing.problems().size());
    assertTrue(nothing.problems().get(0).message().contains("stage"));
  }

  @Test
  void build_boughtGuardWithUnknownOffer_isReported() {
    assertOnlyProblem(
        valid()
            .on("upsell")
            .from("a")
            .to("b")
            .when(Conditions.all(Conditions.not(Conditions.bought("ghost")))),
        Problem.Code.UNKNOWN_OFFER,
        "ghost",
        "upsell");
  }

  @Test
  void build_presentActionWithUnknownOffer_isReported() {
    assertOnlyProblem(
        valid().on("offer").from("a").then(Actions.present("ghost")),
        Problem.Code.UNKNOWN_OFFER,
        "ghost",
        "offer");
  }

  @Test
  void build_knownOffers_areAccepted() {
    Funnel f =
        valid()
            .offer(Offer.leadMagnet("guide"))
            .on("offer")
            .from("a")
            .when(Conditions.bought("guide"))
            .then(Actions.present("guide"))
            .build();

    assertEquals(ImmutableList.of(), f.warnings());
  }

  @Test
  void build_noEntryStage_isReported() {
    assertOnlyProblem(
        Funnel.builder("f").stage("a").stage("b").won().on("go").from("a").to("b"),
        Problem.Code.NO_ENTRY_STAGE);
  }

  @Test
  void build_terminalEntryStage_isReported() {
    assertOnlyProblem(valid().stage("done").entry().won(), Problem.Code.TERMINAL_ENTRY, "done");
  }

  @Test
  void build_unreachableStage_isReported() {
    assertOnlyProblem(
        valid().stage("island").on("leave").from("island").to("b"),
        Problem.Code.UNREACHABLE_STAGE,
        "island");
  }

  @Test
  void build_stageWithoutWayOut_isReported() {
    assertOnlyProblem(
        valid().stage("c").on("stuck").from("a").to("c"), Problem.Code.NO_WAY_OUT, "c");
  }

  @Test
  void build_stageWithOnlySelfAndStayTransitions_hasNoWayOut() {
    FunnelBuilder b =
        valid()
            .stage("c")
            .on("stuck")
            .from("a")
            .to("c")
            .on("again")
            .from("c")
            .to("c")
            .on("note")
            .from("c");

    assertOnlyProblem(b, Problem.Code.NO_WAY_OUT, "c");
  }

  @Test
  void build_stageWhoseOnlyWayOutIsATimer_isValid() {
    Funnel f =
        valid()
            .stage("c")
            .on("wait")
            .from("a")
            .to("c")
            .after(DAY)
            .in("c")
            .fire("timeout")
            .on("timeout")
            .from("c")
            .to("b")
            .build();

    assertEquals(ImmutableList.of(), f.warnings());
  }

  @Test
  void build_transitionFromTerminalStage_isReported() {
    assertOnlyProblem(
        valid().on("undo").from("b").to("a"), Problem.Code.TRANSITION_FROM_TERMINAL, "b", "undo");
  }

  @Test
  void build_twoUnguardedTransitionsSameSourceEventPriority_areAmbiguous() {
    assertOnlyProblem(
        valid().stage("c").won().on("go").from("a").to("c"),
        Problem.Code.AMBIGUOUS_TRANSITIONS,
        "a",
        "go");
  }

  @Test
  void build_fromAnyOverlappingUnguardedTransition_isAmbiguous() {
    assertOnlyProblem(
        valid().stage("c").won().on("go").fromAny().to("c"),
        Problem.Code.AMBIGUOUS_TRANSITIONS,
        "a",
        "go");
  }

  @Test
  void build_unguardedTransitionsWithDifferentPriorities_areNotAmbiguousButShadowed() {
    Funnel f = valid().stage("c").won().on("go").from("a").to("c").priority(1).build();

    assertEquals(ImmutableSet.of(Problem.Code.SHADOWED_TRANSITION), codes(f.warnings()));
    assertEquals(ImmutableList.of("a", "go"), f.warnings().get(0).ids());
  }

  @Test
  void build_guardedTransitionBeforeUnguarded_isNeitherAmbiguousNorShadowed() {
    Funnel f =
        valid()
            .stage("c")
            .won()
            .on("go")
            .from("a")
            .to("c")
            .when(Conditions.channel("ads"))
            .priority(1)
            .build();

    assertEquals(ImmutableList.of(), f.warnings());
  }

  @Test
  void build_timerOnTerminalStage_isReported() {
    assertOnlyProblem(
        valid().after(DAY).in("b").fire("go"), Problem.Code.TIMER_ON_TERMINAL, "b", "go");
  }

  @Test
  void build_transitionWithoutSource_isReported() {
    assertOnlyProblem(valid().on("orphan").to("b"), Problem.Code.MISSING_SOURCE, "orphan");
  }

  @Test
  void build_transitionWithoutSource_stillHasItsOtherDefectsReported() {
    FunnelBuilder b =
        valid()
            .on("orphan")
            .to("nowhere")
            .when(Conditions.bought("ghost"))
            .then(new Action(Actions.SEND, ImmutableMap.of()));

    FunnelDefinitionException e = failure(b);

    assertEquals(
        ImmutableSet.of(
            Problem.Code.MISSING_SOURCE,
            Problem.Code.UNKNOWN_STAGE,
            Problem.Code.UNKNOWN_OFFER,
            Problem.Code.INVALID_ACTION),
        codes(e.problems()));
    assertEquals(e.problems(), b.problems());
  }

  @Test
  void build_timerWithoutEvent_isReportedAsIncomplete() {
    FunnelDefinitionException e = failure(valid().after(DAY).in("a"));
    assertEquals(ImmutableSet.of(Problem.Code.INCOMPLETE_TIMER), codes(e.problems()));
  }

  @Test
  void build_builtInActionsLackingParameters_areReported() {
    FunnelBuilder b =
        valid()
            .on("x")
            .from("a")
            .then(
                new Action(Actions.SEND, ImmutableMap.of()),
                new Action(Actions.ASSIGN, ImmutableMap.of()),
                new Action(Actions.SET, ImmutableMap.of("attribute", "score")),
                new Action(Actions.REMOVE, ImmutableMap.of()),
                new Action(Actions.SEGMENT, ImmutableMap.of()),
                new Action(Actions.PRESENT, ImmutableMap.of()),
                new Action(Actions.HAND_OFF, ImmutableMap.of("funnel", "repeat")));

    FunnelDefinitionException e = failure(b);

    assertEquals(ImmutableSet.of(Problem.Code.INVALID_ACTION), codes(e.problems()));
    assertEquals(
        ImmutableList.of(
            ImmutableList.of("send", "x"),
            ImmutableList.of("assign", "x"),
            ImmutableList.of("set", "x"),
            ImmutableList.of("remove", "x"),
            ImmutableList.of("segment", "x"),
            ImmutableList.of("present", "x"),
            ImmutableList.of("hand-off", "x")),
        e.problems().stream().map(Problem::ids).collect(Collectors.toList()));
  }

  @Test
  void build_customActionWithAnyParameters_isValid() {
    Funnel f = valid().on("x").from("a").then(Actions.custom("crm-sync")).build();

    assertEquals(ImmutableSet.of("crm-sync"), f.customActions());
  }

  @Test
  void build_pricedLeadMagnet_isReported() {
    Offer priced = new Offer("guide", Offer.Tier.LEAD_MAGNET, "Guide", Money.of("5", "EUR"));

    assertOnlyProblem(valid().offer(priced), Problem.Code.INVALID_OFFER, "guide");
  }

  @Test
  void build_leadMagnetPricedZero_isValid() {
    Offer free = new Offer("guide", Offer.Tier.LEAD_MAGNET, "Guide", Money.zero("EUR"));

    assertEquals(ImmutableList.of(), valid().offer(free).problems());
  }

  @Test
  void build_tripwireCostingAsMuchAsCoreProduct_isReported() {
    assertOnlyProblem(
        valid()
            .offer(Offer.tripwire("lesson", Money.of("49", "EUR")))
            .offer(Offer.coreProduct("course", Money.of("49.00", "EUR"))),
        Problem.Code.INVALID_OFFER,
        "lesson",
        "course");
  }

  @Test
  void build_tripwireCostingMoreThanCoreProduct_isReported() {
    assertOnlyProblem(
        valid()
            .offer(Offer.coreProduct("course", Money.of("49", "EUR")))
            .offer(Offer.tripwire("lesson", Money.of("50", "EUR"))),
        Problem.Code.INVALID_OFFER,
        "lesson",
        "course");
  }

  @Test
  void build_tripwireBelowCoreOrInAnotherCurrency_isValid() {
    FunnelBuilder b =
        valid()
            .offer(Offer.tripwire("lesson", Money.of("9.90", "EUR")))
            .offer(Offer.tripwire("lesson-usd", Money.of("500", "USD")))
            .offer(Offer.coreProduct("course", Money.of("49", "EUR")))
            .offer(Offer.profitMaximizer("gear", Money.of("5", "EUR")));

    assertEquals(ImmutableList.of(), b.problems());
  }

  @Test
  void build_severalDefects_reportsAllInOneException() {
    FunnelBuilder b =
        Funnel.builder("broken")
            .stage("a")
            .entry()
            .stage("a")
            .stage("b")
            .won()
            .stage("entry-end")
            .entry()
            .lost()
            .stage("island")
            .stage("stuck")
            .offer(new Offer("guide", Offer.Tier.LEAD_MAGNET, "Guide", Money.of("1", "EUR")))
            .on("go")
            .from("a")
            .to("b")
            .on("go")
            .from("a")
            .to("entry-end")
            .on("jump")
            .from("nowhere")
            .to("b")
            .on("leave")
            .from("island")
            .to("b")
            .on("stick")
            .from("a")
            .to("stuck")
            .on("undo")
            .from("b")
            .to("a")
            .on("upsell")
            .from("a")
            .when(Conditions.bought("ghost"))
            .on("orphan")
            .to("b")
            .on("mail")
            .from("a")
            .then(new Action(Actions.SEND, ImmutableMap.of()))
            .after(DAY)
            .in("b")
            .fire("go");

    FunnelDefinitionException e = failure(b);

    assertEquals(
        ImmutableSet.of(
            Problem.Code.DUPLICATE_ID,
            Problem.Code.UNKNOWN_STAGE,
            Problem.Code.UNKNOWN_OFFER,
            Problem.Code.TERMINAL_ENTRY,
            Problem.Code.UNREACHABLE_STAGE,
            Problem.Code.NO_WAY_OUT,
            Problem.Code.TRANSITION_FROM_TERMINAL,
            Problem.Code.AMBIGUOUS_TRANSITIONS,
            Problem.Code.TIMER_ON_TERMINAL,
            Problem.Code.MISSING_SOURCE,
            Problem.Code.INVALID_ACTION,
            Problem.Code.INVALID_OFFER),
        codes(e.problems()));
    assertTrue(message(e).startsWith("funnel 'broken' has " + e.problems().size() + " problems"));
    for (Problem p : e.problems()) {
      assertFalse(p.code().isWarning());
      assertFalse(p.hint().isBlank());
      assertTrue(message(e).contains(p.toString()));
    }
  }

  @Test
  void build_sameDefects_reportedInTheSameOrder() {
    FunnelBuilder b = valid().stage("a").on("jump").from("nowhere").to("b").on("orphan").to("b");

    assertEquals(failure(b).problems(), failure(b).problems());
  }

  @Test
  void build_noEntryStage_doesNotAlsoReportEveryStageUnreachable() {
    FunnelDefinitionException e =
        failure(Funnel.builder("f").stage("a").stage("b").won().on("go").from("a").to("b"));

    assertEquals(ImmutableSet.of(Problem.Code.NO_ENTRY_STAGE), codes(e.problems()));
  }

  @Test
  void build_timerEventNoTransitionTakes_isWarningOnly() {
    FunnelBuilder b = valid().after(DAY).in("a").fire("tick");

    Funnel f = b.build();

    Problem expected = b.problems().get(0);
    assertEquals(Problem.Code.UNHANDLED_EVENT, expected.code());
    assertEquals(ImmutableList.of("a", "tick"), expected.ids());
    assertEquals(ImmutableList.of(expected), f.warnings());
    assertEquals(ImmutableList.of(expected), b.problems());
  }

  @Test
  void build_shadowedTransition_isWarningOnly() {
    FunnelBuilder b = valid().on("go").from("a").when(Conditions.channel("ads"));

    Funnel f = b.build();

    assertEquals(ImmutableSet.of(Problem.Code.SHADOWED_TRANSITION), codes(f.warnings()));
    assertEquals(ImmutableList.of("a", "go"), f.warnings().get(0).ids());
    assertEquals(f.warnings(), b.problems());
  }

  @Test
  void problems_listsErrorsBeforeWarningsWithoutThrowing() {
    FunnelBuilder b =
        valid()
            .after(DAY)
            .in("a")
            .fire("tick")
            .on("go")
            .from("a")
            .when(Conditions.channel("ads"))
            .on("orphan")
            .to("b")
            .on("jump")
            .from("a")
            .to("nowhere");

    ImmutableList<Problem> problems = b.problems();

    assertEquals(4, problems.size());
    assertEquals(
        ImmutableList.of(false, false, true, true),
        problems.stream().map(p -> p.code().isWarning()).collect(Collectors.toList()));
    assertEquals(
        ImmutableSet.copyOf(problems.subList(0, 2)), ImmutableSet.copyOf(failure(b).problems()));
  }

  @Test
  void problemCodes_onlyUnhandledEventAndShadowedTransitionAreWarnings() {
    assertEquals(
        ImmutableSet.of(Problem.Code.UNHANDLED_EVENT, Problem.Code.SHADOWED_TRANSITION),
        Arrays.stream(Problem.Code.values())
            .filter(Problem.Code::isWarning)
            .collect(ImmutableSet.toImmutableSet()));
  }

  @Test
  void problem_toString_givesCodeMessageAndHint() {
    Problem p =
        new Problem(
            Problem.Code.NO_WAY_OUT, ImmutableList.of("pay"), "stage 'pay' is stuck", "fix");

    assertEquals("NO_WAY_OUT: stage 'pay' is stuck; fix", p.toString());
    assertEquals(ImmutableList.of("pay"), p.ids());
  }

  @Test
  void exceptionMessage_oneProblem_isSingular() {
    FunnelDefinitionException e = failure(valid().stage("a"));

    assertTrue(message(e).startsWith("funnel 'f' has 1 problem\n"), message(e));
  }

  @Test
  void exceptionMessage_neverShowsAttributeOrParameterValues() {
    FunnelBuilder b =
        valid()
            .on("match")
            .from("a")
            .to("nowhere")
            .when(
                Conditions.any(
                    Conditions.attr("email").eq(EMAIL), Conditions.payload("phone").in(PHONE)))
            .then(Actions.set("phone", PHONE), Actions.custom("mail", ImmutableMap.of("to", EMAIL)))
            .on("orphan")
            .to("b")
            .on("store")
            .from("a")
            .then(new Action(Actions.SET, ImmutableMap.of("value", EMAIL)));

    FunnelDefinitionException e = failure(b);

    assertTrue(e.problems().size() >= 3, e.getMessage());
    assertFalse(message(e).contains(EMAIL));
    assertFalse(message(e).contains(PHONE));
    for (Problem p : e.problems()) {
      assertFalse(p.toString().contains(EMAIL));
      assertFalse(p.toString().contains(PHONE));
    }
  }
}
