package dev.funnel.jdbc;

import static dev.funnel.jdbc.Counter.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.LeadEvent;
import dev.funnel.runtime.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FunnelRuntime#handleAll} on PostgreSQL: a batch stored with one commit per lead, same-lead
 * events in order, duplicates in the batch and those only the database remembers, and a lead
 * another runtime changed meanwhile handled again from its stored state, each effect delivered
 * once, and the ids the store remembers looked up by lead, not scanned.
 */
final class HandleAllOnPostgresTest {
  private HikariDataSource pool;

  @BeforeEach
  void database() {
    pool = Postgres.newPool();
    JdbcLeadStore.builder(pool).build().createSchema();
  }

  @AfterEach
  void close() {
    pool.close();
  }

  private static LeadEvent event(String lead, String id, String type, int seconds) {
    return LeadEvent.of("counter", lead, Event.of(id, type, T0.plusSeconds(seconds)));
  }

  @Test
  void handleAll_sameLeadAndDuplicatesInOneBatch_areHandledInOrderWithOneCommitEach() {
    Counter counter = new Counter();
    FunnelRuntime runtime = counter.runtime(JdbcLeadStore.builder(pool).build(), T0);
    runtime.enter("counter", "a", "ads", T0);
    runtime.enter("counter", "b", "ads", T0);

    ImmutableList<Receipt> receipts =
        runtime.handleAll(
            List.of(
                event("a", "f1", "flip", 1),
                event("b", "p1", "ping", 1),
                event("a", "f1", "flip", 2),
                event("a", "f2", "flip", 3),
                event("ghost", "p2", "ping", 3)));

    assertEquals(Receipt.Status.MOVED, receipts.get(0).status());
    assertEquals(Receipt.Status.STAYED, receipts.get(1).status());
    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), receipts.get(2).refusal());
    assertEquals(Receipt.Status.MOVED, receipts.get(3).status());
    assertEquals(Receipt.Status.NO_LEAD, receipts.get(4).status());
    Lead a = runtime.lead("counter", "a").orElseThrow();
    assertEquals("open", a.stage());
    assertEquals(2, a.version());
    assertEquals(3, counter.delivered.size());
    assertEquals(0, runtime.pending(10).size());
    assertEquals(0, Postgres.count(pool, "SELECT count(*) FROM funnel_outbox"));
    assertEquals(3, Postgres.count(pool, "SELECT count(*) FROM funnel_accepted"));
  }

  @Test
  void handleAll_anIdOnlyTheDatabaseRemembers_isRefusedAsADuplicate() {
    Counter counter = new Counter();
    FunnelRuntime runtime = counter.runtime(JdbcLeadStore.builder(pool).build(), T0);
    runtime.enter("counter", "a", "ads", T0);
    List<LeadEvent> first = new ArrayList<>();
    for (int i = 0; i <= 2 * Lead.RECENT_EVENT_IDS; i++) {
      first.add(event("a", "p" + i, "ping", 1 + i));
    }
    runtime.handleAll(first);

    ImmutableList<Receipt> again =
        runtime.handleAll(List.of(event("a", "p0", "ping", 100), event("a", "p99", "ping", 101)));

    assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), again.get(0).refusal());
    assertEquals(Receipt.Status.STAYED, again.get(1).status());
    assertEquals(2 * Lead.RECENT_EVENT_IDS + 2, counter.delivered.size());
  }

  @Test
  void handleAll_leadAnotherRuntimeChanged_isHandledAgainAndEachEffectDeliveredOnce() {
    Counter counter = new Counter();
    FunnelRuntime here = counter.runtime(JdbcLeadStore.builder(pool).build(), T0);
    FunnelRuntime there = counter.runtime(JdbcLeadStore.builder(pool).build(), T0);
    for (int i = 0; i < 10; i++) {
      here.enter("counter", "lead-" + i, "ads", T0);
    }
    // Both runtimes hold lead-3 at version 0; only the other one knows it moved on.
    there.handle("counter", "lead-3", Event.of("x1", "flip", T0.plusSeconds(1)));
    List<LeadEvent> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(event("lead-" + i, "f-" + i, "flip", 2));
    }

    ImmutableList<Receipt> receipts = here.handleAll(batch);

    for (int i = 0; i < 10; i++) {
      assertEquals(Receipt.Status.MOVED, receipts.get(i).status(), "lead-" + i);
      Lead lead = here.lead("counter", "lead-" + i).orElseThrow();
      assertEquals(i == 3 ? "open" : "flipped", lead.stage(), "lead-" + i);
    }
    assertEquals(11, counter.delivered.size());
    for (AtomicInteger n : counter.delivered.values()) {
      assertEquals(1, n.get());
    }
  }

  @Test
  void handleAll_manyIdsRemembered_looksThemUpOnceALeadInsteadOfScanningThem()
      throws InterruptedException {
    // One connection, so that the store's statements and the counters read here share a backend,
    // whose counts reach the server's statistics at the end of a transaction 500 ms after its last.
    try (HikariDataSource one = Postgres.pool(Postgres.newDatabase(), 1)) {
      JdbcLeadStore.builder(one).build().createSchema();
      Counter counter = new Counter();
      FunnelRuntime runtime = counter.runtime(JdbcLeadStore.builder(one).build(), T0);
      List<LeadEvent> batch = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        runtime.enter("counter", "lead-" + i, "ads", T0);
        batch.add(event("lead-" + i, "f-" + i, "flip", 2));
      }
      // The ids other leads accepted. Joined to the batch's ids, a plan looked them up once for
      // every lead and id of the batch (1,056 index scans for these 32 leads), or scanned them all
      // once a lead when the table's statistics were behind (StoreBenchmark, BENCHMARKS.md).
      Postgres.execute(
          one,
          "INSERT INTO funnel_accepted (funnel_id, lead_id, event_id, committed_at)"
              + " SELECT 'counter', 'other-' || (n / 4), 'e-' || n, now()"
              + " FROM generate_series(1, 50000) AS n");
      Postgres.execute(one, "ANALYZE funnel_accepted");
      long seq = acceptedScans(one, "seq_scan");
      long idx = acceptedScans(one, "idx_scan");

      ImmutableList<Receipt> receipts = runtime.handleAll(batch);

      for (Receipt r : receipts) {
        assertEquals(Receipt.Status.MOVED, r.status());
      }
      // Each lead's ids are looked up once, and its new id is inserted once, through the index.
      assertEquals(0, acceptedScans(one, "seq_scan") - seq, "sequential scans");
      assertEquals(2 * 32, acceptedScans(one, "idx_scan") - idx, "index scans");
    }
  }

  /** A count of scans of the accepted ids so far, once the backend's counts were reported. */
  private static long acceptedScans(HikariDataSource one, String column)
      throws InterruptedException {
    Thread.sleep(600);
    Postgres.execute(one, "SELECT 1");
    return Postgres.count(
        one, "SELECT " + column + " FROM pg_stat_user_tables WHERE relname = 'funnel_accepted'");
  }
}
