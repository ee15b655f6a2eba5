package dev.funnel.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.funnel.Event;
import dev.funnel.Experiment;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ExperimentFiguresTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Experiment TEST =
      Experiment.of(
          "welcome-test",
          "2026-12",
          Experiment.Arm.of("letter", 3),
          Experiment.Arm.holdout("holdout", 1));

  @Test
  void report_fourHundredLeads_givesConversionPerArmAndTheLiftWithItsWaldInterval() {
    Funnel f =
        Funnel.builder("shop")
            .stage("visitor")
            .entry()
            .stage("buyer")
            .won()
            .on("paid")
            .from("visitor")
            .to("buyer")
            .experiment(TEST)
            .build();
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String id = "lead-" + i;
      Outcome entered = f.enter(id, "ads", T0);
      steps.addAll(entered.steps());
      Lead lead = entered.lead();
      boolean treated = lead.attribute(TEST.attribute()).orElseThrow().equals("letter");
      if (treated ? i % 4 == 0 : i % 10 == 0) {
        steps.addAll(f.fire(lead, Event.of("p-" + i, "paid", T0.plusSeconds(60))).steps());
      }
    }

    ExperimentFigures figures = Report.of(f, steps).experiment("welcome-test").orElseThrow();

    assertEquals(
        new ExperimentFigures.Arm("letter", false, 306, 77), figures.arm("letter").orElseThrow());
    assertEquals(
        new ExperimentFigures.Arm("holdout", true, 94, 5), figures.arm("holdout").orElseThrow());
    assertEquals(Ratio.of(77, 306), figures.arm("letter").orElseThrow().conversion());
    ExperimentFigures.Lift lift = figures.lift().orElseThrow();
    // 77/306 - 5/94, and ± 1.96 standard errors of the difference.
    assertEquals(0.19844249756640245, lift.difference(), 1e-12);
    assertEquals(0.13194297052916423, lift.low(), 1e-12);
    assertEquals(0.2649420246036407, lift.high(), 1e-12);
    assertEquals(0.95, lift.level());
  }

  @Test
  void lift_withoutHoldoutLeads_isEmpty() {
    ExperimentFigures figures =
        new ExperimentFigures(
            "x",
            ImmutableList.of(
                new ExperimentFigures.Arm("a", false, 10, 1),
                new ExperimentFigures.Arm("h", true, 0, 0)));
    assertEquals(Optional.empty(), figures.lift());
  }
}
