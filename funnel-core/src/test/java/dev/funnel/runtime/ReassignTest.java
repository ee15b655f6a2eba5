package dev.funnel.runtime;

import static dev.funnel.runtime.FunnelRuntimeTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A manual reassignment is a change like any event: stored, told, remembered, and refused. */
final class ReassignTest {
  private final Recorder rec = new Recorder();
  private final InMemoryLeadStore store = new InMemoryLeadStore();
  private final FunnelRuntime rt =
      FunnelRuntime.builder(Catalog.of(FunnelRuntimeTest.shop()))
          .store(store)
          .clock(new TestClock(T0))
          .handler(Actions.SEND, rec)
          .handler(Actions.PRESENT, rec)
          .listener(rec)
          .build();

  @Test
  void reassign_storesTheNewOwnerAsAStep_andRefusesTheSameEventAgain() {
    rt.enter("shop", "l1", "ads", T0);
    Event move = Event.of("r1", Funnel.REASSIGNED, T0.plusSeconds(60));

    Receipt r = rt.reassign("shop", "l1", "boris", move);

    assertEquals(Receipt.Status.STAYED, r.status());
    Lead lead = rt.lead("shop", "l1").orElseThrow();
    assertEquals(Optional.of("boris"), lead.owner());
    assertEquals("visitor", lead.stage());
    assertEquals(1, store.activeLeadsOwnedBy("boris"));
    assertEquals(
        ImmutableList.of(Funnel.REASSIGNED), r.steps().stream().map(s -> s.eventType()).toList());
    assertEquals("boris", r.steps().get(0).owner());

    Receipt again = rt.reassign("shop", "l1", "carla", move);

    assertEquals(Receipt.Status.REFUSED, again.status());
    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), again.refusal());
    assertEquals(lead, rt.lead("shop", "l1").orElseThrow());
    assertEquals(0, store.activeLeadsOwnedBy("carla"));
  }

  @Test
  void reassign_ofALeadTheStoreLacks_isNoLead() {
    Receipt r = rt.reassign("shop", "nobody", "boris", Event.of("r1", Funnel.REASSIGNED, T0));

    assertEquals(Receipt.Status.NO_LEAD, r.status());
    assertEquals(ImmutableList.of(new LeadKey("shop", "nobody")), rec.noLead());
  }

  @Test
  void build_actionNeedingAHandlerOnlyOnEnteringAStage_isReported() {
    Funnel f =
        Funnel.builder("welcome")
            .stage("new")
            .entry()
            .stage("greeted")
            .onEnter(Actions.send("hello"))
            .won()
            .on("go")
            .from("new")
            .to("greeted")
            .build();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> FunnelRuntime.builder(Catalog.of(f)).build());

    assertEquals(
        "the runtime lacks what its funnels use: handler for action 'send' used by funnel 'welcome'",
        e.getMessage());
  }
}
