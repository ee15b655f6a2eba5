package dev.funnel.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Step;
import dev.funnel.migration.Migration;
import dev.funnel.migration.TimerPolicy;
import dev.funnel.runtime.FunnelListener;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.FunnelRuntimeBuilder;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.MigrationSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Eager migration and retirement on PostgreSQL: the leads of a version walked in pages through the
 * pinned-version index, each migrated with the store's compare-and-set while events arrive.
 */
final class JdbcMigrationTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final String PINGS = "pings";

  /** The runtime's clock: events come at its time, not before the migrations it makes. */
  static final Instant NOW = T0.plusSeconds(3600);

  private HikariDataSource pool;
  private JdbcLeadStore store;
  private final List<Step> steps = new CopyOnWriteArrayList<>();
  private final List<Thread> migratedOn = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> sent = new ConcurrentHashMap<>();

  /** Version 1: a new lead is reminded after two days; a ping engages it with a hello. */
  static Funnel v1() {
    return pings(1, Duration.ofDays(2));
  }

  /** Version 2: the reminder after one day. */
  static Funnel v2() {
    return pings(2, Duration.ofDays(1));
  }

  private static Funnel pings(int version, Duration remind) {
    return Funnel.builder(PINGS)
        .version(version)
        .stage("new")
        .entry()
        .stage("engaged")
        .stage("done")
        .won()
        .on("ping")
        .from("new")
        .to("engaged")
        .then(Actions.send("hello", "email"))
        .on("remind")
        .from("new")
        .stay()
        .then(Actions.send("reminder", "email"))
        .on("finish")
        .from("engaged")
        .to("done")
        .after(remind)
        .in("new")
        .fire("remind")
        .build();
  }

  static Migration migration() {
    return Migration.between(v1(), v2()).timer("new", "remind", TimerPolicy.RECOMPUTE).build();
  }

  @BeforeEach
  void database() {
    pool = Postgres.newPool();
    store = JdbcLeadStore.builder(pool).build();
    store.createSchema();
  }

  @AfterEach
  void close() {
    pool.close();
  }

  private FunnelRuntimeBuilder builder(Catalog catalog, FunnelListener listener) {
    return FunnelRuntime.builder(catalog)
        .store(store)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .handler(
            "send",
            call ->
                sent.computeIfAbsent(
                        call.key().leadId(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(call.action().param("template").orElse("?")))
        .listener(
            new FunnelListener() {
              @Override
              public void stepped(Step step) {
                steps.add(step);
                if (Migration.MIGRATED.equals(step.eventType())) {
                  migratedOn.add(Thread.currentThread());
                }
                listener.stepped(step);
              }
            });
  }

  /** Enters leads on version 1 with a runtime that knows no other. */
  private void enterOnVersionOne(int n) {
    FunnelRuntime old = builder(Catalog.of(v1()), new FunnelListener() {}).build();
    for (int i = 0; i < n; i++) {
      old.enter(PINGS, String.format("lead-%03d", i), "ads", T0);
    }
  }

  private FunnelRuntime next(FunnelListener listener) {
    return builder(Catalog.of(v1(), v2()), listener).migration(migration()).build();
  }

  private long migrationSteps(String leadId) {
    return steps.stream()
        .filter(s -> s.leadId().equals(leadId) && Migration.MIGRATED.equals(s.eventType()))
        .count();
  }

  @Test
  void migrateAll_walksThePinnedVersionIndexInBatches() {
    enterOnVersionOne(25);
    FunnelRuntime rt = next(new FunnelListener() {});

    MigrationSummary summary = rt.migrateAll(PINGS, 1, 10);

    assertEquals(new MigrationSummary(PINGS, 1, 25, 0, 0, 3), summary);
    assertEquals(0, store.countPinnedTo(PINGS, 1));
    assertEquals(25, store.countPinnedTo(PINGS, 2));
    Lead lead = rt.lead(PINGS, "lead-017").orElseThrow();
    assertEquals(2, lead.funnelVersion());
    assertEquals(T0.plus(Duration.ofDays(1)), lead.timers().get(0).due());
    assertEquals(T0.plus(Duration.ofDays(1)), store.firstDue().orElseThrow().due());
  }

  @Test
  void migrateAll_leadDeletedUnderTheWalk_isSkipped() {
    enterOnVersionOne(3);
    FunnelRuntime rt =
        next(
            new FunnelListener() {
              @Override
              public void stepped(Step step) {
                if (step.leadId().equals("lead-000")
                    && Migration.MIGRATED.equals(step.eventType())) {
                  Postgres.execute(pool, "DELETE FROM funnel_lead WHERE lead_id = 'lead-002'");
                }
              }
            });

    MigrationSummary summary = rt.migrateAll(PINGS, 1, 10);

    assertEquals(new MigrationSummary(PINGS, 1, 2, 0, 1, 1), summary);
  }

  @Test
  void migrateAll_whileEventsArriveFromAnotherThread_migratesEachLeadOnceAndLosesNoEffect()
      throws Exception {
    int n = 60;
    enterOnVersionOne(n);
    FunnelRuntime rt = next(new FunnelListener() {});
    ExecutorService events = Executors.newSingleThreadExecutor();
    try {
      Future<?> arriving =
          events.submit(
              () -> {
                for (int i = n - 1; i >= 0; i--) {
                  String id = String.format("lead-%03d", i);
                  rt.handle(PINGS, id, Event.of(id + "-ping", "ping", NOW));
                }
              });
      MigrationSummary summary = rt.migrateAll(PINGS, 1, 8);
      arriving.get(120, TimeUnit.SECONDS);

      // The walk lists the leads still on version 1 when it reads each page: those the events
      // migrated before are not listed, those they migrated after are found already migrated.
      long byTheWalk = migratedOn.stream().filter(t -> t == Thread.currentThread()).count();
      assertEquals(byTheWalk, summary.migrated(), summary::toString);
      assertEquals(n, migratedOn.size());
      assertEquals(0, summary.skipped());
      assertEquals(0, store.countPinnedTo(PINGS, 1));
      for (int i = 0; i < n; i++) {
        String id = String.format("lead-%03d", i);
        Lead lead = rt.lead(PINGS, id).orElseThrow();
        assertEquals(2, lead.funnelVersion(), id);
        assertEquals("engaged", lead.stage(), id);
        assertEquals(1, migrationSteps(id), id);
        assertEquals(List.of("hello"), sent.get(id), id);
      }
      assertTrue(store.pending(10).isEmpty());
    } finally {
      events.shutdownNow();
    }
  }

  @Test
  void retire_isRefusedWhileLeadsArePinnedAndClosesTheVersionOnceTheyAreMigrated() {
    enterOnVersionOne(4);
    FunnelRuntime rt = next(new FunnelListener() {});

    IllegalStateException pinned =
        assertThrows(IllegalStateException.class, () -> rt.retire(PINGS, 1));
    rt.migrateAll(PINGS, 1, 3);
    boolean retired = rt.retire(PINGS, 1);

    assertEquals(
        "funnel 'pings' version 1 still has 4 leads pinned to it; migrate them before retiring it",
        pinned.getMessage());
    assertTrue(retired);
    assertThrows(IllegalStateException.class, () -> rt.enter(v1().newLead("late", "ads"), T0));
    assertTrue(store.load(new LeadKey(PINGS, "late")).isEmpty());
  }
}
