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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    assertEquals(JdbcLeadStore.migrations().size(), store.createSchema());
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
  void firstDue_roundsASubMicrosecondDueTimeUpSoTheTimerIsDueWhenRead() {
    Instant due = T0.plusNanos(1_000_001);
    store.commit(insert(lead("a", 0, "anna", due)));

    Instant read = store.firstDue().orElseThrow().due();

    assertEquals(T0.plusNanos(1_001_000), read);
    assertFalse(read.isBefore(due));
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
  void createSchema_twice_appliesNothingTheSecondTime() {
    assertEquals(0, store.createSchema());
    store.checkSchema();
  }

  @Test
  void createSchema_onVersionOne_appliesTheLaterMigrations() {
    Postgres.execute(pool, "DROP INDEX " + schema + ".funnel_lead_pinned_idx");
    Postgres.execute(pool, "DROP TABLE " + schema + ".funnel_contact");
    Postgres.execute(pool, "DROP TABLE " + schema + ".funnel_lead_claim");
    Postgres.execute(pool, "DELETE FROM " + schema + ".funnel_schema WHERE version > 1");
    store.commit(insert(lead("a", 0, "anna")));

    assertEquals(JdbcLeadStore.migrations().size() - 1, store.createSchema());

    store.checkSchema();
    assertEquals(
        1,
        Postgres.count(
            pool,
            "SELECT count(*) FROM pg_indexes WHERE schemaname = '"
                + schema
                + "' AND indexname = 'funnel_lead_pinned_idx'"));
    assertEquals(ImmutableList.of(new LeadKey("shop", "a")), store.pinnedTo("shop", 1, "", 10));
  }

  @Test
  void pinnedTo_readsThePinnedVersionIndex() throws Exception {
    for (int i = 0; i < 200; i++) {
      Lead lead = lead("lead-" + i, 0, "anna");
      store.commit(insert(i == 7 ? lead.toBuilder().funnelVersion(2).build() : lead));
    }
    Postgres.execute(pool, "ANALYZE " + schema + ".funnel_lead");
    Sql sql = new Sql(new Tables(Optional.of(schema), Tables.DEFAULT_PREFIX), false);
    StringBuilder plan = new StringBuilder();
    try (Connection c = pool.getConnection()) {
      try (Statement s = c.createStatement()) {
        // A table this small would be read whole; the test asks whether the index serves the query.
        s.execute("SET enable_seqscan = off");
      }
      for (String query : List.of(sql.pinned, sql.countPinned)) {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + query)) {
          ps.setString(1, "shop");
          ps.setInt(2, 2);
          if (query.equals(sql.pinned)) {
            ps.setString(3, "");
            ps.setInt(4, 5);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              plan.append(rs.getString(1)).append('\n');
            }
          }
        }
      }
    }
    assertEquals(
        2, plan.toString().split("funnel_lead_pinned_idx", -1).length - 1, plan.toString());
  }

  @Test
  void tablePrefix_namesTheTablesAndTwoStoresInOneSchemaStayApart() {
    JdbcLeadStore other = JdbcLeadStore.builder(pool).schema(schema).tablePrefix("crm_").build();
    assertEquals(JdbcLeadStore.migrations().size(), other.createSchema());
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
    IllegalStateException laterTwice =
        assertThrows(
            IllegalStateException.class,
            () ->
                JdbcLeadStore.builder(pool)
                    .deleteDeliveredWithNextWrite()
                    .deleteDeliveredWithNextWrite());
    assertEquals(
        "deleting delivered entries with the next write was already set", laterTwice.getMessage());
  }
}
