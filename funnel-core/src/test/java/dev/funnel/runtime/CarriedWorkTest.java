package dev.funnel.runtime;

import static dev.funnel.runtime.FunnelRuntimeTest.T0;
import static dev.funnel.runtime.HandOffFunnels.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The work the runtime carries out itself, pool assignments and hand-offs, as the receipts and the
 * listeners see it, also when it is retried after the lead moved on.
 */
final class CarriedWorkTest {
  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();
  private final AtomicInteger picks = new AtomicInteger();

  private FunnelRuntime runtime(int failingPicks) {
    return FunnelRuntime.builder(
            Catalog.of(HandOffFunnels.sales(Actions.assignFrom("team")), HandOffFunnels.care()))
        .clock(clock)
        .pool(
            OwnerPool.byRule(
                "team",
                lead -> {
                  if (picks.incrementAndGet() <= failingPicks) {
                    throw new IllegalStateException("directory unavailable");
                  }
                  return "anna";
                }))
        .listener(rec)
        .retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .build();
  }

  @Test
  void poolAssignmentRetriedAfterTheLeadMovedOn_isRecordedAtTheLeadsLatestTime() {
    FunnelRuntime rt = runtime(1);
    rt.enter("sales", "l1", "ads", T0);
    Receipt called = rt.handle("sales", "l1", event("c1", "call", Duration.ofMinutes(1)));
    assertEquals(ImmutableList.of(), called.assignments());
    rt.handle("sales", "l1", event("n1", "note", Duration.ofMinutes(10)));
    clock.set(T0.plus(Duration.ofMinutes(20)));

    assertEquals(1, rt.dispatchPending());

    Lead lead = rt.lead("sales", "l1").orElseThrow();
    assertEquals(Optional.of("anna"), lead.owner());
    Step assigned = rec.steps().get(rec.steps().size() - 1);
    assertEquals(Funnel.REASSIGNED, assigned.eventType());
    assertEquals("assign:c1#0", assigned.eventId());
    assertEquals(T0.plus(Duration.ofMinutes(10)), assigned.at());
    assertEquals("anna", assigned.owner());
  }

  @Test
  void poolAssignmentOnTime_isRecordedAtTheEffectsTime() {
    FunnelRuntime rt = runtime(0);
    rt.enter("sales", "l1", "ads", T0);

    Receipt called = rt.handle("sales", "l1", event("c1", "call", Duration.ofMinutes(1)));

    assertEquals(
        ImmutableList.of(
            new Receipt.Assignment(new EffectKey("sales", "l1", "c1", 0), "team", "anna")),
        called.assignments());
    Step assigned = rec.steps().get(rec.steps().size() - 1);
    assertEquals(Funnel.REASSIGNED, assigned.eventType());
    assertEquals(T0.plus(Duration.ofMinutes(1)), assigned.at());
  }

  @Test
  void receipts_printTheirLeadStatusStageAndCountsOnly() {
    FunnelRuntime rt = runtime(0);

    assertEquals(
        "Receipt{lead=sales/nobody, status=NO_LEAD, steps=0}",
        rt.handle("sales", "nobody", event("x1", "call", Duration.ZERO)).toString());
    assertEquals(
        "Receipt{lead=sales/l1, status=ENTERED, stage=new, steps=1}",
        rt.enter("sales", "l1", "ads", T0).toString());
    assertEquals(
        "Receipt{lead=sales/l1, status=REFUSED, refusal=NO_TRANSITION, stage=new, steps=0}",
        rt.handle("sales", "l1", event("s0", "signed", Duration.ofMinutes(1))).toString());
    assertEquals(
        "Receipt{lead=sales/l1, status=MOVED, stage=qualified, steps=1, assignments=1}",
        rt.handle("sales", "l1", event("c1", "call", Duration.ofMinutes(2))).toString());
    Receipt signed = rt.handle("sales", "l1", event("s1", "signed", Duration.ofMinutes(3)));
    assertEquals(
        "Receipt{lead=sales/l1, status=MOVED, stage=won, steps=1, handOffs=1}", signed.toString());
    assertEquals(
        ImmutableList.of(
            new Receipt.HandOff(
                new EffectKey("sales", "l1", "s1", 0),
                new LeadKey("care", "l1"),
                Receipt.Status.ENTERED)),
        signed.handOffs());
    Instant entered = rt.lead("care", "l1").orElseThrow().updatedAt();
    assertEquals(T0.plus(Duration.ofMinutes(3)), entered);
  }
}
