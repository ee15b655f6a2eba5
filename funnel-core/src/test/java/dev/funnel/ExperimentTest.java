package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ExperimentTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  static final Experiment WELCOME =
      Experiment.of(
          "welcome-test",
          "2026-12",
          Experiment.Arm.of("short", 45),
          Experiment.Arm.of("long", 45),
          Experiment.Arm.holdout("holdout", 10));

  static Funnel shop() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("buyer")
        .won()
        .on("paid")
        .from("visitor")
        .to("buyer")
        .on("contact-left")
        .from("visitor")
        .when(Conditions.attr(WELCOME.attribute()).eq("short"))
        .then(Actions.send("welcome-short", "email"))
        .experiment(WELCOME)
        .build();
  }

  @Test
  void armOf_tenThousandLeads_splitsByWeightTheSameWayEveryTime() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      counts.merge(WELCOME.armOf("lead-" + i).name(), 1, Integer::sum);
    }
    assertEquals(Map.of("short", 4_512, "long", 4_489, "holdout", 999), counts);
    assertEquals("long", WELCOME.armOf("lead-42").name());
    assertEquals(WELCOME.armOf("lead-42"), WELCOME.armOf("lead-42"));
  }

  @Test
  void armOf_anotherSalt_reshuffles() {
    Experiment other = new Experiment(WELCOME.id(), "2027-01", WELCOME.arms());
    int moved = 0;
    for (int i = 0; i < 1_000; i++) {
      if (!other.armOf("lead-" + i).equals(WELCOME.armOf("lead-" + i))) {
        moved++;
      }
    }
    assertTrue(moved > 400, "moved " + moved);
  }

  @Test
  void enter_setsTheArmAttribute_andGuardsBranchOnIt() {
    Funnel f = shop();
    Lead lead = f.enter("lead-0", "ads", T0).lead();
    String arm = WELCOME.armOf("lead-0").name();
    assertEquals(arm, lead.attribute("arm:welcome-test").orElseThrow());
    Outcome out = f.fire(lead, Event.of("e1", "contact-left", T0));
    assertEquals(arm.equals("short"), out.isAccepted());
  }

  @Test
  void gate_holdoutLead_isSuppressedForMarketingButGetsReceipts() {
    Funnel f = shop();
    String held = null;
    String treated = null;
    for (int i = 0; held == null || treated == null; i++) {
      String id = "lead-" + i;
      if (WELCOME.holdsOut(id)) {
        held = held == null ? id : held;
      } else {
        treated = treated == null ? id : treated;
      }
    }
    Lead h = f.enter(held, "ads", T0).lead();
    Lead t = f.enter(treated, "ads", T0).lead();
    Action letter = Actions.send("welcome-short", "email");
    Action receipt = Actions.send("receipt", "email", Purpose.TRANSACTIONAL);

    Dispatch dh = ContactGate.decide(f, h, letter, T0, ContactRecord.EMPTY);
    assertEquals(Dispatch.Verdict.SUPPRESS, dh.verdict());
    assertEquals(Dispatch.Reason.HOLDOUT, dh.reason());
    assertEquals(
        Dispatch.Verdict.SEND,
        ContactGate.decide(f, h, receipt, T0, ContactRecord.EMPTY).verdict());
    assertEquals(
        Dispatch.Verdict.SEND, ContactGate.decide(f, t, letter, T0, ContactRecord.EMPTY).verdict());
  }

  @Test
  void build_badExperiments_areReportedTogether() {
    FunnelBuilder b =
        TwoStages.aToB()
            .experiment(Experiment.of("x", "s", Experiment.Arm.of("only", 1)))
            .experiment(
                Experiment.of("y", "s", Experiment.Arm.of("a", 1), Experiment.Arm.of("a", 2)))
            .experiment(
                Experiment.of("y", "s", Experiment.Arm.of("a", 1), Experiment.Arm.of("b", 2)));
    ImmutableList<Problem> problems = b.problems();
    assertEquals(
        ImmutableList.of(
            "experiment 'x' has 1 arms",
            "experiment 'y' has two arms named 'a'",
            "experiment 'y' is declared twice"),
        problems.stream().map(Problem::message).collect(ImmutableList.toImmutableList()));
    assertTrue(problems.stream().allMatch(p -> p.code() == Problem.Code.INVALID_EXPERIMENT));
    assertNotEquals(0, problems.size());
  }

  @Test
  void arm_withoutAPositiveWeight_isRefused() {
    assertEquals(
        "arm 'control' must have a positive weight",
        assertThrows(IllegalArgumentException.class, () -> Experiment.Arm.of("control", 0))
            .getMessage());
    assertEquals(1, Experiment.Arm.holdout("control", 1).weight());
  }

  @Test
  void experiment_weighingMoreThanAnIntInTotal_isRefused_butExactlyAsMuchIsNot() {
    Experiment full =
        Experiment.of(
            "x", "s", Experiment.Arm.of("a", Integer.MAX_VALUE - 1), Experiment.Arm.of("b", 1));
    assertEquals(
        ImmutableList.of("a", "b"), full.arms().stream().map(Experiment.Arm::name).toList());
    assertEquals(
        "experiment 'y' weighs too much in total",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Experiment.of(
                        "y",
                        "s",
                        Experiment.Arm.of("a", Integer.MAX_VALUE),
                        Experiment.Arm.of("b", 1)))
            .getMessage());
  }

  @Test
  void experimentWithoutArms_holdsNobodyOut_andHasNoArmToGive() {
    Experiment empty = Experiment.of("x", "s");
    assertFalse(empty.holdsOut("lead-1"));
    assertEquals(
        "experiment 'x' has no arm",
        assertThrows(IllegalStateException.class, () -> empty.armOf("lead-1")).getMessage());
  }
}
