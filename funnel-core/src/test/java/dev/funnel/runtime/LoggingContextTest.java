package dev.funnel.runtime;

import static dev.funnel.runtime.FunnelRuntimeTest.T0;
import static dev.funnel.runtime.HandOffFunnels.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The ids the runtime puts into the SLF4J MDC while it works on a lead, as its handlers and
 * listeners see them, and the MDC it gives back afterwards: what the caller had put there. The
 * tests' SLF4J provider keeps the MDC (see {@link QuietSlf4jProvider}).
 */
final class LoggingContextTest {
  /** The MDC's three ids at one moment, and where that was. */
  record Seen(
      String where, @Nullable String funnel, @Nullable String lead, @Nullable String event) {
    static Seen now(String where) {
      return new Seen(
          where,
          MDC.get(FunnelRuntime.MDC_FUNNEL_ID),
          MDC.get(FunnelRuntime.MDC_LEAD_ID),
          MDC.get(FunnelRuntime.MDC_EVENT_ID));
    }
  }

  private final List<Seen> seen = new ArrayList<>();
  private final FunnelRuntime rt =
      FunnelRuntime.builder(
              Catalog.of(HandOffFunnels.sales(Actions.send("welcome")), HandOffFunnels.care()))
          .clock(new TestClock(T0))
          .handler(
              Actions.SEND, d -> seen.add(Seen.now("send " + d.action().params().get("template"))))
          .listener(
              new FunnelListener() {
                @Override
                public void stepped(Step step) {
                  String type = step.eventType();
                  seen.add(
                      Seen.now(
                          "stepped " + step.funnelId() + "/" + (type == null ? "entered" : type)));
                }

                @Override
                public void noLead(LeadKey key, Event event) {
                  seen.add(Seen.now("no lead " + key.funnelId() + "/" + key.leadId()));
                }
              })
          .build();

  @BeforeEach
  void outerContext() {
    MDC.put(FunnelRuntime.MDC_FUNNEL_ID, "outer-funnel");
    MDC.put(FunnelRuntime.MDC_LEAD_ID, "outer-lead");
  }

  @AfterEach
  void clear() {
    MDC.clear();
  }

  private void assertOuterContextIsBack(@Nullable String event) {
    assertEquals(new Seen("after", "outer-funnel", "outer-lead", event), Seen.now("after"));
  }

  @Test
  void handle_namesTheFunnelLeadAndEventWhileItWorks_thenPutsBackTheCallersContext() {
    rt.enter("sales", "l1", "ads", T0);
    seen.clear();

    rt.handle("sales", "l1", event("c1", "call", Duration.ofMinutes(1)));

    assertEquals(
        ImmutableList.of(
            new Seen("stepped sales/call", "sales", "l1", "c1"),
            new Seen("send welcome", "sales", "l1", "c1")),
        seen);
    assertOuterContextIsBack(null);
  }

  @Test
  void handle_forALeadTheStoreLacks_namesItAndPutsBackTheCallersEvent() {
    MDC.put(FunnelRuntime.MDC_EVENT_ID, "outer-event");

    rt.handle("sales", "nobody", event("x1", "call", Duration.ZERO));

    assertEquals(ImmutableList.of(new Seen("no lead sales/nobody", "sales", "nobody", "x1")), seen);
    assertOuterContextIsBack("outer-event");
  }

  @Test
  void enter_namesTheLeadAndNoEvent_thenPutsBackTheCallersEvent() {
    MDC.put(FunnelRuntime.MDC_EVENT_ID, "outer-event");

    rt.enter("sales", "l1", "ads", T0);

    assertEquals(ImmutableList.of(new Seen("stepped sales/entered", "sales", "l1", null)), seen);
    assertOuterContextIsBack("outer-event");
  }

  @Test
  void handOff_namesTheLeadInTheFunnelItEnters_thenTheOuterLeadAgain() {
    rt.enter("sales", "l1", "ads", T0);
    rt.handle("sales", "l1", event("c1", "call", Duration.ofMinutes(1)));
    seen.clear();

    rt.handle("sales", "l1", event("s1", "signed", Duration.ofMinutes(2)));

    assertEquals(
        ImmutableList.of(
            new Seen("stepped sales/signed", "sales", "l1", "s1"),
            new Seen("stepped care/entered", "care", "l1", null)),
        seen);
    assertOuterContextIsBack(null);
  }

  @Test
  void erase_namesEachFunnelInTurnAndTheRequest_thenPutsBackTheCallersContext() {
    rt.enter("sales", "l1", "ads", T0);
    rt.enter("care", "l1", "ads", T0);
    seen.clear();

    rt.erase("l1", event("gdpr-1", "erasure-requested", Duration.ofMinutes(5)));

    assertEquals(2, seen.size());
    assertEquals(
        ImmutableSet.of(
            new Seen("stepped sales/" + Funnel.ERASED, "sales", "l1", "gdpr-1"),
            new Seen("stepped care/" + Funnel.ERASED, "care", "l1", "gdpr-1")),
        ImmutableSet.copyOf(seen));
    assertOuterContextIsBack(null);
  }
}
