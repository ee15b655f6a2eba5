package dev.funnel.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Actions;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store built with {@code deleteDeliveredWithNextWrite()}: the delete of a delivered entry it
 * holds rides in its next write, and what the store answers meanwhile is what the database will
 * hold.
 */
final class LaterDeletesTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private static HikariDataSource pool;
  private JdbcLeadStore store;
  private String schema;

  @BeforeAll
  static void startDatabase() {
    pool = Postgres.newPool();
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @BeforeEach
  void createSchema() {
    schema = "later_" + SCHEMAS.incrementAndGet();
    store = JdbcLeadStore.builder(pool).schema(schema).deleteDeliveredWithNextWrite().build();
    store.createSchema();
  }

  private static Lead lead(String id) {
    return Lead.builder(id, "shop").stage("cold-lead", T0).channel("ads").build();
  }

  private static OutboxEntry entry(String leadId, String eventId, int index) {
    return new OutboxEntry(
        new EffectKey("shop", leadId, eventId, index), Actions.send("welcome-1"), T0);
  }

  /** A commit as the runtime makes it: committed at T0, its entries held for a minute. */
  private static LeadStore.Commit held(Lead lead, OutboxEntry... outbox) {
    return new LeadStore.Commit(
        LeadStore.ABSENT,
        lead,
        true,
        ImmutableList.copyOf(outbox),
        T0.plusSeconds(60),
        ImmutableList.of(),
        T0);
  }

  private long rows() {
    return Postgres.count(pool, "SELECT count(*) FROM " + schema + ".funnel_outbox");
  }

  @Test
  void delivered_heldEntry_isDeletedByTheNextCommit() {
    assertTrue(store.commit(held(lead("a"), entry("a", "e1", 0))));

    assertTrue(store.delivered(entry("a", "e1", 0).key()));
    assertEquals(1, rows(), "deferred to the next write");

    assertTrue(store.commit(held(lead("b"), entry("b", "e2", 0))));
    assertEquals(1, rows(), "the commit deleted a's entry and wrote b's");
    assertEquals(ImmutableList.of(entry("b", "e2", 0)), store.pending(10));
  }

  @Test
  void delivered_heldEntry_isSettledOnceAndNoLongerPending() {
    EffectKey key = entry("a", "e1", 0).key();
    assertTrue(store.commit(held(lead("a"), entry("a", "e1", 0), entry("a", "e1", 1))));

    assertTrue(store.delivered(key));
    assertFalse(store.delivered(key));
    assertFalse(store.retryAt(key, T0.plusSeconds(5)));
    assertFalse(store.park(key));

    assertEquals(ImmutableList.of(entry("a", "e1", 1)), store.pending(10));
    assertEquals(1, rows(), "listing the outbox wrote the deferred delete first");
    assertTrue(store.parked(10).isEmpty());
  }

  @Test
  void delivered_claimedEntry_isDeferredAndTheNextClaimDoesNotHandItOut() {
    store.commit(
        new LeadStore.Commit(
            LeadStore.ABSENT, lead("a"), true, ImmutableList.of(entry("a", "e1", 0)), T0));
    ImmutableList<OutboxEntry> claimed = store.claimPending(T0, T0.plusSeconds(60), 10);
    assertEquals(1, claimed.size());

    assertTrue(store.delivered(claimed.get(0).key()));
    assertEquals(1, rows());

    assertEquals(ImmutableList.of(), store.claimPending(T0.plusSeconds(120), T0, 10));
    assertEquals(0, rows());
  }

  @Test
  void delivered_entryNotHeld_isDeletedAtOnce() {
    // Committed without a lease of its own (the lease ends when it was written).
    store.commit(
        new LeadStore.Commit(
            LeadStore.ABSENT, lead("a"), true, ImmutableList.of(entry("a", "e1", 0)), T0));

    assertTrue(store.delivered(entry("a", "e1", 0).key()));
    assertEquals(0, rows());
    assertFalse(store.delivered(entry("a", "e1", 0).key()));
  }

  @Test
  void delivered_deferredDelete_ridesEvenInARefusedCommit() {
    assertTrue(store.commit(held(lead("a"), entry("a", "e1", 0))));
    assertTrue(store.delivered(entry("a", "e1", 0).key()));

    // A refused compare-and-set writes no lead, yet the delivered entry's delete goes with it.
    assertFalse(store.commit(held(lead("a"), entry("a", "e2", 0))));
    assertEquals(0, rows());
    assertTrue(store.pending(10).isEmpty());
  }
}
