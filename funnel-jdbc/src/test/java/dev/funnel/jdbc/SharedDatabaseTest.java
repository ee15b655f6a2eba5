package dev.funnel.jdbc;

import static dev.funnel.jdbc.Counter.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Actions;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.ScheduledTimer;
import dev.funnel.Step;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes, each with a store and a pool of its own as two services would have, over one
 * database: no lost update, no effect delivered for a change that did not commit, each outbox entry
 * delivered by one runtime at a time, timers fired once.
 */
final class SharedDatabaseTest {
  static final int THREADS_PER_RUNTIME = 2;
  static final int EVENTS_PER_THREAD = 100;
  static final int LEADS = 6;

  private HikariDataSource poolA;
  private HikariDataSource poolB;
  private JdbcLeadStore storeA;
  private JdbcLeadStore storeB;

  @BeforeEach
  void twoServicesOverOneDatabase() {
    String url = Postgres.newDatabase();
    poolA = Postgres.pool(url, 4);
    poolB = Postgres.pool(url, 4);
    storeA = JdbcLeadStore.builder(poolA).build();
    storeA.createSchema();
    storeB = JdbcLeadStore.builder(poolB).build();
  }

  @AfterEach
  void close() {
    poolA.close();
    poolB.close();
  }

  @Test
  void twoRuntimesOnFewLeads_loseNoUpdateAndDeliverOnlyCommittedEffectsOnce() throws Exception {
    Counter rec = new Counter();
    FunnelRuntime a = rec.runtime(storeA, T0);
    FunnelRuntime b = rec.runtime(storeB, T0);
    for (int i = 0; i < LEADS; i++) {
      (i % 2 == 0 ? a : b).enter("counter", "lead-" + i, "ads", T0);
    }
    List<FunnelRuntime> runtimes = List.of(a, b);
    Map<String, AtomicLong> accepted = new ConcurrentHashMap<>();
    AtomicLong sequence = new AtomicLong();
    AtomicLong latest = new AtomicLong(T0.getEpochSecond());
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_RUNTIME + 2);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 2 * THREADS_PER_RUNTIME; t++) {
        int thread = t;
        FunnelRuntime rt = runtimes.get(t % 2);
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  Random rnd = new Random(thread);
                  for (int j = 0; j < EVENTS_PER_THREAD; j++) {
                    String lead = "lead-" + rnd.nextInt(LEADS);
                    String type = rnd.nextInt(4) == 0 ? "flip" : "ping";
                    long second = T0.getEpochSecond() + sequence.incrementAndGet() * 10L;
                    latest.accumulateAndGet(second, Math::max);
                    Event e = Event.of("t" + thread + "-" + j, type, Instant.ofEpochSecond(second));
                    if (rt.handle("counter", lead, e).isAccepted()) {
                      accepted.computeIfAbsent(lead, k -> new AtomicLong()).incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      List<Future<?>> tickers = new ArrayList<>();
      for (FunnelRuntime rt : runtimes) {
        tickers.add(
            pool.submit(
                () -> {
                  start.await();
                  while (!done.get()) {
                    rt.advanceTo(Instant.ofEpochSecond(latest.get()));
                    Thread.sleep(1);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> w : workers) {
        w.get(120, TimeUnit.SECONDS);
      }
      done.set(true);
      for (Future<?> t : tickers) {
        t.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, List<Long>> versions = new HashMap<>();
    Map<String, Long> timerSteps = new HashMap<>();
    Set<String> committedSteps = new HashSet<>();
    for (Step s : rec.steps) {
      versions.computeIfAbsent(s.leadId(), k -> new ArrayList<>()).add(s.version());
      String eventId = s.eventId();
      if (eventId != null) {
        committedSteps.add(s.leadId() + "/" + eventId);
        if (eventId.startsWith("timer:")) {
          timerSteps.merge(s.leadId(), 1L, Long::sum);
        }
      }
    }
    long total = 0;
    for (int i = 0; i < LEADS; i++) {
      String id = "lead-" + i;
      Lead lead = a.lead("counter", id).orElseThrow();
      long events = accepted.getOrDefault(id, new AtomicLong()).get();
      // No lost update: every accepted event and fired timer is one version, each reported once.
      assertEquals(events + timerSteps.getOrDefault(id, 0L), lead.version(), id);
      List<Long> seen = versions.get(id);
      Collections.sort(seen);
      List<Long> expected = new ArrayList<>();
      for (long v = 0; v <= lead.version(); v++) {
        expected.add(v);
      }
      assertEquals(expected, seen, id);
      total += events;
    }
    assertTrue(total > 2 * THREADS_PER_RUNTIME * EVENTS_PER_THREAD / 2, "accepted " + total);
    assertTrue(timerSteps.values().stream().mapToLong(Long::longValue).sum() > 0, "timers fired");
    // Only effects of committed changes were delivered (each step here has one), each once.
    Set<String> deliveredSteps = new HashSet<>();
    for (EffectKey k : rec.delivered.keySet()) {
      deliveredSteps.add(k.leadId() + "/" + k.eventId());
    }
    assertEquals(rec.delivered.size(), deliveredSteps.size());
    Set<String> notCommitted = new HashSet<>(deliveredSteps);
    notCommitted.removeAll(committedSteps);
    assertEquals(Set.of(), notCommitted);
    assertEquals(committedSteps.size(), deliveredSteps.size());
    assertEquals(List.of(), moreThanOnce(rec.delivered));
    assertTrue(storeA.pending(10).isEmpty());
  }

  @Test
  void twoRuntimesTicking_fireEachTimerOnce() throws Exception {
    int leads = 120;
    for (int i = 0; i < leads; i++) {
      Lead lead =
          Lead.builder("lead-" + i, "counter")
              .stage("flipped", T0)
              .channel("ads")
              .timer(new ScheduledTimer("flipped", "flip", T0.plusSeconds(120 + i % 7)))
              .build();
      storeA.commit(new LeadStore.Commit(LeadStore.ABSENT, lead, true, ImmutableList.of(), T0));
    }
    Counter rec = new Counter();
    FunnelRuntime a = rec.runtime(storeA, T0);
    FunnelRuntime b = rec.runtime(storeB, T0);
    AtomicInteger fired = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> tickers = new ArrayList<>();
      for (FunnelRuntime rt : List.of(a, b, a, b)) {
        tickers.add(pool.submit(() -> fired.addAndGet(rt.advanceTo(T0.plusSeconds(3600)))));
      }
      for (Future<?> t : tickers) {
        t.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(leads, fired.get());
    assertEquals(leads, rec.steps.size());
    assertEquals(leads, rec.delivered.size());
    assertEquals(List.of(), moreThanOnce(rec.delivered));
    for (int i = 0; i < leads; i++) {
      Lead lead = b.lead("counter", "lead-" + i).orElseThrow();
      assertEquals("open", lead.stage());
      assertEquals(1, lead.version());
    }
    assertTrue(storeB.firstDue().isEmpty());
  }

  @Test
  @SuppressWarnings("ThreadPriorityCheck") // yield widens the window a race would need
  void twoRuntimesDispatching_deliverEachLeftOverEntryOnceAndNeverAtTheSameTime() throws Exception {
    int leads = 100;
    for (int i = 0; i < leads; i++) {
      Lead lead = Lead.builder("lead-" + i, "counter").stage("open", T0).channel("ads").build();
      ImmutableList.Builder<OutboxEntry> outbox = ImmutableList.builder();
      for (int k = 0; k < 3; k++) {
        outbox.add(
            new OutboxEntry(
                new EffectKey("counter", lead.id(), "evt-" + i, k), Actions.send("ping"), T0));
      }
      // Written by a runtime that died before delivering: its lease has run out.
      storeA.commit(
          new LeadStore.Commit(LeadStore.ABSENT, lead, true, outbox.build(), T0.minusSeconds(1)));
    }
    Set<EffectKey> inFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    Counter rec = new Counter();
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    List<FunnelRuntime> runtimes = new ArrayList<>();
    for (JdbcLeadStore store : List.of(storeA, storeB, storeA, storeB)) {
      runtimes.add(
          rec.runtime(
              store,
              clock,
              d -> {
                if (!inFlight.add(d.key())) {
                  overlaps.incrementAndGet();
                }
                Thread.yield();
                rec.record(d.key());
                inFlight.remove(d.key());
              }));
    }
    AtomicInteger handed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> dispatchers = new ArrayList<>();
      for (FunnelRuntime rt : runtimes) {
        dispatchers.add(pool.submit(() -> handed.addAndGet(rt.dispatchPending())));
      }
      for (Future<?> d : dispatchers) {
        d.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(0, overlaps.get());
    assertEquals(3 * leads, handed.get());
    assertEquals(3 * leads, rec.delivered.size());
    assertEquals(List.of(), moreThanOnce(rec.delivered));
    assertTrue(storeB.pending(10).isEmpty());
  }

  @Test
  void aCommitThatLostTheRace_deliversNothing() {
    Counter rec = new Counter();
    FunnelRuntime a = rec.runtime(storeA, T0);
    a.enter("counter", "lead-1", "ads", T0);
    Lead stale = storeB.load(new dev.funnel.runtime.LeadKey("counter", "lead-1")).orElseThrow();
    a.handle("counter", "lead-1", Event.of("evt-1", "ping", T0.plusSeconds(1)));

    // A second service that read the lead before the first one wrote it loses the race.
    boolean written =
        storeB.commit(
            new LeadStore.Commit(
                stale.version(),
                stale.toBuilder().version(stale.version() + 1).build(),
                true,
                ImmutableList.of(
                    new OutboxEntry(
                        new EffectKey("counter", "lead-1", "evt-2", 0), Actions.send("ping"), T0)),
                T0.minusSeconds(1)));

    assertEquals(false, written);
    assertEquals(0, rec.runtime(storeB, T0.plus(Duration.ofHours(1))).dispatchPending());
    assertEquals(Set.of(new EffectKey("counter", "lead-1", "evt-1", 0)), rec.delivered.keySet());
  }

  private static List<EffectKey> moreThanOnce(Map<EffectKey, AtomicInteger> delivered) {
    List<EffectKey> twice = new ArrayList<>();
    delivered.forEach(
        (k, n) -> {
          if (n.get() != 1) {
            twice.add(k);
          }
        });
    return twice;
  }
}
