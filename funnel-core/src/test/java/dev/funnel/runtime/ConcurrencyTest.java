package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Several threads fire thousands of events at a few leads, now and then two of them the same event
 * at the same moment, while another thread keeps firing due timers: no update may be lost, no event
 * applied twice, and every effect must be handed over exactly once.
 */
final class ConcurrencyTest {
  static final Instant T0 = Instant.parse("2026-05-04T12:00:00Z");
  static final int THREADS = 4;
  static final int EVENTS_PER_THREAD = 2_000;
  static final int LEADS = 5;
  static final int DUPLICATE_EVERY = 50;

  static Funnel counter() {
    return Funnel.builder("counter")
        .stage("open")
        .entry()
        .stage("flipped")
        .on("ping")
        .fromAny()
        .then(Actions.send("ping"), Actions.custom("audit"))
        .on("flip")
        .from("open")
        .to("flipped")
        .then(Actions.send("flipped"))
        .on("flip")
        .from("flipped")
        .to("open")
        .then(Actions.send("flipped"))
        .after(Duration.ofMinutes(2))
        .in("flipped")
        .fire("flip")
        .build();
  }

  @Test
  void manyThreadsOnFewLeads_loseNoUpdateAndHandOverEachEffectOnce() throws Exception {
    ConcurrentHashMap<EffectKey, AtomicInteger> delivered = new ConcurrentHashMap<>();
    ActionHandler handler =
        d -> delivered.computeIfAbsent(d.key(), k -> new AtomicInteger()).incrementAndGet();
    Recorder rec = new Recorder();
    InMemoryLeadStore store = new InMemoryLeadStore();
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(counter()))
            .store(store)
            .clock(new TestClock(T0))
            .handler(Actions.SEND, handler)
            .handler("audit", handler)
            .listener(rec)
            .build();
    for (int i = 0; i < LEADS; i++) {
      rt.enter("counter", "lead-" + i, "ads", T0);
    }

    Map<String, AtomicLong> acceptedEvents = new ConcurrentHashMap<>();
    AtomicLong latest = new AtomicLong(T0.getEpochSecond());
    AtomicLong sequence = new AtomicLong();
    Map<String, Queue<Receipt>> twins = new ConcurrentHashMap<>();
    CyclicBarrier barrier = new CyclicBarrier(THREADS);
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  Random rnd = new Random(thread);
                  for (int j = 0; j < EVENTS_PER_THREAD; j++) {
                    String lead = "lead-" + rnd.nextInt(LEADS);
                    String type = rnd.nextInt(4) == 0 ? "flip" : "ping";
                    // Times from a shared sequence: few events arrive after a later one was stored.
                    long second = T0.getEpochSecond() + sequence.incrementAndGet() * 10L;
                    Event e = Event.of("t" + thread + "-" + j, type, Instant.ofEpochSecond(second));
                    latest.accumulateAndGet(second, Math::max);
                    count(rt.handle("counter", lead, e), lead, acceptedEvents);
                    if (j % DUPLICATE_EVERY == 0) {
                      // Two threads deliver the same event to one lead at the same moment.
                      barrier.await(30, TimeUnit.SECONDS);
                      String twin = "lead-" + (thread / 2);
                      // Nobody takes a time between the barriers, so both twins read the same one.
                      long twinAt = T0.getEpochSecond() + sequence.get() * 10L + 5;
                      Event dup =
                          Event.of("dup-" + j + "-" + twin, "ping", Instant.ofEpochSecond(twinAt));
                      Receipt r = rt.handle("counter", twin, dup);
                      count(r, twin, acceptedEvents);
                      twins.computeIfAbsent(dup.id(), k -> new ConcurrentLinkedQueue<>()).add(r);
                      barrier.await(30, TimeUnit.SECONDS);
                    }
                  }
                  return null;
                }));
      }
      Future<?> ticker =
          pool.submit(
              () -> {
                start.await();
                while (!done.get()) {
                  rt.advanceTo(Instant.ofEpochSecond(latest.get()));
                }
                return null;
              });
      start.countDown();
      for (Future<?> w : workers) {
        w.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      ticker.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertEquals(THREADS / 2 * (EVENTS_PER_THREAD / DUPLICATE_EVERY), twins.size());
    for (Map.Entry<String, Queue<Receipt>> twin : twins.entrySet()) {
      List<Receipt> pair = new ArrayList<>(twin.getValue());
      long accepted = pair.stream().filter(Receipt::isAccepted).count();
      if (accepted == 1) {
        Receipt other = pair.get(pair.get(0).isAccepted() ? 1 : 0);
        assertEquals(Optional.of(Outcome.Refusal.DUPLICATE), other.refusal(), twin.getKey());
      } else {
        assertEquals(0, accepted, twin.getKey());
        assertEquals(pair.get(0).refusal(), pair.get(1).refusal(), twin.getKey());
      }
    }
    ImmutableList<Step> steps = rec.steps();
    Map<String, Long> timerSteps = new HashMap<>();
    Map<String, List<Long>> versions = new HashMap<>();
    long expectedEffects = 0;
    for (Step s : steps) {
      versions.computeIfAbsent(s.leadId(), k -> new ArrayList<>()).add(s.version());
      if (s.eventId() != null && s.eventId().startsWith("timer:")) {
        timerSteps.merge(s.leadId(), 1L, Long::sum);
      }
      if (!s.isEntry()) {
        expectedEffects += "ping".equals(s.eventType()) ? 2 : 1;
      }
    }
    long total = 0;
    for (int i = 0; i < LEADS; i++) {
      String id = "lead-" + i;
      Lead lead = rt.lead("counter", id).orElseThrow();
      long events = Optional.ofNullable(acceptedEvents.get(id)).map(AtomicLong::get).orElse(0L);
      long timers = timerSteps.getOrDefault(id, 0L);
      assertEquals(events + timers, lead.version(), id);
      // Every version from the entry on was reported once.
      Collections.sort(versions.get(id));
      List<Long> expected = new ArrayList<>();
      for (long v = 0; v <= lead.version(); v++) {
        expected.add(v);
      }
      assertEquals(expected, versions.get(id), id);
      total += events;
    }
    assertTrue(total > THREADS * EVENTS_PER_THREAD * 3 / 4, "most events are accepted: " + total);
    assertTrue(timerSteps.values().stream().mapToLong(Long::longValue).sum() > 0, "timers fired");
    assertEquals(expectedEffects, delivered.size());
    assertEquals(
        ImmutableList.of(),
        delivered.entrySet().stream()
            .filter(e -> e.getValue().get() != 1)
            .map(Map.Entry::getKey)
            .collect(ImmutableList.toImmutableList()));
    assertEquals(0, store.pendingCount());
  }

  private static void count(Receipt r, String lead, Map<String, AtomicLong> accepted) {
    if (r.isAccepted()) {
      accepted.computeIfAbsent(lead, k -> new AtomicLong()).incrementAndGet();
    }
  }
}
