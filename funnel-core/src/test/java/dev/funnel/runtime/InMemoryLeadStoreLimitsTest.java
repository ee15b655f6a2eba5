package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The in-memory store's listings stop at their limit, its outbox moves report what they did, and
 * its pins and counts follow the leads' versions.
 */
final class InMemoryLeadStoreLimitsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant LEASE = T0.plusSeconds(60);

  private final InMemoryLeadStore store = new InMemoryLeadStore();

  private static Lead lead(String id, int funnelVersion, long version, Instant... timers) {
    Lead.Builder b =
        Lead.builder(id, "shop")
            .funnelVersion(funnelVersion)
            .stage("cold-lead", T0)
            .channel("ads")
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

  private void insert(Lead lead, OutboxEntry... outbox) {
    assertTrue(
        store.commit(
            new LeadStore.Commit(
                LeadStore.ABSENT, lead, true, ImmutableList.copyOf(outbox), LEASE)));
  }

  private static void assertRefused(String message, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(message, e.getMessage());
  }

  @Test
  void pinQueries_refuseAVersionOrLimitBelowOne_andTakeOne() {
    insert(lead("a", 1, 0));
    assertRefused("funnel version must be positive", () -> store.pinnedTo("shop", 0, "", 1));
    assertRefused("limit must be positive", () -> store.pinnedTo("shop", 1, "", 0));
    assertRefused("funnel version must be positive", () -> store.countPinnedTo("shop", 0));
    assertEquals(ImmutableList.of(new LeadKey("shop", "a")), store.pinnedTo("shop", 1, "", 1));
    assertEquals(1, store.countPinnedTo("shop", 1));
    assertEquals(0, store.countPinnedTo("shop", 2));
    assertEquals(ImmutableList.of(), store.pinnedTo("shop", 2, "", 1));
  }

  @Test
  void pinnedTo_pagesByLeadIdAfterTheGivenOne_andFollowsVersionChanges() {
    for (String id : ImmutableList.of("d", "b", "a", "c")) {
      insert(lead(id, 1, 0));
    }
    assertEquals(
        ImmutableList.of(new LeadKey("shop", "a"), new LeadKey("shop", "b")),
        store.pinnedTo("shop", 1, "", 2));
    assertEquals(
        ImmutableList.of(new LeadKey("shop", "c"), new LeadKey("shop", "d")),
        store.pinnedTo("shop", 1, "b", 2));
    assertEquals(ImmutableList.of(), store.pinnedTo("shop", 1, "d", 2));

    assertTrue(
        store.commit(new LeadStore.Commit(0, lead("b", 2, 1), true, ImmutableList.of(), LEASE)));

    assertEquals(3, store.countPinnedTo("shop", 1));
    assertEquals(1, store.countPinnedTo("shop", 2));
    assertEquals(
        ImmutableList.of(new LeadKey("shop", "a"), new LeadKey("shop", "c")),
        store.pinnedTo("shop", 1, "", 2));
    assertEquals(ImmutableList.of(new LeadKey("shop", "b")), store.pinnedTo("shop", 2, "", 5));
  }

  @Test
  void loadDue_stopsAtTheLimitAndAtTheInstant() {
    insert(lead("a", 1, 0, T0.plusSeconds(10)));
    insert(lead("b", 1, 0, T0.plusSeconds(20)));
    insert(lead("c", 1, 0, T0.plusSeconds(30)));

    assertEquals(
        ImmutableList.of("a"),
        store.loadDue(T0.plusSeconds(60), 1).stream().map(Lead::id).toList());
    assertEquals(
        ImmutableList.of("a", "b"),
        store.loadDue(T0.plusSeconds(60), 2).stream().map(Lead::id).toList());
    assertEquals(
        ImmutableList.of("a", "b"),
        store.loadDue(T0.plusSeconds(20), 10).stream().map(Lead::id).toList());
    assertEquals(ImmutableList.of(), store.loadDue(T0.plusSeconds(9), 10));
  }

  @Test
  void pendingAndParked_stopAtTheLimit() {
    insert(
        lead("a", 1, 0),
        entry("a", "e1", 0),
        entry("a", "e1", 1),
        entry("a", "e1", 2),
        entry("a", "e1", 3));

    assertEquals(ImmutableList.of(entry("a", "e1", 0)), store.pending(1));
    assertEquals(4, store.pending(10).size());

    assertTrue(store.park(entry("a", "e1", 1).key()));
    assertTrue(store.park(entry("a", "e1", 3).key()));
    assertTrue(store.park(entry("a", "e1", 2).key()));

    assertEquals(ImmutableList.of(entry("a", "e1", 1)), store.parked(1));
    assertEquals(ImmutableList.of(entry("a", "e1", 1), entry("a", "e1", 2)), store.parked(2));
    assertEquals(3, store.parked(10).size());
    assertEquals(ImmutableList.of(entry("a", "e1", 0)), store.pending(10));
    assertEquals(1, store.pendingCount());
  }

  @Test
  void outboxMoves_ofAnUnknownEffect_changeNothingAndSaySo() {
    insert(lead("a", 1, 0), entry("a", "e1", 0));
    EffectKey unknown = new EffectKey("shop", "a", "e9", 0);

    assertFalse(store.retryAt(unknown, LEASE));
    assertFalse(store.park(unknown));
    assertFalse(store.delivered(unknown));
    assertFalse(store.requeue(unknown, LEASE));
    assertFalse(store.discard(unknown));

    assertEquals(ImmutableList.of(entry("a", "e1", 0)), store.pending(10));
    assertEquals(ImmutableList.of(), store.parked(10));
  }

  @Test
  void erase_dropsThePersonsPendingAndParkedEntries_andCountsThem() {
    insert(lead("a", 1, 0), entry("a", "e1", 0), entry("a", "e1", 1), entry("a", "e1", 2));
    insert(lead("b", 1, 0), entry("b", "e1", 0));
    assertTrue(store.park(entry("a", "e1", 1).key()));
    assertTrue(store.delivered(entry("a", "e1", 2).key()));

    assertEquals(2, store.erase("a"));
    assertEquals(0, store.erase("a"));
    assertEquals(0, store.erase("nobody"));

    assertEquals(ImmutableList.of(entry("b", "e1", 0)), store.pending(10));
    assertEquals(ImmutableList.of(), store.parked(10));
    assertFalse(store.requeue(entry("a", "e1", 1).key(), LEASE));
  }

  @Test
  void toString_countsLeadsDueTimersPendingAndParkedEntries() {
    assertEquals("InMemoryLeadStore{leads=0, due=0, pending=0, parked=0}", store.toString());
    insert(lead("a", 1, 0, T0.plusSeconds(10)), entry("a", "e1", 0), entry("a", "e1", 1));
    insert(lead("b", 1, 0));
    assertTrue(store.park(entry("a", "e1", 1).key()));

    assertEquals("InMemoryLeadStore{leads=2, due=1, pending=1, parked=1}", store.toString());
    assertEquals(2, store.size());
  }

  @Test
  void dueBy_ordersLeadsDueAtOneInstantByFunnelThenLead() {
    Lead z =
        Lead.builder("z", "alpha")
            .stage("cold-lead", T0)
            .channel("ads")
            .timer(new ScheduledTimer("cold-lead", "nudge", T0.plusSeconds(10)))
            .build();
    Lead a =
        Lead.builder("a", "beta")
            .stage("cold-lead", T0)
            .channel("ads")
            .timer(new ScheduledTimer("cold-lead", "nudge", T0.plusSeconds(10)))
            .build();
    insert(a);
    insert(z);
    insert(lead("b", 1, 0, T0.plusSeconds(10)));

    assertEquals(
        ImmutableList.of(
            new LeadKey("alpha", "z"), new LeadKey("beta", "a"), new LeadKey("shop", "b")),
        store.dueBy(LEASE, 10).stream().map(LeadStore.Due::key).toList());
  }

  @Test
  void purgeAcceptedBefore_forgetsByCommitTime_includingIdsCommittedAtTheSameInstant() {
    store.commit(
        new LeadStore.Commit(
            LeadStore.ABSENT,
            lead("a", 1, 0),
            true,
            ImmutableList.of(),
            LEASE,
            ImmutableList.of("late"),
            T0.plusSeconds(100)));
    store.commit(
        new LeadStore.Commit(
            LeadStore.ABSENT,
            lead("b", 1, 0),
            true,
            ImmutableList.of(),
            LEASE,
            ImmutableList.of("early-1", "early-2"),
            T0));
    store.commit(
        new LeadStore.Commit(
            LeadStore.ABSENT,
            lead("c", 1, 0),
            true,
            ImmutableList.of(),
            LEASE,
            ImmutableList.of("early-3"),
            T0));
    assertEquals(4, store.acceptedCount());

    assertEquals(3, store.purgeAcceptedBefore(T0.plusSeconds(50)));

    assertEquals(1, store.acceptedCount());
    assertTrue(store.isAccepted(new LeadKey("shop", "a"), "late"));
    assertFalse(store.isAccepted(new LeadKey("shop", "b"), "early-2"));
    assertEquals(0, store.purgeAcceptedBefore(T0.plusSeconds(100)));
    assertEquals(1, store.purgeAcceptedBefore(T0.plusSeconds(101)));
  }

  @Test
  void commit_expectingAVersionBelowAbsent_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LeadStore.Commit(-2, lead("a", 1, 0), true, ImmutableList.of(), LEASE));
    assertEquals("expected version is below ABSENT", e.getMessage());
  }
}
