package dev.funnel.jdbc;

import static dev.funnel.jdbc.Counter.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Actions;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Injected faults: a lead row that does not parse, a missing or older schema, a unique violation, a
 * connection that drops in the middle of a commit, a statement that runs out of time. Each is a
 * clear error naming the lead or the table, and none leaves a half-written change or hands out an
 * effect.
 */
final class FaultTest {
  static final LeadKey KEY = new LeadKey("counter", "lead-1");

  private HikariDataSource pool;
  private JdbcLeadStore store;
  private Counter rec;
  private FunnelRuntime runtime;

  @BeforeEach
  void oneLead() {
    pool = Postgres.newPool();
    store = JdbcLeadStore.builder(pool).statementTimeout(Duration.ofSeconds(1)).build();
    store.createSchema();
    rec = new Counter();
    runtime = rec.runtime(store, T0);
    runtime.enter("counter", "lead-1", "ads", T0);
  }

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void aLeadRowThatDoesNotParse_isReportedWithTheLeadTheTableAndThePointer() {
    Postgres.execute(
        pool, "UPDATE funnel_lead SET body = body || '{\"stage\": 7}' WHERE lead_id = 'lead-1'");

    JdbcLeadStoreException e = assertThrows(JdbcLeadStoreException.class, () -> store.load(KEY));
    assertTrue(
        String.valueOf(e.getMessage())
            .startsWith("lead 'counter/lead-1' in table 'funnel_lead' does not parse: "),
        e.getMessage());
    assertTrue(String.valueOf(e.getMessage()).contains("/stage"), e.getMessage());

    // Through another service's store: this one keeps the lead as it wrote it and would change it
    // without reading the row, which only a write from outside the stores could have broken.
    FunnelRuntime other = rec.runtime(JdbcLeadStore.builder(pool).build(), T0);
    assertThrows(
        JdbcLeadStoreException.class,
        () -> other.handle("counter", "lead-1", Event.of("evt-1", "ping", T0.plusSeconds(1))));
    assertEquals(0, rec.delivered.size());
    assertEquals(0, Postgres.count(pool, "SELECT count(*) FROM funnel_outbox"));
  }

  @Test
  void aDueLeadKeptAtItsRowsVersion_isTakenAsKept_whileAnotherStoreReadsTheBody() throws Exception {
    runtime.handle("counter", "lead-1", Event.of("evt-1", "flip", T0.plusSeconds(1)));
    Postgres.execute(
        pool, "UPDATE funnel_lead SET body = body || '{\"stage\": 7}' WHERE lead_id = 'lead-1'");
    Instant later = T0.plus(Duration.ofMinutes(5));

    JdbcLeadStore other = JdbcLeadStore.builder(pool).timerClaim(Duration.ofMillis(1)).build();
    JdbcLeadStoreException e =
        assertThrows(JdbcLeadStoreException.class, () -> other.loadDue(later, 10));
    assertTrue(String.valueOf(e.getMessage()).contains("does not parse"), e.getMessage());

    Thread.sleep(20); // the other store's claim runs out
    ImmutableList<Lead> due = store.loadDue(later, 10);
    assertEquals(1, due.size());
    assertEquals("flipped", due.get(0).stage());
  }

  @Test
  void aRowWhoseBodyIsAnotherLead_isReported() {
    Postgres.execute(
        pool,
        "UPDATE funnel_lead SET body = jsonb_set(body, '{id}', '\"lead-2\"')"
            + " WHERE lead_id = 'lead-1'");

    JdbcLeadStoreException e = assertThrows(JdbcLeadStoreException.class, () -> store.load(KEY));
    assertTrue(String.valueOf(e.getMessage()).contains("does not match its row"), e.getMessage());
  }

  @Test
  void aMissingSchema_isReportedWithTheTableAndWhatToRun() {
    try (HikariDataSource empty = Postgres.newPool()) {
      JdbcLeadStore bare = JdbcLeadStore.builder(empty).build();

      JdbcLeadStoreException e = assertThrows(JdbcLeadStoreException.class, () -> bare.load(KEY));
      assertTrue(
          String.valueOf(e.getMessage())
              .startsWith("table 'funnel_schema' is missing: the funnel schema is not installed"),
          e.getMessage());
    }
  }

  @Test
  void anOlderSchema_isReportedWithBothVersions() {
    Postgres.execute(pool, "UPDATE funnel_schema SET version = 0");
    JdbcLeadStore fresh = JdbcLeadStore.builder(pool).build();

    JdbcLeadStoreException e = assertThrows(JdbcLeadStoreException.class, fresh::checkSchema);
    assertEquals(
        "table 'funnel_schema' says schema version 0, older than version "
            + JdbcLeadStore.schemaVersion()
            + " this code needs; run the migrations in db/migration or"
            + " JdbcLeadStore.createSchema()",
        e.getMessage());
    assertThrows(JdbcLeadStoreException.class, () -> fresh.load(KEY));
  }

  @Test
  void aTableDroppedUnderTheStore_isReportedWithTheLeadAndTheTable() {
    Postgres.execute(pool, "DROP TABLE funnel_accepted");

    JdbcLeadStoreException e =
        assertThrows(JdbcLeadStoreException.class, () -> store.isAccepted(KEY, "evt-1"));
    assertTrue(
        String.valueOf(e.getMessage())
            .startsWith(
                "looking up an accepted event id of lead 'counter/lead-1' in table"
                    + " 'funnel_accepted' failed: a table of funnel_* is missing"),
        e.getMessage());
  }

  @Test
  void aUniqueViolation_writesNothingOfTheCommit() {
    // A constraint the store does not expect: one outbox entry per lead.
    Postgres.execute(pool, "CREATE UNIQUE INDEX one_per_lead ON funnel_outbox (lead_id)");
    Lead before = store.load(KEY).orElseThrow();
    LeadStore.Commit commit =
        new LeadStore.Commit(
            before.version(),
            before.toBuilder().version(before.version() + 1).build(),
            true,
            ImmutableList.of(entry("evt-1", 0), entry("evt-1", 1)),
            T0,
            ImmutableList.of("evt-1"),
            T0);

    JdbcLeadStoreException e =
        assertThrows(JdbcLeadStoreException.class, () -> store.commit(commit));
    assertEquals(
        "committing lead 'counter/lead-1' version 1 to table 'funnel_lead' failed: a unique"
            + " constraint refused the write; nothing was written (SQL state 23505)",
        e.getMessage());
    assertUnchanged(before);
    assertFalse(store.isAccepted(KEY, "evt-1"));
  }

  @Test
  void insertingALeadThatExists_isARefusalNotAnError() {
    Lead before = store.load(KEY).orElseThrow();
    assertFalse(
        store.commit(
            new LeadStore.Commit(
                LeadStore.ABSENT, before, true, ImmutableList.of(entry("evt-1", 0)), T0)));
    assertUnchanged(before);
  }

  @Test
  void aConnectionDroppedMidCommit_writesNothingAndHandsOutNoEffect() throws Exception {
    Lead before = store.load(KEY).orElseThrow();
    try (Connection blocker = pool.getConnection()) {
      blocker.setAutoCommit(false);
      lockLead(blocker);
      CompletableFuture<Object> handled =
          CompletableFuture.supplyAsync(
              () ->
                  runtime.handle(
                      "counter", "lead-1", Event.of("evt-1", "ping", T0.plusSeconds(1))));
      // Kill the server process of the commit while it waits for the row.
      long killed = 0;
      for (int i = 0; i < 100 && killed == 0; i++) {
        Thread.sleep(20);
        killed =
            Postgres.count(
                pool,
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query LIKE 'WITH l AS (UPDATE%'");
      }
      assertEquals(1, killed);
      Throwable failure =
          assertThrows(Exception.class, () -> handled.get(30, TimeUnit.SECONDS)).getCause();
      JdbcLeadStoreException e =
          assertInstanceOf(JdbcLeadStoreException.class, failure, String.valueOf(failure));
      assertTrue(
          String.valueOf(e.getMessage())
              .startsWith(
                  "committing lead 'counter/lead-1' version 1 to table 'funnel_lead' failed: the"
                      + " connection to the database was lost; nothing was written"),
          e.getMessage());
      blocker.rollback();
    }
    assertUnchanged(before);
    assertEquals(0, rec.delivered.size());
    // The pool replaces the dropped connection; the store goes on.
    assertTrue(
        runtime
            .handle("counter", "lead-1", Event.of("evt-1", "ping", T0.plusSeconds(1)))
            .isAccepted());
    assertEquals(1, rec.delivered.size());
  }

  @Test
  void aStatementThatRunsOutOfTime_writesNothingAndHandsOutNoEffect() throws Exception {
    Lead before = store.load(KEY).orElseThrow();
    try (Connection blocker = pool.getConnection()) {
      blocker.setAutoCommit(false);
      lockLead(blocker);

      JdbcLeadStoreException e =
          assertThrows(
              JdbcLeadStoreException.class,
              () ->
                  runtime.handle(
                      "counter", "lead-1", Event.of("evt-1", "ping", T0.plusSeconds(1))));
      assertEquals(
          "committing lead 'counter/lead-1' version 1 to table 'funnel_lead' failed: the"
              + " statement ran out of time and was cancelled; nothing was written (SQL state"
              + " 57014)",
          e.getMessage());
      blocker.rollback();
    }
    assertUnchanged(before);
    assertEquals(0, rec.delivered.size());
  }

  private static void lockLead(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT 1 FROM funnel_lead WHERE lead_id = 'lead-1' FOR UPDATE");
    }
  }

  private void assertUnchanged(Lead before) {
    assertEquals(before, store.load(KEY).orElseThrow());
    assertEquals(0, Postgres.count(pool, "SELECT count(*) FROM funnel_outbox"));
    assertEquals(0, Postgres.count(pool, "SELECT count(*) FROM funnel_accepted"));
  }

  private static OutboxEntry entry(String eventId, int index) {
    return new OutboxEntry(
        new EffectKey("counter", "lead-1", eventId, index), Actions.send("ping"), T0);
  }
}
