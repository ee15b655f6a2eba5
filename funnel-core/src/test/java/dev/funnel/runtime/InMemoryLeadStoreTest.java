package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class InMemoryLeadStoreTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Instant LEASE = T0.plusSeconds(60);

  private final InMemoryLeadStore store = new InMemoryLeadStore();

  private static Lead lead(String id, long version, String owner, Instant... timers) {
    Lead.Builder b =
        Lead.builder(id, "shop")
            .stage("cold-lead", T0)
            .channel("ads")
            .owner(owner)
            .version(version);
    for (Instant t : timers) {
      b.timer(new ScheduledTimer("cold-lead", "nudge", t));
    }
    return b.build();
  }

  private static OutboxEntry entry(String leadId, String eventId, int index) {
    return new OutboxEntry(
        new EffectKey("shop", leadId, eventId, index), Actions.send("welcome-1"), T0);
  }

  private static LeadStore.Commit insert(Lead lead, OutboxEntry... outbox) {
    return new LeadStore.Commit(LeadStore.ABSENT, lead, true, ImmutableList.copyOf(outbox), LEASE);
  }

  @Test
  void commit_insertThenCompareAndSet_followsTheVersion() {
    assertTrue(store.commit(insert(lead("a", 0, "anna"))));
    assertFalse(store.commit(insert(lead("a", 0, "anna"))));

    Lead next = lead("a", 1, "anna");
    assertFalse(store.commit(new LeadStore.Commit(5, next, true, ImmutableList.of(), LEASE)));
    assertTrue(store.commit(new LeadStore.Commit(0, next, true, ImmutableList.of(), LEASE)));
    assertFalse(store.commit(new LeadStore.Commit(0, next, true, ImmutableList.of(), LEASE)));

    assertEquals(Optional.of(next), store.load(new LeadKey("shop", "a")));
  }

  @Test
  void commit_refused_writesNoOutboxEntries() {
    assertTrue(store.commit(insert(lead("a", 0, "anna"))));

    boolean written =
        store.commit(
            new LeadStore.Commit(
                3, lead("a", 4, "anna"), true, ImmutableList.of(entry("a", "e1", 0)), LEASE));

    assertFalse(written);
    assertEquals(0, store.pendingCount());
  }

  @Test
  void commit_outboxEntryOfAnotherLead_isRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> insert(lead("a", 0, "anna"), entry("b", "e1", 0)));
  }

  @Test
  void firstDue_isTheEarliestTimerAcrossLeadsAndFollowsWrites() {
    store.commit(insert(lead("a", 0, "anna", T0.plusSeconds(30), T0.plusSeconds(90))));
    store.commit(insert(lead("b", 0, "anna", T0.plusSeconds(20))));
    store.commit(insert(lead("c", 0, "anna")));

    assertEquals(
        Optional.of(new LeadStore.Due(T0.plusSeconds(20), new LeadKey("shop", "b"))),
        store.firstDue());
    assertEquals(2, store.dueCount());

    store.commit(new LeadStore.Commit(0, lead("b", 1, "anna"), true, ImmutableList.of(), LEASE));
    assertEquals(
        Optional.of(new LeadStore.Due(T0.plusSeconds(30), new LeadKey("shop", "a"))),
        store.firstDue());

    store.commit(
        new LeadStore.Commit(
            0, lead("a", 1, "anna", T0.plusSeconds(90)), true, ImmutableList.of(), LEASE));
    assertEquals(
        Optional.of(new LeadStore.Due(T0.plusSeconds(90), new LeadKey("shop", "a"))),
        store.firstDue());
    assertEquals(1, store.dueCount());
  }

  @Test
  void claimPending_holdsEntriesUntilTheLeaseRunsOut() {
    store.commit(insert(lead("a", 0, "anna"), entry("a", "e1", 0), entry("a", "e1", 1)));

    assertEquals(ImmutableList.of(), store.claimPending(T0, T0.plusSeconds(120), 10));

    ImmutableList<OutboxEntry> claimed = store.claimPending(LEASE, LEASE.plusSeconds(60), 1);
    assertEquals(ImmutableList.of(entry("a", "e1", 0)), claimed);
    assertEquals(
        ImmutableList.of(entry("a", "e1", 1)),
        store.claimPending(LEASE, LEASE.plusSeconds(60), 10));
    assertEquals(ImmutableList.of(), store.claimPending(LEASE, LEASE.plusSeconds(60), 10));
  }

  @Test
  void claimPending_handsOutEntriesInCommitOrder() {
    ImmutableList.Builder<OutboxEntry> committed = ImmutableList.builder();
    for (int i = 0; i < 40; i++) {
      String leadId = "lead-" + (40 - i);
      OutboxEntry first = entry(leadId, "e" + i, 0);
      OutboxEntry second = entry(leadId, "e" + i, 1);
      store.commit(insert(lead(leadId, 0, "anna"), first, second));
      committed.add(first, second);
    }
    store.delivered(new EffectKey("shop", "lead-40", "e0", 1));

    ImmutableList.Builder<OutboxEntry> claimed = ImmutableList.builder();
    for (int i = 0; i < 8; i++) {
      claimed.addAll(store.claimPending(LEASE, LEASE.plusSeconds(60), 10));
    }

    ImmutableList<OutboxEntry> expected =
        committed.build().stream()
            .filter(e -> !e.key().equals(new EffectKey("shop", "lead-40", "e0", 1)))
            .collect(ImmutableList.toImmutableList());
    assertEquals(expected, claimed.build());
  }

  @Test
  void deliveredAndPark_settleAnEntryOnce() {
    store.commit(insert(lead("a", 0, "anna"), entry("a", "e1", 0), entry("a", "e1", 1)));
    EffectKey first = new EffectKey("shop", "a", "e1", 0);
    EffectKey second = new EffectKey("shop", "a", "e1", 1);

    assertTrue(store.delivered(first));
    assertFalse(store.delivered(first));
    assertTrue(store.park(second));
    assertFalse(store.delivered(second));

    assertEquals(0, store.pendingCount());
    assertEquals(ImmutableList.of(entry("a", "e1", 1)), store.parked(10));
    assertEquals(ImmutableList.of(), store.claimPending(LEASE.plus(Duration.ofDays(1)), LEASE, 10));
  }

  @Test
  void activeLeadsOwnedBy_countsActiveLeadsAndFollowsOwnerChanges() {
    store.commit(insert(lead("a", 0, "anna")));
    store.commit(insert(lead("b", 0, "anna")));
    store.commit(insert(lead("c", 0, "boris")));
    assertEquals(2, store.activeLeadsOwnedBy("anna"));

    store.commit(new LeadStore.Commit(0, lead("a", 1, "boris"), true, ImmutableList.of(), LEASE));
    store.commit(new LeadStore.Commit(0, lead("b", 1, "anna"), false, ImmutableList.of(), LEASE));

    assertEquals(0, store.activeLeadsOwnedBy("anna"));
    assertEquals(2, store.activeLeadsOwnedBy("boris"));
    assertEquals(0, store.activeLeadsOwnedBy("nobody"));
  }

  @Test
  void dueBy_returnsWhatIsDueInOrderUpToTheLimit() {
    store.commit(insert(lead("a", 0, "anna", T0.plusSeconds(30))));
    store.commit(insert(lead("b", 0, "anna", T0.plusSeconds(10))));
    store.commit(insert(lead("c", 0, "anna", T0.plusSeconds(90))));
    assertEquals(
        ImmutableList.of("b", "a"),
        store.dueBy(T0.plusSeconds(60), 10).stream().map(d -> d.key().leadId()).toList());
    assertEquals(
        ImmutableList.of("b"),
        store.dueBy(T0.plusSeconds(60), 1).stream().map(d -> d.key().leadId()).toList());
    assertTrue(store.dueBy(T0, 10).isEmpty());
  }

  @Test
  void retryAt_countsTheAttemptAndHoldsTheEntryUntilItsNextAttempt() {
    OutboxEntry e = entry("a", "evt-1", 0);
    store.commit(insert(lead("a", 0, "anna"), e));
    assertTrue(store.retryAt(e.key(), T0.plusSeconds(300)));
    assertTrue(store.claimPending(LEASE, LEASE.plusSeconds(60), 10).isEmpty());
    OutboxEntry again = store.claimPending(T0.plusSeconds(300), T0.plusSeconds(360), 10).get(0);
    assertEquals(1, again.attempts());
    assertEquals(T0.plusSeconds(300), again.nextAttempt());
    assertEquals(ImmutableList.of(again), store.pending(10));
  }

  @Test
  void parkRequeueDiscard_moveAnEntryBetweenPendingAndParked() {
    OutboxEntry e = entry("a", "evt-1", 0);
    OutboxEntry f = entry("a", "evt-1", 1);
    store.commit(insert(lead("a", 0, "anna"), e, f));
    store.retryAt(e.key(), T0);
    assertTrue(store.park(e.key()));
    assertTrue(store.park(f.key()));
    assertFalse(store.retryAt(e.key(), T0));
    assertFalse(store.delivered(e.key()));
    assertEquals(2, store.parked(10).size());
    assertTrue(store.pending(10).isEmpty());

    assertTrue(store.requeue(e.key(), LEASE));
    assertFalse(store.requeue(e.key(), LEASE));
    OutboxEntry requeued = store.pending(10).get(0);
    assertEquals(0, requeued.attempts());
    assertEquals(LEASE, requeued.nextAttempt());
    assertEquals(ImmutableList.of(requeued), store.claimPending(LEASE, LEASE.plusSeconds(1), 10));

    assertFalse(store.discard(e.key()));
    assertTrue(store.discard(f.key()));
    assertFalse(store.discard(f.key()));
    assertTrue(store.parked(10).isEmpty());
    assertEquals(1, store.pendingCount());
  }

  @Test
  void isAccepted_remembersEventIdsOfCommitsUntilPurged() {
    Lead a = lead("a", 0, "anna");
    store.commit(
        new LeadStore.Commit(
            LeadStore.ABSENT, a, true, ImmutableList.of(), LEASE, ImmutableList.of("evt-1"), T0));
    store.commit(
        new LeadStore.Commit(
            0,
            lead("a", 1, "anna"),
            true,
            ImmutableList.of(),
            LEASE,
            ImmutableList.of("evt-2"),
            T0.plusSeconds(100)));
    LeadKey key = LeadKey.of(a);
    assertTrue(store.isAccepted(key, "evt-1"));
    assertTrue(store.isAccepted(key, "evt-2"));
    assertFalse(store.isAccepted(key, "evt-3"));
    assertFalse(store.isAccepted(LeadKey.of(lead("b", 0, "anna")), "evt-1"));

    assertEquals(1, store.purgeAcceptedBefore(T0.plusSeconds(100)));
    assertFalse(store.isAccepted(key, "evt-1"));
    assertTrue(store.isAccepted(key, "evt-2"));
    assertEquals(1, store.acceptedCount());
  }

  @Test
  void commit_refused_remembersNoEventId() {
    Lead a = lead("a", 0, "anna");
    store.commit(insert(a));
    assertFalse(
        store.commit(
            new LeadStore.Commit(
                7, a, true, ImmutableList.of(), LEASE, ImmutableList.of("evt-1"), T0)));
    assertFalse(store.isAccepted(LeadKey.of(a), "evt-1"));
  }
}
