package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Stage;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A sales department with three managers: incoming requests are assigned from a pool, the manager
 * qualifies them by hand and rejects junk with a reason, and a request left unqualified for two
 * days goes to another manager.
 */
final class SalesDepartmentScenarioTest {
  static final Instant T0 = Instant.parse("2026-02-02T09:00:00Z");
  static final ImmutableList<String> MANAGERS = ImmutableList.of("anna", "boris", "chen");

  static Funnel sales() {
    return Funnel.builder("sales")
        .stage("request")
        .entry()
        .stage("qualification")
        .manual()
        .stage("junk")
        .junk("not-target-audience")
        .stage("negotiation")
        .manual()
        .stage("invoiced")
        .manual()
        .stage("won")
        .won()
        .stage("lost")
        .lost()
        .on("received")
        .from("request")
        .to("qualification")
        .then(Actions.assignFrom("managers"))
        .after(Duration.ofDays(2))
        .in("qualification")
        .fire("sla-breached")
        .on("sla-breached")
        .from("qualification")
        .to("qualification")
        .then(Actions.assignFrom("managers"))
        .on("rejected")
        .from("qualification")
        .to("junk")
        .on("qualified")
        .from("qualification")
        .to("negotiation")
        .on("contract-signed")
        .from("negotiation")
        .to("invoiced")
        .then(Actions.send("invoice"))
        .on("paid")
        .from("invoiced")
        .to("won")
        .on("lost-to-competitor")
        .from("negotiation", "invoiced")
        .to("lost")
        .build();
  }

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();

  private FunnelRuntime runtime(OwnerPool pool) {
    return FunnelRuntime.builder(Catalog.of(sales()))
        .clock(clock)
        .handler(Actions.SEND, rec)
        .pool(pool)
        .listener(rec)
        .build();
  }

  private static void request(FunnelRuntime rt, String id, Instant at) {
    rt.enter("sales", id, "cold-call", at);
    rt.handle("sales", id, Event.of(id + "-received", "received", at));
  }

  private static String owner(FunnelRuntime rt, String id) {
    return rt.lead("sales", id).orElseThrow().owner().orElse("nobody");
  }

  @Test
  void roundRobin_givesRequestsToEachManagerInTurn() {
    FunnelRuntime rt = runtime(OwnerPool.roundRobin("managers", MANAGERS));

    for (int i = 0; i < 6; i++) {
      request(rt, "r" + i, T0.plus(Duration.ofMinutes(i)));
    }

    ImmutableList.Builder<String> owners = ImmutableList.builder();
    for (int i = 0; i < 6; i++) {
      owners.add(owner(rt, "r" + i));
    }
    assertEquals(
        ImmutableList.of("anna", "boris", "chen", "anna", "boris", "chen"), owners.build());
    // The pick is recorded as a step of its own, with the owner on the record.
    Step assigned =
        rec.steps().stream()
            .filter(s -> Funnel.REASSIGNED.equals(s.eventType()) && s.leadId().equals("r1"))
            .findFirst()
            .orElseThrow();
    assertEquals("boris", assigned.owner());
    assertEquals("qualification", assigned.to());
  }

  @Test
  void receipt_saysWhichOwnerThePoolPicked() {
    FunnelRuntime rt = runtime(OwnerPool.roundRobin("managers", MANAGERS));
    rt.enter("sales", "r0", "cold-call", T0);
    rt.enter("sales", "r1", "cold-call", T0);
    rt.handle("sales", "r0", Event.of("r0-received", "received", T0));

    Receipt r = rt.handle("sales", "r1", Event.of("r1-received", "received", T0));

    assertEquals(
        ImmutableList.of(
            new Receipt.Assignment(
                new EffectKey("sales", "r1", "r1-received", 0), "managers", "boris")),
        r.assignments());
    assertEquals(ImmutableList.of(), r.handOffs());
    // Nothing the runtime carries out itself waits in the outbox, seen through the interface.
    assertEquals(ImmutableList.of(), rt.store().pending(10));
  }

  @Test
  void leastLoaded_givesTheNextRequestToWhoeverHasFewestActiveLeads() {
    FunnelRuntime rt = runtime(OwnerPool.leastLoaded("managers", MANAGERS));
    request(rt, "r0", T0);
    request(rt, "r1", T0.plusSeconds(60));
    request(rt, "r2", T0.plusSeconds(120));
    assertEquals("anna", owner(rt, "r0"));
    assertEquals("boris", owner(rt, "r1"));
    assertEquals("chen", owner(rt, "r2"));

    // Anna rejects hers as junk: it no longer counts as hers to work.
    Receipt junk =
        rt.handle(
            "sales",
            "r0",
            Event.builder("r0-rejected", "rejected", T0.plusSeconds(600))
                .actor("anna")
                .reason("spam")
                .build());
    request(rt, "r3", T0.plusSeconds(700));
    request(rt, "r4", T0.plusSeconds(800));

    assertEquals(Receipt.Status.MOVED, junk.status());
    assertEquals("anna", owner(rt, "r3"));
    assertEquals("anna", owner(rt, "r4"));
    assertEquals(2, rt.store().activeLeadsOwnedBy("anna"));
    assertEquals(1, rt.store().activeLeadsOwnedBy("boris"));
    Step rejected =
        rec.steps().stream()
            .filter(s -> "r0-rejected".equals(s.eventId()))
            .findFirst()
            .orElseThrow();
    assertEquals("anna", rejected.actor());
    assertEquals("spam", rejected.reason());
    assertEquals("junk", rejected.to());
    assertEquals(
        Optional.of("not-target-audience"),
        rt.catalog().latest("sales").orElseThrow().stage("junk").map(Stage::reason));
  }

  @Test
  void requestLeftUnqualified_isReassignedAfterTwoDays() {
    FunnelRuntime rt = runtime(OwnerPool.roundRobin("managers", MANAGERS));
    request(rt, "r0", T0);
    request(rt, "r1", T0.plusSeconds(60));
    rt.handle("sales", "r1", Event.of("r1-q", "qualified", T0.plus(Duration.ofHours(3))));

    clock.set(T0.plus(Duration.ofDays(2)).plusSeconds(600));
    rt.tick();

    assertEquals("chen", owner(rt, "r0"));
    assertEquals("boris", owner(rt, "r1"));
  }

  @Test
  void managersAndJunk_figuresComeFromTheJournal() {
    FunnelRuntime rt = runtime(OwnerPool.roundRobin("managers", MANAGERS));
    for (int i = 0; i < 10; i++) {
      request(rt, "r" + i, T0.plus(Duration.ofMinutes(i)));
    }
    Instant later = T0.plus(Duration.ofHours(4));
    // Three of ten requests are junk; chen closes two deals, boris none of his.
    for (String id : ImmutableList.of("r2", "r4", "r6")) {
      String manager = owner(rt, id);
      rt.handle(
          "sales",
          id,
          Event.builder(id + "-x", "rejected", later).actor(manager).reason("not-target").build());
    }
    for (String id : ImmutableList.of("r0", "r1", "r3", "r5", "r7", "r8", "r9")) {
      rt.handle("sales", id, Event.of(id + "-q", "qualified", later));
    }
    for (String id : ImmutableList.of("r2", "r5", "r8")) {
      rt.handle("sales", id, Event.of(id + "-c", "contract-signed", later.plusSeconds(60)));
      rt.handle("sales", id, Event.of(id + "-p", "paid", later.plusSeconds(120)));
    }

    long requests = rec.steps().stream().filter(Step::isEntry).count();
    long junk = rec.steps().stream().filter(s -> "junk".equals(s.to()) && s.isMove()).count();
    Map<String, Integer> wonBy = new LinkedHashMap<>();
    for (Step s : rec.steps()) {
      if ("won".equals(s.to()) && s.isMove()) {
        wonBy.merge(String.valueOf(s.owner()), 1, Integer::sum);
      }
    }
    assertEquals(10, requests);
    assertEquals(3, junk);
    assertEquals(ImmutableMap.of("chen", 2), wonBy); // r2 was junk: only r5 and r8 were paid
    assertEquals(ImmutableList.of("invoice", "invoice"), rec.sent());
    Lead junked = rt.lead("sales", "r2").orElseThrow();
    assertEquals("junk", junked.stage());
  }
}
