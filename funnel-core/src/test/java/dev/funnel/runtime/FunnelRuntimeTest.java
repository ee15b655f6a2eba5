package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Offer;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class FunnelRuntimeTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  static Funnel shop() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .offer(Offer.leadMagnet("coupon"))
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(Actions.send("welcome-1"), Actions.present("coupon"))
        .on("paid")
        .from("cold-lead")
        .to("buyer")
        .then(Actions.send("thanks"))
        .after(Duration.ofDays(2))
        .in("cold-lead")
        .fire("nudge")
        .on("nudge")
        .from("cold-lead")
        .then(Actions.send("nudge-1"))
        .after(Duration.ofDays(7))
        .in("cold-lead")
        .fire("gone-cold")
        .on("gone-cold")
        .from("cold-lead")
        .to("lost")
        .build();
  }

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();

  private FunnelRuntimeBuilder runtime(Funnel... funnels) {
    return FunnelRuntime.builder(Catalog.of(funnels))
        .clock(clock)
        .handler(Actions.SEND, rec)
        .handler(Actions.PRESENT, rec)
        .listener(rec)
        .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)));
  }

  private static Event event(String id, String type, Duration after) {
    return Event.of(id, type, T0.plus(after));
  }

  @Test
  void build_missingGuardsHandlersAndPools_areReportedTogether() {
    Funnel f =
        Funnel.builder("b2b")
            .stage("new")
            .entry()
            .stage("qualified")
            .stage("won")
            .won()
            .on("call")
            .from("new")
            .to("qualified")
            .when(Conditions.custom("decision-maker"))
            .then(Actions.send("intro"), Actions.custom("crm-sync"), Actions.assignFrom("sales"))
            .on("signed")
            .from("qualified")
            .to("won")
            .when(Conditions.custom("budget-ok"))
            .build();
    Funnel g =
        Funnel.builder("b2c")
            .stage("new")
            .entry()
            .stage("won")
            .won()
            .on("paid")
            .from("new")
            .to("won")
            .then(Actions.custom("crm-sync"))
            .build();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> FunnelRuntime.builder(Catalog.of(f, g)).build());

    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains("custom guard 'decision-maker' used by funnel 'b2b'"), m);
    assertTrue(m.contains("custom guard 'budget-ok' used by funnel 'b2b'"), m);
    assertTrue(m.contains("handler for action 'send' used by funnel 'b2b'"), m);
    assertTrue(m.contains("handler for action 'crm-sync' used by funnel 'b2b', 'b2c'"), m);
    assertTrue(m.contains("owner pool 'sales' used by funnel 'b2b'"), m);
  }

  @Test
  void build_coreAppliedActionsWithoutHandlers_isFine() {
    Funnel f =
        Funnel.builder("tags")
            .stage("new")
            .entry()
            .stage("done")
            .won()
            .on("go")
            .from("new")
            .to("done")
            .then(Actions.set("vip", true), Actions.segment("vips"), Actions.assign("anna"))
            .build();
    FunnelRuntime rt = FunnelRuntime.builder(Catalog.of(f)).clock(clock).build();
    rt.enter("tags", "l1", "ads", T0);

    Receipt r = rt.handle("tags", "l1", event("e1", "go", Duration.ofMinutes(1)));

    assertEquals(Receipt.Status.MOVED, r.status());
    Lead lead = r.lead().orElseThrow();
    assertEquals(Optional.of("anna"), lead.owner());
    assertEquals(Optional.of(true), lead.attribute("vip"));
    assertEquals(ImmutableList.of(), rt.store().pending(10));
  }

  @Test
  void enter_newLead_isStoredAndReported() {
    FunnelRuntime rt = runtime(shop()).build();

    Receipt r = rt.enter("shop", "l1", "google-ads", T0);

    assertEquals(Receipt.Status.ENTERED, r.status());
    assertEquals("visitor", rt.lead("shop", "l1").orElseThrow().stage());
    assertEquals(1, rec.steps().size());
    assertTrue(rec.steps().get(0).isEntry());
  }

  @Test
  void enter_leadAlreadyThere_returnsItUnchanged() {
    FunnelRuntime rt = runtime(shop()).build();
    rt.enter("shop", "l1", "google-ads", T0);
    rt.handle("shop", "l1", event("e1", "contact-left", Duration.ofHours(1)));

    Receipt again = rt.enter("shop", "l1", "facebook", T0.plusSeconds(7200));

    assertEquals(Receipt.Status.PRESENT, again.status());
    assertEquals("cold-lead", again.lead().orElseThrow().stage());
    assertEquals("google-ads", again.lead().orElseThrow().channel());
    assertEquals(2, rec.steps().size());
  }

  @Test
  void handle_acceptedEvent_storesAndHandsOverEffectsWithStableKeys() {
    FunnelRuntime rt = runtime(shop()).build();
    rt.enter("shop", "l1", "google-ads", T0);

    Receipt r = rt.handle("shop", "l1", event("e1", "contact-left", Duration.ofHours(1)));

    assertEquals(Receipt.Status.MOVED, r.status());
    assertEquals(1, r.lead().orElseThrow().version());
    // Index 0 and 1 are the actions; the scheduled timers follow and are not handed over.
    assertEquals(
        ImmutableList.of(
            new EffectKey("shop", "l1", "e1", 0), new EffectKey("shop", "l1", "e1", 1)),
        rec.handled().stream().map(Recorder.Handled::key).collect(ImmutableList.toImmutableList()));
    assertEquals(ImmutableList.of("welcome-1"), rec.sent());
    assertEquals(ImmutableList.of("coupon"), rec.presented());
    assertEquals(ImmutableList.of(), rt.store().pending(10));
  }

  @Test
  void handle_timersDueBeforeTheEvent_fireFirst() {
    FunnelRuntime rt = runtime(shop()).build();
    rt.enter("shop", "l1", "google-ads", T0);
    rt.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO));

    Receipt r = rt.handle("shop", "l1", event("e2", "paid", Duration.ofDays(3)));

    assertEquals(Receipt.Status.MOVED, r.status());
    assertEquals(
        ImmutableList.of("nudge", "paid"),
        r.steps().stream().map(Step::eventType).collect(ImmutableList.toImmutableList()));
    assertEquals(ImmutableList.of("welcome-1", "nudge-1", "thanks"), rec.sent());
    assertEquals(3, r.lead().orElseThrow().version());
    assertTrue(r.lead().orElseThrow().timers().isEmpty());
  }

  @Test
  void handle_duplicateEvent_isRefusedAndReported() {
    FunnelRuntime rt = runtime(shop()).build();
    rt.enter("shop", "l1", "google-ads", T0);
    rt.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO));

    Receipt r = rt.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO));

    assertEquals(Receipt.Status.REFUSED, r.status());
    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), r.refusal());
    assertEquals(
        ImmutableList.of(new Recorder.Refused("e1", Outcome.Refusal.DUPLICATE)), rec.refused());
    assertEquals(ImmutableList.of("welcome-1"), rec.sent());
  }

  @Test
  void handle_unknownLead_isReportedAndChangesNothing() {
    FunnelRuntime rt = runtime(shop()).build();

    Receipt r = rt.handle("shop", "ghost", event("e1", "contact-left", Duration.ZERO));

    assertEquals(Receipt.Status.NO_LEAD, r.status());
    assertEquals(ImmutableList.of(new LeadKey("shop", "ghost")), rec.noLead());
    assertFalse(rt.lead("shop", "ghost").isPresent());
  }

  @Test
  void handle_unknownFunnel_throws() {
    FunnelRuntime rt = runtime(shop()).build();
    assertThrows(
        IllegalArgumentException.class,
        () -> rt.handle("nope", "l1", event("e1", "contact-left", Duration.ZERO)));
  }

  @Test
  void handle_handlerFailsTwice_isRetriedWithBackoffAndDelivered() {
    AtomicInteger calls = new AtomicInteger();
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(shop()))
            .clock(clock)
            .handler(
                Actions.SEND,
                d -> {
                  if (calls.incrementAndGet() < 3) {
                    throw new IllegalStateException("mail server down");
                  }
                  rec.handle(d);
                })
            .handler(Actions.PRESENT, rec)
            .listener(rec)
            .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)))
            .build();
    rt.enter("shop", "l1", "google-ads", T0);

    rt.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO));
    assertEquals(1, calls.get()); // one attempt, no waiting in the caller's thread
    assertEquals(0, rt.tick()); // not due yet
    assertEquals(1, calls.get());
    List<Duration> slept = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Recorder.Retry retry = rec.retries().get(i);
      slept.add(Duration.between(clock.instant(), retry.nextAttempt()));
      clock.set(retry.nextAttempt());
      rt.tick();
    }

    assertEquals(3, calls.get());
    assertEquals(ImmutableList.of(Duration.ofMillis(100), Duration.ofMillis(200)), slept);
    assertEquals(ImmutableList.of("welcome-1"), rec.sent());
    assertTrue(rec.givenUp().isEmpty());
    assertTrue(rt.pending(10).isEmpty());
  }

  @Test
  void handle_handlerFails_makesOneAttemptAndRecordsTheNextInTheOutbox() {
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(shop()))
            .clock(clock)
            .handler(
                Actions.SEND,
                d -> {
                  throw new IllegalStateException("mail server down");
                })
            .handler(Actions.PRESENT, rec)
            .listener(rec)
            .retry(new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1)))
            .build();
    rt.enter("shop", "l1", "google-ads", T0);

    Receipt r = rt.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO));

    assertEquals(Receipt.Status.MOVED, r.status());
    EffectKey key = new EffectKey("shop", "l1", "e1", 0);
    OutboxEntry pending = rt.pending(10).get(0);
    assertEquals(key, pending.key());
    assertEquals(1, pending.attempts());
    assertEquals(T0.plusSeconds(10), pending.nextAttempt());
    assertEquals(1, rt.pending(10).size());
    assertEquals(
        ImmutableList.of(
            new Recorder.Retry(key, rec.retries().get(0).error(), 1, T0.plusSeconds(10))),
        rec.retries());
    assertTrue(rec.givenUp().isEmpty());
    assertEquals(T0, clock.instant());
  }

  @Test
  void handle_handlerAlwaysFails_isParkedReportedAndTheChangeStands() {
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(shop()))
            .clock(clock)
            .handler(
                Actions.SEND,
                d -> {
                  throw new IllegalStateException("mail server down");
                })
            .handler(Actions.PRESENT, rec)
            .listener(rec)
            .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)))
            .build();
    rt.enter("shop", "l1", "google-ads", T0);

    Receipt r = rt.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO));
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      rt.tick();
    }

    assertEquals(Receipt.Status.MOVED, r.status());
    assertEquals("cold-lead", rt.lead("shop", "l1").orElseThrow().stage());
    EffectKey key = new EffectKey("shop", "l1", "e1", 0);
    assertEquals(1, rec.givenUp().size());
    assertEquals(key, rec.givenUp().get(0).key());
    assertEquals(3, rec.givenUp().get(0).attempts());
    assertEquals(2, rec.retries().size()); // failed twice before it was given up
    assertEquals(ImmutableList.of(key), keys(rt.store().parked(10)));
    assertEquals(ImmutableList.of(key), keys(rt.parked(10)));
    assertEquals(ImmutableList.of("coupon"), rec.presented());
    assertEquals(0, rt.dispatchPending());
  }

  @Test
  void handle_failureThatIsNotRetryable_isGivenUpAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    Funnel f =
        Funnel.builder("crm-shop")
            .stage("new")
            .entry()
            .stage("done")
            .won()
            .on("go")
            .from("new")
            .to("done")
            .then(Actions.custom("crm"))
            .build();
    FunnelRuntime crm =
        FunnelRuntime.builder(Catalog.of(f))
            .clock(clock)
            .listener(rec)
            .handler(
                "crm",
                d -> {
                  calls.incrementAndGet();
                  throw new IllegalArgumentException("no such crm field");
                })
            .build();
    crm.enter("crm-shop", "l1", "ads", T0);

    crm.handle("crm-shop", "l1", event("e1", "go", Duration.ZERO));

    assertEquals(1, calls.get());
    assertEquals(1, rec.givenUp().size());
    assertEquals(1, rec.givenUp().get(0).attempts());
    assertTrue(rec.retries().isEmpty());
    assertEquals(1, crm.parked(10).size());
  }

  @Test
  void retryable_decidesWhichFailuresAreTriedAgain() {
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(shop()))
            .clock(clock)
            .handler(
                Actions.SEND,
                d -> {
                  throw new IllegalArgumentException("template missing, deploy pending");
                })
            .handler(Actions.PRESENT, rec)
            .listener(rec)
            .retryable(e -> true)
            .build();

    rt.enter("shop", "l1", "google-ads", T0);
    rt.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO));

    assertEquals(1, rec.retries().size());
    assertTrue(rec.givenUp().isEmpty());
  }

  @Test
  void retries_areJitteredByTheInjectedRandomness() {
    AtomicInteger calls = new AtomicInteger();
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(shop()))
            .clock(clock)
            .handler(
                Actions.SEND,
                d -> {
                  calls.incrementAndGet();
                  throw new IllegalStateException("mail server down");
                })
            .handler(Actions.PRESENT, rec)
            .listener(rec)
            .retry(new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(30), 0.5))
            .randomness(() -> Long.MIN_VALUE) // nextDouble() is exactly 0.5
            .build();
    rt.enter("shop", "l1", "google-ads", T0);

    rt.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO));
    Instant first = rec.retries().get(0).nextAttempt();

    // 10 s shortened by half the jitter share (0.5 * 0.5 = a quarter): 7.5 s.
    assertEquals(T0.plus(Duration.ofMillis(7_500)), first);
  }

  @Test
  void requeue_handsAParkedEffectOverOnTheNextTick() {
    AtomicInteger calls = new AtomicInteger();
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(shop()))
            .clock(clock)
            .handler(
                Actions.SEND,
                d -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("mail server down");
                  }
                  rec.handle(d);
                })
            .handler(Actions.PRESENT, rec)
            .listener(rec)
            .retry(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
            .build();
    rt.enter("shop", "l1", "google-ads", T0);
    rt.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO));
    EffectKey key = new EffectKey("shop", "l1", "e1", 0);
    assertEquals(ImmutableList.of(key), keys(rt.parked(10)));
    rt.tick();
    assertTrue(rec.sent().isEmpty()); // parked effects are not retried

    assertTrue(rt.requeue(key));
    assertFalse(rt.requeue(key));
    assertEquals(0, rt.pending(10).get(0).attempts());
    rt.tick();

    assertEquals(ImmutableList.of("welcome-1"), rec.sent());
    assertTrue(rt.parked(10).isEmpty());
    assertTrue(rt.pending(10).isEmpty());
  }

  @Test
  void discard_removesAParkedEffectForGood() {
    FunnelRuntime failing =
        FunnelRuntime.builder(Catalog.of(shop()))
            .clock(clock)
            .handler(
                Actions.SEND,
                d -> {
                  throw new IllegalArgumentException("bad template");
                })
            .handler(Actions.PRESENT, rec)
            .build();
    failing.enter("shop", "l1", "google-ads", T0);
    failing.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO));
    EffectKey key = new EffectKey("shop", "l1", "e1", 0);

    assertTrue(failing.discard(key));

    assertFalse(failing.discard(key));
    assertFalse(failing.requeue(key));
    assertTrue(failing.parked(10).isEmpty());
    failing.tick();
    assertTrue(failing.pending(10).isEmpty());
  }

  @Test
  void dispatchPending_afterACrashBetweenStoreAndDispatch_handsOverOnceLeaseRunsOut() {
    InMemoryLeadStore memory = new InMemoryLeadStore();
    CrashingStore crashing = new CrashingStore(memory);
    FunnelRuntime first = runtime(shop()).store(crashing).build();
    first.enter("shop", "l1", "google-ads", T0);
    crashing.crashAfterCommit = true;
    assertThrows(
        IllegalStateException.class,
        () -> first.handle("shop", "l1", event("e1", "contact-left", Duration.ZERO)));
    assertEquals(2, memory.pendingCount());

    FunnelRuntime second = runtime(shop()).store(memory).build();
    assertEquals(0, second.dispatchPending()); // the dead process still holds the lease
    clock.advance(FunnelRuntime.DEFAULT_LEASE);
    int handed = second.dispatchPending();

    assertEquals(2, handed);
    assertEquals(ImmutableList.of("welcome-1"), rec.sent());
    assertEquals(ImmutableList.of("coupon"), rec.presented());
    assertEquals(0, memory.pendingCount());
    assertEquals(0, second.dispatchPending());
    assertEquals("cold-lead", second.lead("shop", "l1").orElseThrow().stage());
  }

  @Test
  void advanceTo_firesDueTimersAcrossLeadsInDueOrderOnce() {
    FunnelRuntime rt = runtime(shop()).build();
    rt.enter("shop", "a", "ads", T0);
    rt.enter("shop", "b", "ads", T0);
    rt.handle("shop", "b", event("b1", "contact-left", Duration.ZERO));
    rt.handle("shop", "a", event("a1", "contact-left", Duration.ofHours(1)));

    int fired = rt.advanceTo(T0.plus(Duration.ofDays(10)));

    assertEquals(4, fired);
    List<String> timerSteps = new ArrayList<>();
    for (Step s : rec.steps()) {
      if (s.eventId() != null && s.eventId().startsWith("timer:")) {
        timerSteps.add(s.leadId() + ":" + s.eventType());
      }
    }
    assertEquals(ImmutableList.of("b:nudge", "a:nudge", "b:gone-cold", "a:gone-cold"), timerSteps);
    assertEquals("lost", rt.lead("shop", "a").orElseThrow().stage());
    assertEquals(ImmutableList.of(), rt.store().dueBy(Instant.MAX, 10));
    assertEquals(0, rt.advanceTo(T0.plus(Duration.ofDays(10))));
  }

  @Test
  void tick_readsTheClock() {
    FunnelRuntime rt = runtime(shop()).build();
    rt.enter("shop", "a", "ads", T0);
    rt.handle("shop", "a", event("a1", "contact-left", Duration.ZERO));

    clock.advance(Duration.ofDays(1));
    assertEquals(0, rt.tick());
    clock.advance(Duration.ofDays(1));
    assertEquals(1, rt.tick());

    assertEquals(ImmutableList.of("welcome-1", "nudge-1"), rec.sent());
  }

  @Test
  void listenerThatThrows_doesNotBreakTheRuntime() {
    FunnelRuntime rt =
        runtime(shop())
            .listener(
                new FunnelListener() {
                  @Override
                  public void stepped(Step step) {
                    throw new IllegalStateException("broken listener");
                  }
                })
            .build();
    rt.enter("shop", "a", "ads", T0);

    Receipt r = rt.handle("shop", "a", event("a1", "contact-left", Duration.ZERO));

    assertEquals(Receipt.Status.MOVED, r.status());
    assertEquals(2, rec.steps().size());
  }

  @Test
  void handlerCallingBackIntoTheRuntime_isServed() {
    List<Receipt> nested = new ArrayList<>();
    FunnelRuntime[] holder = new FunnelRuntime[1];
    FunnelRuntime withCallback =
        FunnelRuntime.builder(Catalog.of(shop()))
            .clock(clock)
            .handler(Actions.PRESENT, rec)
            .handler(
                Actions.SEND,
                d -> {
                  if (d.action().param("template").orElseThrow().equals("welcome-1")) {
                    nested.add(
                        holder[0].handle(
                            "shop", d.lead().id(), Event.of("pay-" + d.key(), "paid", d.at())));
                  }
                  rec.handle(d);
                })
            .build();
    holder[0] = withCallback;
    withCallback.enter("shop", "a", "ads", T0);

    withCallback.handle("shop", "a", event("a1", "contact-left", Duration.ZERO));

    assertEquals(Receipt.Status.MOVED, nested.get(0).status());
    assertEquals("buyer", withCallback.lead("shop", "a").orElseThrow().stage());
    assertEquals(ImmutableList.of("thanks", "welcome-1"), rec.sent());
  }

  static ImmutableList<EffectKey> keys(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::key).collect(ImmutableList.toImmutableList());
  }

  /** A store that can die right after a commit, as a process would between store and dispatch. */
  static final class CrashingStore extends ForwardingLeadStore {
    volatile boolean crashAfterCommit;
    final AtomicInteger acceptedLookups = new AtomicInteger();

    CrashingStore(LeadStore delegate) {
      super(delegate);
    }

    @Override
    public boolean commit(Commit commit) {
      boolean written = delegate.commit(commit);
      if (written && crashAfterCommit) {
        throw new IllegalStateException("process died");
      }
      return written;
    }

    @Override
    public boolean isAccepted(LeadKey key, String eventId) {
      acceptedLookups.incrementAndGet();
      return delegate.isAccepted(key, eventId);
    }
  }
}
