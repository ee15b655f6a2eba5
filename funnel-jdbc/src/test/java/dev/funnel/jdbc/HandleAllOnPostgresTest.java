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
 * once.
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
}
