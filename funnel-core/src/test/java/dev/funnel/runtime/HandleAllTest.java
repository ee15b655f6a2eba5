package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * {@link FunnelRuntime#handleAll}: a batch's leads worked out in hand and stored with one {@link
 * LeadStore#commitAll}, with what handling the events one after the other gives: same-lead events
 * in order, duplicates in the batch, conflicts handled again, a failed commit handing out nothing,
 * carried work and the MDC.
 */
final class HandleAllTest {
  private static final Instant T0 = RuntimeProperties.T0;

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();

  /** Counts the batch calls and the commits they carry; optionally fails or races its commits. */
  private static final class CountingStore extends ForwardingLeadStore {
    final AtomicInteger commitAlls = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger loadAlls = new AtomicInteger();
    final List<Integer> batchSizes = new ArrayList<>();
    Runnable beforeCommitAll = () -> {};

    CountingStore(LeadStore delegate) {
      super(delegate);
    }

    @Override
    public boolean commit(Commit commit) {
      commits.incrementAndGet();
      return delegate.commit(commit);
    }

    @Override
    public boolean[] commitAll(List<Commit> batch) {
      commitAlls.incrementAndGet();
      batchSizes.add(batch.size());
      beforeCommitAll.run();
      return delegate.commitAll(batch);
    }

    @Override
    public com.google.common.collect.ImmutableMap<LeadKey, Lead> loadAll(
        java.util.Collection<LeadKey> keys) {
      loadAlls.incrementAndGet();
      return delegate.loadAll(keys);
    }
  }

  private FunnelRuntime runtime(LeadStore store) {
    return FunnelRuntime.builder(Catalog.of(RuntimeProperties.trial()))
        .store(store)
        .clock(clock)
        .handler(Actions.SEND, rec)
        .listener(rec)
        .build();
  }

  /** A runtime over the store with the leads given entered at {@code T0}, in that order. */
  private FunnelRuntime runtimeWith(LeadStore store, String... leads) {
    FunnelRuntime rt = runtime(store);
    for (String lead : leads) {
      rt.enter("trial", lead, "ads", T0);
    }
    return rt;
  }

  private static LeadEvent event(String lead, String id, String type, Duration after) {
    return LeadEvent.of("trial", lead, Event.of(id, type, T0.plus(after)));
  }

  @Test
  void handleAll_sameLeadTwice_secondFiresOnTheFirstsResultInOneCommit() {
    CountingStore store = new CountingStore(new InMemoryLeadStore());
    FunnelRuntime rt = runtimeWith(store, "a", "b");
    store.commits.set(0);

    ImmutableList<Receipt> receipts =
        rt.handleAll(
            List.of(
                event("a", "e1", "activated", Duration.ofMinutes(1)),
                event("b", "e2", "activated", Duration.ofMinutes(1)),
                event("a", "e3", "paid", Duration.ofMinutes(2))));

    assertEquals(3, receipts.size());
    assertEquals(Receipt.Status.MOVED, receipts.get(0).status());
    assertEquals("trial", receipts.get(0).lead().orElseThrow().stage());
    assertEquals(Receipt.Status.MOVED, receipts.get(2).status());
    assertEquals("customer", receipts.get(2).lead().orElseThrow().stage());
    assertEquals(1, store.commitAlls.get());
    assertEquals(ImmutableList.of(2), store.batchSizes, "one commit per lead");
    assertEquals("customer", rt.lead("trial", "a").orElseThrow().stage());
    assertEquals(2, rt.lead("trial", "a").orElseThrow().version());
    assertEquals(ImmutableList.of("welcome", "welcome", "receipt"), rec.sent());
    assertEquals(0, rt.pending(10).size(), "every delivery settled");
  }

  @Test
  void handleAll_sameIdTwiceInTheBatch_refusesTheSecondAsDuplicate() {
    FunnelRuntime rt = runtimeWith(new InMemoryLeadStore(), "a");

    ImmutableList<Receipt> receipts =
        rt.handleAll(
            List.of(
                event("a", "e1", "ping", Duration.ofMinutes(1)),
                event("a", "e1", "ping", Duration.ofMinutes(1))));

    assertEquals(Receipt.Status.STAYED, receipts.get(0).status());
    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), receipts.get(1).refusal());
    assertEquals(ImmutableList.of("ping"), rec.sent());
    assertEquals(
        ImmutableList.of(new Recorder.Refused("e1", Outcome.Refusal.DUPLICATE)), rec.refused());
  }

  @Test
  void handleAll_sameIdAgainAfterTheLeadsRecentIdsInTheBatch_isStillADuplicate() {
    FunnelRuntime rt = runtimeWith(new InMemoryLeadStore(), "a");
    List<LeadEvent> batch = new ArrayList<>();
    for (int i = 0; i <= Lead.RECENT_EVENT_IDS + 2; i++) {
      batch.add(event("a", "p" + i, "ping", Duration.ofMinutes(1)));
    }
    batch.add(event("a", "p0", "ping", Duration.ofMinutes(1)));

    ImmutableList<Receipt> receipts = rt.handleAll(batch);

    assertEquals(
        Optional.of(Outcome.Refusal.DUPLICATE), receipts.get(receipts.size() - 1).refusal());
    assertEquals(Lead.RECENT_EVENT_IDS + 3, rec.sent().size());
    assertEquals(Lead.RECENT_EVENT_IDS + 3, rt.lead("trial", "a").orElseThrow().version());
  }

  @Test
  void handleAll_commitRefusedByAConcurrentChange_handlesTheLeadsEventsAgainFromItsStoredState() {
    CountingStore store = new CountingStore(new InMemoryLeadStore());
    FunnelRuntime rt = runtime(store);
    Recorder other = new Recorder();
    FunnelRuntime elsewhere =
        FunnelRuntime.builder(Catalog.of(RuntimeProperties.trial()))
            .store(store.delegate)
            .clock(clock)
            .handler(Actions.SEND, other)
            .build();
    rt.enter("trial", "a", "ads", T0);
    rt.enter("trial", "b", "ads", T0);
    store.beforeCommitAll =
        () -> {
          store.beforeCommitAll = () -> {};
          elsewhere.handle("trial", "a", Event.of("x1", "activated", T0.plusSeconds(30)));
        };

    ImmutableList<Receipt> receipts =
        rt.handleAll(
            List.of(
                event("a", "e1", "activated", Duration.ofMinutes(1)),
                event("b", "e2", "activated", Duration.ofMinutes(1)),
                event("a", "e3", "paid", Duration.ofMinutes(2))));

    assertEquals(Optional.of(Outcome.Refusal.NO_TRANSITION), receipts.get(0).refusal());
    assertEquals(Receipt.Status.MOVED, receipts.get(1).status());
    assertEquals(Receipt.Status.MOVED, receipts.get(2).status());
    assertEquals("customer", rt.lead("trial", "a").orElseThrow().stage());
    assertEquals(ImmutableList.of("welcome"), other.sent());
    assertEquals(ImmutableList.of("welcome", "receipt"), rec.sent(), "b's welcome, a's receipt");
  }

  @Test
  void handleAll_commitAllFails_handsOutNothingAndTellsNoListener() {
    CountingStore store = new CountingStore(new InMemoryLeadStore());
    FunnelRuntime rt = runtimeWith(store, "a", "b");
    int stepsBefore = rec.steps().size();
    store.beforeCommitAll =
        () -> {
          throw new IllegalStateException("connection lost");
        };

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                rt.handleAll(
                    List.of(
                        event("a", "e1", "activated", Duration.ofMinutes(1)),
                        event("b", "e2", "activated", Duration.ofMinutes(1)))));

    assertEquals("connection lost", e.getMessage());
    assertEquals(ImmutableList.of(), rec.handled());
    assertEquals(stepsBefore, rec.steps().size());
    assertEquals("signed-up", rt.lead("trial", "a").orElseThrow().stage());
    assertEquals(0, rt.pending(10).size());
  }

  @Test
  void handleAll_unknownFunnel_isRefusedBeforeAnyEventIsHandled() {
    FunnelRuntime rt = runtimeWith(new InMemoryLeadStore(), "a");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                rt.handleAll(
                    List.of(
                        event("a", "e1", "activated", Duration.ofMinutes(1)),
                        LeadEvent.of("nope", "a", Event.of("e2", "paid", T0)))));

    assertEquals("unknown funnel 'nope' for event 'e2'", e.getMessage());
    assertEquals("signed-up", rt.lead("trial", "a").orElseThrow().stage());
    assertEquals(ImmutableList.of(), rt.handleAll(List.of()));
  }

  @Test
  void handleAll_leadTheStoreLacks_isReportedAndOthersAreHandled() {
    CountingStore store = new CountingStore(new InMemoryLeadStore());
    FunnelRuntime rt = runtimeWith(store, "a");

    ImmutableList<Receipt> receipts =
        rt.handleAll(
            List.of(
                event("ghost", "e1", "activated", Duration.ofMinutes(1)),
                event("a", "e2", "activated", Duration.ofMinutes(1))));

    assertEquals(Receipt.Status.NO_LEAD, receipts.get(0).status());
    assertEquals(Receipt.Status.MOVED, receipts.get(1).status());
    assertEquals(ImmutableList.of(new LeadKey("trial", "ghost")), rec.noLead());
    assertEquals(1, store.loadAlls.get(), "the batch's leads loaded together");
  }

  @Test
  void handleAll_dueTimersFireBeforeEachEvent() {
    FunnelRuntime rt = runtimeWith(new InMemoryLeadStore(), "a");

    ImmutableList<Receipt> receipts =
        rt.handleAll(
            List.of(
                event("a", "e1", "ping", Duration.ofHours(1)),
                event("a", "e2", "ping", Duration.ofDays(2))));

    assertEquals(1, receipts.get(0).steps().size());
    assertEquals(2, receipts.get(1).steps().size(), "the nudge due after a day, then the ping");
    assertEquals(ImmutableList.of("ping", "nudge", "ping"), rec.sent());
  }

  @Test
  void handleAll_putsEachEventsIdsInTheMdcAndGivesBackTheCallers() {
    List<String> seen = new ArrayList<>();
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(RuntimeProperties.trial()))
            .clock(clock)
            .handler(
                Actions.SEND,
                d ->
                    seen.add(
                        MDC.get(FunnelRuntime.MDC_LEAD_ID)
                            + "/"
                            + MDC.get(FunnelRuntime.MDC_EVENT_ID)))
            .listener(
                new FunnelListener() {
                  @Override
                  public void stepped(Step step) {
                    seen.add(
                        "step "
                            + MDC.get(FunnelRuntime.MDC_LEAD_ID)
                            + "/"
                            + MDC.get(FunnelRuntime.MDC_EVENT_ID));
                  }
                })
            .build();
    rt.enter("trial", "a", "ads", T0);
    rt.enter("trial", "b", "ads", T0);
    seen.clear();
    MDC.put(FunnelRuntime.MDC_EVENT_ID, "outer");
    try {
      rt.handleAll(
          List.of(
              event("a", "e1", "ping", Duration.ofMinutes(1)),
              event("b", "e2", "ping", Duration.ofMinutes(1))));

      assertEquals(ImmutableList.of("step a/e1", "a/e1", "step b/e2", "b/e2"), seen);
      assertEquals("outer", MDC.get(FunnelRuntime.MDC_EVENT_ID));
    } finally {
      MDC.clear();
    }
  }

  @Test
  void handleAll_carriedWork_isDoneBeforeTheRestOfTheBatchIsLoaded() {
    CountingStore store = new CountingStore(new InMemoryLeadStore());
    FunnelRuntime rt =
        FunnelRuntime.builder(
                Catalog.of(HandOffFunnels.sales(Actions.assignFrom("team")), HandOffFunnels.care()))
            .store(store)
            .clock(clock)
            .pool(OwnerPool.byRule("team", lead -> "anna"))
            .listener(rec)
            .build();
    rt.enter("sales", "l1", "ads", T0);

    ImmutableList<Receipt> receipts =
        rt.handleAll(
            List.of(
                LeadEvent.of("sales", "l1", Event.of("c1", "call", T0.plusSeconds(60))),
                LeadEvent.of("sales", "l1", Event.of("s1", "signed", T0.plusSeconds(120))),
                LeadEvent.of("care", "l1", Event.of("f1", "finished", T0.plusSeconds(180)))));

    assertEquals(1, receipts.get(0).assignments().size());
    assertEquals(Receipt.Status.MOVED, receipts.get(1).status());
    assertEquals(Optional.of("anna"), receipts.get(1).lead().orElseThrow().owner());
    assertEquals(1, receipts.get(1).handOffs().size());
    assertEquals(Receipt.Status.MOVED, receipts.get(2).status(), "the lead the hand-off entered");
    assertEquals("done", rt.lead("care", "l1").orElseThrow().stage());
    assertEquals(3, store.commitAlls.get(), "a segment ends after each carried action");
    assertTrue(rec.noLead().isEmpty());
  }
}
