package dev.funnel.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Actions;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Purchase;
import dev.funnel.ScheduledTimer;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's behaviour on a real PostgreSQL, each test in a schema of its own. */
final class JdbcLeadStoreTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Instant LEASE = T0.plusSeconds(60);
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
    schema = "store_" + SCHEMAS.incrementAndGet();
    store = JdbcLeadStore.builder(pool).schema(schema).build();
    assertEquals(1, store.createSchema());
  }

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
    assertEquals(Optional.empty(), store.load(new LeadKey("shop", "b")));
  }

  @Test
  void load_returnsTheLeadWithEverythingItCarries() {
    Lead rich =
        Lead.builder("lead-7", "shop")
            .stage("buyer", T0)
            .updatedAt(T0.plusNanos(123_456_789))
            .channel("google-ads")
            .owner("anna")
            .attribute("email", "someone@example.com")
            .attribute("total", 42.5)
            .attribute("vip", true)
            .segment("rational")
            .purchase(new Purchase("mini-set", Money.of("9.90", "EUR"), T0, "evt-2"))
            .timer(new ScheduledTimer("buyer", "upsell", T0.plus(Duration.ofDays(2))))
            .recentEventIds(ImmutableList.of("evt-1", "evt-2"))
            .version(3)
            .build();
    assertTrue(
        store.commit(
            new LeadStore.Commit(LeadStore.ABSENT, rich, true, ImmutableList.of(), LEASE)));

    assertEquals(Optional.of(rich), store.load(LeadKey.of(rich)));
  }

  @Test
  void commit_refused_writesNoOutboxEntries() {
    assertTrue(store.commit(insert(lead("a", 0, "anna"))));

    boolean written =
        store.commit(
            new LeadStore.Commit(
                3, lead("a", 4, "anna"), true, ImmutableList.of(entry("a", "e1", 0)), LEASE));

    assertFalse(written);
    assertTrue(store.pending(10).isEmpty());
  }

  @Test
  void firstDue_isTheEarliestTimerAcrossLeadsAndFollowsWrites() {
    store.commit(insert(lead("a", 0, "anna", T0.plusSeconds(30), T0.plusSeconds(90))));
    store.commit(insert(lead("b", 0, "anna", T0.plusSeconds(20))));
    store.commit(insert(lead("c", 0, "anna")));

    assertEquals(
        Optional.of(new LeadStore.Due(T0.plusSeconds(20), new LeadKey("shop", "b"))),
        store.firstDue());

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
    assertEquals(1, store.dueBy(T0.plus(Duration.ofDays(1)), 100).size());
  }

  @Test
  void firstDue_roundsASubMicrosecondDueTimeUpSoTheTimerIsDueWhenRead() {
    Instant due = T0.plusNanos(1_000_001);
    store.commit(insert(lead("a", 0, "anna", due)));

    Instant read = store.firstDue().orElseThrow().due();

    assertEquals(T0.plusNanos(1_001_000), read);
    assertFalse(read.isBefore(due));
  }

  @Test
  void dueBy_returnsWhatIsDueInOrderUpToTheLimit() {
    store.commit(insert(lead("a", 0, "anna", T0.plusSeconds(30))));
    store.commit(insert(lead("b", 0, "anna", T0.plusSeconds(10))));
    store.commit(insert(lead("c", 0, "anna", T0.plusSeconds(90))));
    store.commit(insert(lead("B", 0, "anna", T0.plusSeconds(10))));
    assertEquals(
        ImmutableList.of("B", "b", "a"),
        store.dueBy(T0.plusSeconds(60), 10).stream().map(d -> d.key().leadId()).toList());
    assertEquals(
        ImmutableList.of("B"),
        store.dueBy(T0.plusSeconds(60), 1).stream().map(d -> d.key().leadId()).toList());
    assertTrue(store.dueBy(T0, 10).isEmpty());
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
    assertEquals(2, store.claimPending(LEASE.plusSeconds(60), LEASE.plusSeconds(120), 10).size());
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
  void commit_anEffectKeyAlreadyInTheOutbox_keepsTheFirstEntry() {
    OutboxEntry first = entry("a", "e1", 0);
    store.commit(insert(lead("a", 0, "anna"), first));
    OutboxEntry again =
        new OutboxEntry(first.key(), Actions.send("other-template"), T0.plusSeconds(5));
    assertTrue(
        store.commit(
            new LeadStore.Commit(0, lead("a", 1, "anna"), true, ImmutableList.of(again), LEASE)));

    assertEquals(ImmutableList.of(first), store.pending(10));
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

    assertTrue(store.pending(10).isEmpty());
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
  void retryAt_releasesTheClaimAtOnce() {
    OutboxEntry e = entry("a", "evt-1", 0);
    store.commit(insert(lead("a", 0, "anna"), e));
    assertTrue(store.retryAt(e.key(), T0));

    assertEquals(1, store.claimPending(T0, T0.plusSeconds(600), 10).size());
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
    assertEquals(1, store.pending(10).size());
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
    assertEquals(0, store.purgeAcceptedBefore(T0.plusSeconds(100)));
  }

  @Test
  void purgeAcceptedBefore_forgetsMoreThanOneBatch() {
    int n = JdbcLeadStore.PURGE_BATCH + 5;
    Postgres.execute(
        pool,
        "INSERT INTO "
            + schema
            + ".funnel_accepted SELECT 'shop', 'a', 'evt-' || i, timestamptz '2026-03-02 09:00Z'"
            + " FROM generate_series(1, "
            + n
            + ") i");

    assertEquals(n, store.purgeAcceptedBefore(T0.plusSeconds(1)));
    assertFalse(store.isAccepted(new LeadKey("shop", "a"), "evt-1"));
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

  @Test
  void createSchema_twice_appliesNothingTheSecondTime() {
    assertEquals(0, store.createSchema());
    store.checkSchema();
  }

  @Test
  void tablePrefix_namesTheTablesAndTwoStoresInOneSchemaStayApart() {
    JdbcLeadStore other = JdbcLeadStore.builder(pool).schema(schema).tablePrefix("crm_").build();
    assertEquals(1, other.createSchema());
    other.commit(insert(lead("a", 0, "anna")));

    assertEquals(Optional.empty(), store.load(new LeadKey("shop", "a")));
    assertEquals(1, Postgres.count(pool, "SELECT count(*) FROM " + schema + ".crm_lead"));
  }

  @Test
  void builder_refusesIdentifiersThatAreNotPlainLowerCaseNames() {
    for (String bad :
        new String[] {"Sales", "sales; DROP TABLE x", "1sales", "sa\"les", "", "a".repeat(41)}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> JdbcLeadStore.builder(pool).schema(bad));
      assertTrue(String.valueOf(e.getMessage()).startsWith("schema '"), e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class, () -> JdbcLeadStore.builder(pool).tablePrefix("x-"));
  }

  @Test
  void builder_settingAnOptionTwice_isReported() {
    IllegalStateException schemaTwice =
        assertThrows(
            IllegalStateException.class, () -> JdbcLeadStore.builder(pool).schema("a").schema("b"));
    assertEquals("schema was already set to a", schemaTwice.getMessage());
    IllegalStateException prefixTwice =
        assertThrows(
            IllegalStateException.class,
            () -> JdbcLeadStore.builder(pool).tablePrefix("x_").tablePrefix("y_"));
    assertEquals("table prefix was already set to x_", prefixTwice.getMessage());
    IllegalStateException timeoutTwice =
        assertThrows(
            IllegalStateException.class,
            () ->
                JdbcLeadStore.builder(pool)
                    .statementTimeout(Duration.ofSeconds(2))
                    .statementTimeout(Duration.ofSeconds(3)));
    assertEquals("statement timeout was already set to PT2S", timeoutTwice.getMessage());
  }
}
