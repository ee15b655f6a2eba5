package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validator's reports: errors before warnings, each kind kept up to its bound, and the checks
 * of offers, reachability, ways out, timers and dispatch where the stages and events they walk are
 * shared.
 */
final class ValidatorTest {
  private static final Duration HOUR = Duration.ofHours(1);

  /** A valid funnel to add to: entry "a", won "b", "go" from a to b. */
  private static FunnelBuilder valid() {
    return TwoStages.aToB();
  }

  private static ImmutableList<String> messages(FunnelBuilder b) {
    return b.problems().stream().map(Problem::message).collect(ImmutableList.toImmutableList());
  }

  private static long count(List<Problem> problems, Problem.Code code) {
    return problems.stream().filter(p -> p.code() == code).count();
  }

  @Test
  void problems_moreThanTheBoundOfErrorsAndOfWarnings_keepTheBoundOfEach_errorsFirst() {
    int n = Validator.MAX_PROBLEMS + 1;
    FunnelBuilder b = valid();
    // Each stage is unreachable (an error), and its timer fires an event nothing takes (a
    // warning), which the timer check finds before reachability is looked at.
    for (int i = 0; i < n; i++) {
      b = b.stage("s" + i).after(HOUR).in("s" + i).fire("tick" + i);
    }
    ImmutableList<Problem> problems = b.problems();
    assertEquals(2 * Validator.MAX_PROBLEMS, problems.size());
    assertEquals(Validator.MAX_PROBLEMS, count(problems, Problem.Code.UNREACHABLE_STAGE));
    assertEquals(Validator.MAX_PROBLEMS, count(problems, Problem.Code.UNHANDLED_EVENT));
    assertEquals(Problem.Code.UNREACHABLE_STAGE, problems.get(0).code());
    assertEquals(ImmutableList.of("s0"), problems.get(0).ids());
    assertEquals(Problem.Code.UNREACHABLE_STAGE, problems.get(Validator.MAX_PROBLEMS - 1).code());
    assertEquals(Problem.Code.UNHANDLED_EVENT, problems.get(Validator.MAX_PROBLEMS).code());
    assertEquals(ImmutableList.of("s0", "tick0"), problems.get(Validator.MAX_PROBLEMS).ids());
  }

  @Test
  void tripwire_costingNoLessThanSeveralCoreProducts_isReportedForEach_inDeclarationOrder() {
    FunnelBuilder b =
        valid()
            .offer(Offer.coreProduct("dear", Money.of("100", "EUR")))
            .offer(Offer.coreProduct("mid", Money.of("20", "EUR")))
            .offer(Offer.coreProduct("cheap", Money.of("10", "EUR")))
            .offer(Offer.tripwire("lesson", Money.of("30", "EUR")));
    assertEquals(
        ImmutableList.of(
            "tripwire 'lesson' costs no less than core product 'mid'",
            "tripwire 'lesson' costs no less than core product 'cheap'"),
        messages(b));
  }

  @Test
  void stageDeclaredFirst_butNotAnEntry_isReachedThroughATransition() {
    FunnelBuilder b =
        Funnel.builder("f").stage("won").won().stage("a").entry().on("go").from("a").to("won");
    assertEquals(ImmutableList.of(), b.problems());
  }

  @Test
  void transitionsFromKnownAndTerminalStages_areCheckedForAmbiguityInTheActiveOnes() {
    FunnelBuilder b =
        Funnel.builder("f")
            .stage("a")
            .entry()
            .stage("c")
            .stage("b")
            .won()
            .stage("d")
            .won()
            .on("next")
            .from("a")
            .to("c")
            .on("go")
            .from("a", "c", "b")
            .to("b")
            .on("go")
            .from("a", "c")
            .to("d");
    ImmutableList<Problem> problems = b.problems();
    assertEquals(
        ImmutableList.of(
            "transition 'go: a,c,b -> b' leaves terminal stage 'b'",
            // The pair is reported once, in the first stage where it cannot be told apart.
            "transitions 'go: a,c,b -> b' and 'go: a,c -> d' cannot be told apart in stage 'a'"),
        problems.stream().map(Problem::message).toList());
  }

  @Test
  void transitionsFromAnyStage_toOneTarget_leaveThatTargetWithoutAWayOut() {
    FunnelBuilder b =
        valid()
            .stage("paused")
            .on("pause")
            .fromAny()
            .to("paused")
            .on("hold")
            .fromAny()
            .to("paused");
    assertEquals(
        ImmutableList.of(Problem.Code.NO_WAY_OUT),
        b.problems().stream().map(Problem::code).toList());
    assertEquals(ImmutableList.of("paused"), b.problems().get(0).ids());
    FunnelBuilder twoTargets =
        valid()
            .stage("paused")
            .stage("stopped")
            .lost()
            .on("pause")
            .fromAny()
            .to("paused")
            .on("stop")
            .fromAny()
            .to("stopped");
    assertEquals(ImmutableList.of(), twoTargets.problems());
  }

  @Test
  void timerEvent_takenOnlyFromAnotherStage_isAWarning_andOneTakenFromAnyStageIsNot() {
    FunnelBuilder b =
        valid()
            .stage("c")
            .on("tick")
            .from("c")
            .to("b")
            .on("back")
            .from("a")
            .to("c")
            .on("ping")
            .fromAny()
            .stay()
            .after(HOUR)
            .in("a")
            .fire("tick")
            .after(HOUR)
            .in("c")
            .fire("tick")
            .after(HOUR)
            .in("a")
            .fire("ping");
    assertEquals(
        ImmutableList.of("timer event 'tick' has no transition in stage 'a'"), messages(b));
    assertEquals(Problem.Code.UNHANDLED_EVENT, b.problems().get(0).code());
  }
}
