package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class ErasureTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  static Funnel shop() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("buyer")
        .won()
        .offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")))
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(Actions.set("email", "x"), Actions.segment("newsletter"))
        .on(Event.PURCHASED)
        .from("cold-lead")
        .to("buyer")
        .after(Duration.ofDays(2))
        .in("cold-lead")
        .fire("nudge")
        .on("nudge")
        .from("cold-lead")
        .then(Actions.send("nudge-1"))
        .experiment(
            Experiment.of(
                "welcome-test", "s", Experiment.Arm.of("a", 1), Experiment.Arm.holdout("h", 1)))
        .build();
  }

  @Test
  void erase_removesAttributesAndTimers_keepsStageMoneyAndArm_andIsAStep() {
    Funnel f = shop();
    Lead lead =
        f.newLead("lead-1", "ads")
            .attribute("name", "Ada")
            .attribute("phone", "+49 30 1234")
            .owner("maria")
            .enter(T0)
            .lead();
    lead = f.fire(lead, Event.of("e1", "contact-left", T0.plusSeconds(60))).lead();
    lead =
        f.fire(
                lead,
                Event.purchase("e2", T0.plusSeconds(120))
                    .offer("mini-set")
                    .amount(Money.of("9.90", "EUR"))
                    .build())
            .lead();
    Lead cold =
        f.fire(f.enter("lead-2", "ads", T0).lead(), Event.of("e3", "contact-left", T0)).lead();
    assertEquals(1, cold.timers().size());

    Outcome erased =
        f.erase(lead, Event.builder("erase-1", "gdpr", T0).actor("dpo").reason("per mail").build());
    Outcome erasedCold = f.erase(cold, Event.of("erase-2", "gdpr", T0.plusSeconds(5)));

    Lead e = erased.lead();
    assertEquals(Outcome.Status.STAYED, erased.status());
    assertEquals(
        ImmutableMap.of(
            "arm:welcome-test",
            Experiment.of(
                    "welcome-test", "s", Experiment.Arm.of("a", 1), Experiment.Arm.holdout("h", 1))
                .armOf("lead-1")
                .name()),
        e.attributes());
    assertEquals("buyer", e.stage());
    assertEquals(lead.purchases(), e.purchases());
    assertEquals(ImmutableSet.of("newsletter"), e.segments());
    assertEquals("maria", e.owner().orElseThrow());
    assertEquals(lead.version() + 1, e.version());
    Step step = erased.steps().get(0);
    assertEquals(Funnel.ERASED, step.eventType());
    assertEquals("dpo", step.actor());
    assertEquals(null, step.reason());
    // The erasure of a terminal lead is taken at its last change, not refused as stale.
    assertEquals(lead.updatedAt(), step.at());

    assertTrue(erasedCold.lead().timers().isEmpty());
    assertEquals(
        ImmutableList.of(new Effect.TimerCancelled(cold.timers().get(0))), erasedCold.effects());
    assertEquals(
        Outcome.Refusal.DUPLICATE,
        f.erase(e, Event.of("erase-1", "gdpr", T0.plusSeconds(500))).refusal().orElseThrow());
  }
}
