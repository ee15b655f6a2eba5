package dev.funnel.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.ContactRecord;
import dev.funnel.Purpose;
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
 * The contact book on PostgreSQL: its table beside the lead store's, its migration, and injected
 * faults (a row that does not parse, a missing table, an older schema, a connection dropped in the
 * middle of a commit, a statement that runs out of time), each a clear error naming the person and
 * the table, never a stored value, and none leaving a half-written record.
 */
final class JdbcContactBookTest {
  static final Instant T0 = Instant.parse("2026-05-04T12:00:00Z");
  static final ContactRecord ANNA =
      ContactRecord.EMPTY.withSent("shop", "email", T0).withdraw("sms", Purpose.MARKETING, T0);

  private HikariDataSource pool;
  private JdbcContactBook book;

  @BeforeEach
  void oneRecord() {
    pool = Postgres.newPool();
    book = JdbcContactBook.builder(pool).statementTimeout(Duration.ofSeconds(1)).build();
    assertEquals(JdbcLeadStore.migrations().size(), book.createSchema());
    assertTrue(book.commit("anna", 0, ANNA));
  }

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void theRecord_isOneRowInTheContactTableBesideTheLeadStoresTables() {
    assertEquals(1, Postgres.count(pool, "SELECT count(*) FROM funnel_contact"));
    assertEquals(
        2, Postgres.count(pool, "SELECT version FROM funnel_contact WHERE person_id = 'anna'"));
    assertEquals(0, Postgres.count(pool, "SELECT count(*) FROM funnel_lead"));
    assertEquals(
        JdbcLeadStore.schemaVersion(),
        Postgres.count(pool, "SELECT max(version) FROM funnel_schema"));
    assertEquals("JdbcContactBook{tables=funnel_*}", book.toString());
  }

  @Test
  void createSchema_onAVersionOneDatabase_addsTheLaterMigrations() {
    try (HikariDataSource old = Postgres.newPool()) {
      Postgres.execute(old, Schema.migration("V1__funnel_schema.sql"));
      JdbcContactBook upgraded = JdbcContactBook.builder(old).build();
      JdbcLeadStoreException e = assertThrows(JdbcLeadStoreException.class, upgraded::checkSchema);
      assertEquals(
          "table 'funnel_schema' says schema version 1, older than version 5 this code needs; run"
              + " the migrations in db/migration or JdbcLeadStore.createSchema()",
          e.getMessage());

      assertEquals(JdbcLeadStore.migrations().size() - 1, upgraded.createSchema());
      assertEquals(0, upgraded.createSchema());

      assertEquals(ContactRecord.EMPTY, upgraded.load("anna"));
      assertTrue(upgraded.commit("anna", 0, ANNA));
      assertEquals(ANNA, upgraded.load("anna"));
    }
  }

  @Test
  void tableNames_takeTheSchemaAndPrefixOfTheLeadStore() {
    JdbcContactBook sales = JdbcContactBook.builder(pool).schema("sales").tablePrefix("s_").build();
    JdbcLeadStore store = JdbcLeadStore.builder(pool).schema("sales").tablePrefix("s_").build();
    assertEquals(JdbcLeadStore.migrations().size(), store.createSchema());
    sales.checkSchema();

    assertTrue(sales.commit("ben", 0, ANNA));

    assertEquals(1, Postgres.count(pool, "SELECT count(*) FROM sales.s_contact"));
    assertEquals(ContactRecord.EMPTY, book.load("ben"));
    assertEquals("JdbcContactBook{tables=sales.s_*}", sales.toString());
  }

  @Test
  void builderOptions_setTwice_areReported() {
    JdbcContactBook.Builder b =
        JdbcContactBook.builder(pool)
            .schema("a")
            .tablePrefix("p_")
            .statementTimeout(Duration.ofSeconds(2));
    assertEquals(
        "schema was already set to a",
        assertThrows(IllegalStateException.class, () -> b.schema("b")).getMessage());
    assertEquals(
        "table prefix was already set to p_",
        assertThrows(IllegalStateException.class, () -> b.tablePrefix("q_")).getMessage());
    assertEquals(
        "statement timeout was already set to PT2S",
        assertThrows(IllegalStateException.class, () -> b.statementTimeout(Duration.ofSeconds(3)))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> JdbcContactBook.builder(pool).schema("Sales; --"));
  }

  @Test
  void aRowThatDoesNotParse_isReportedWithThePersonTheTableAndThePointerNotTheValue() {
    Postgres.execute(
        pool,
        "UPDATE funnel_contact SET body = jsonb_set(body, '{sent,0,at}', '\"secret@example.com\"')"
            + " WHERE person_id = 'anna'");

    JdbcLeadStoreException e = assertThrows(JdbcLeadStoreException.class, () -> book.load("anna"));
    assertEquals(
        "the contact record of person 'anna' in table 'funnel_contact' does not parse:"
            + " /sent/0/at: not an instant",
        e.getMessage());
    assertFalse(String.valueOf(e.getMessage()).contains("secret"));
  }

  @Test
  void aRowWithAnUnknownPurpose_isReportedAtItsPointer() {
    Postgres.execute(
        pool,
        "UPDATE funnel_contact SET body = jsonb_set(body, '{withdrawals,0,purpose}', '\"spam\"')");

    JdbcLeadStoreException e = assertThrows(JdbcLeadStoreException.class, () -> book.load("anna"));
    assertTrue(
        String.valueOf(e.getMessage()).endsWith("/withdrawals/0/purpose: not a purpose"),
        e.getMessage());
  }

  @Test
  void aTableDroppedUnderTheBook_isReportedWithThePersonAndTheTable() {
    Postgres.execute(pool, "DROP TABLE funnel_contact");

    JdbcLeadStoreException e =
        assertThrows(JdbcLeadStoreException.class, () -> book.commit("ben", 0, ANNA));
    assertTrue(
        String.valueOf(e.getMessage())
            .startsWith(
                "committing the contact record of person 'ben' version 2 to table"
                    + " 'funnel_contact' failed: a table of funnel_* is missing"),
        e.getMessage());
  }

  @Test
  void aConnectionDroppedMidCommit_writesNothing() throws Exception {
    ContactRecord next = ANNA.withSent("shop", "email", T0.plusSeconds(60));
    try (Connection blocker = pool.getConnection()) {
      blocker.setAutoCommit(false);
      lockAnna(blocker);
      CompletableFuture<Boolean> committed =
          CompletableFuture.supplyAsync(() -> book.commit("anna", ANNA.version(), next));
      long killed = 0;
      for (int i = 0; i < 100 && killed == 0; i++) {
        Thread.sleep(20);
        killed =
            Postgres.count(
                pool,
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE%funnel_contact%'");
      }
      assertEquals(1, killed);
      Throwable failure =
          assertThrows(Exception.class, () -> committed.get(30, TimeUnit.SECONDS)).getCause();
      JdbcLeadStoreException e =
          assertInstanceOf(JdbcLeadStoreException.class, failure, String.valueOf(failure));
      assertTrue(
          String.valueOf(e.getMessage())
              .startsWith(
                  "committing the contact record of person 'anna' version 3 to table"
                      + " 'funnel_contact' failed: the connection to the database was lost;"
                      + " nothing was written"),
          e.getMessage());
      blocker.rollback();
    }
    assertEquals(ANNA, book.load("anna"));
    // The pool replaces the dropped connection; the book goes on.
    assertTrue(book.commit("anna", ANNA.version(), next));
    assertEquals(next, book.load("anna"));
  }

  @Test
  void aStatementThatRunsOutOfTime_writesNothing() throws Exception {
    try (Connection blocker = pool.getConnection()) {
      blocker.setAutoCommit(false);
      lockAnna(blocker);

      JdbcLeadStoreException e =
          assertThrows(
              JdbcLeadStoreException.class,
              () -> book.commit("anna", ANNA.version(), ANNA.restore("sms", Purpose.MARKETING)));
      assertEquals(
          "committing the contact record of person 'anna' version 3 to table 'funnel_contact'"
              + " failed: the statement ran out of time and was cancelled; nothing was written"
              + " (SQL state 57014)",
          e.getMessage());
      assertThrows(JdbcLeadStoreException.class, () -> book.erase("anna"));
      blocker.rollback();
    }
    assertEquals(ANNA, book.load("anna"));
  }

  @Test
  void erase_deletesTheRow() {
    assertTrue(book.erase("anna"));

    assertEquals(0, Postgres.count(pool, "SELECT count(*) FROM funnel_contact"));
    assertFalse(book.erase("anna"));
  }

  private static void lockAnna(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT 1 FROM funnel_contact WHERE person_id = 'anna' FOR UPDATE");
    }
  }
}
