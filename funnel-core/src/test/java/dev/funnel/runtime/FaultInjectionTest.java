package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Lead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Handlers that fail at random: the leads must end exactly as with handlers that never fail, every
 * effect must be either handed over once or parked after the last attempt and reported, and the
 * waits between attempts, which the runtime's ticks honour without sleeping, must follow the retry
 * policy.
 */
final class FaultInjectionTest {
  static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  static final RetryPolicy RETRY =
      new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1));
  static final int LEADS = 60;

  /** A handler that throws on some calls, counting calls and successes per key. */
  static final class Flaky implements ActionHandler {
    final Random random;
    final double failureRate;
    final Map<EffectKey, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Map<EffectKey, AtomicInteger> successes = new ConcurrentHashMap<>();

    Flaky(long seed, double failureRate) {
      this.random = new Random(seed);
      this.failureRate = failureRate;
    }

    @Override
    public void handle(Delivery d) {
      int n = calls.computeIfAbsent(d.key(), k -> new AtomicInteger()).incrementAndGet();
      assertEquals(n, d.attempt());
      if (random.nextDouble() < failureRate) {
        throw new IllegalStateException("injected failure");
      }
      successes.computeIfAbsent(d.key(), k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private static List<Runnable> script(FunnelRuntime rt, TestClock clock, long seed) {
    Random rnd = new Random(seed);
    List<Runnable> steps = new ArrayList<>();
    String[] types = {"contact-left", "paid", "nudge", "gone-cold", "contact-left"};
    for (int i = 0; i < LEADS; i++) {
      String id = "lead-" + i;
      steps.add(() -> rt.enter("shop", id, "ads", clock.instant()));
    }
    for (int j = 0; j < 800; j++) {
      String id = "lead-" + rnd.nextInt(LEADS);
      String type = types[rnd.nextInt(types.length)];
      String eventId = "e" + j;
      boolean jump = rnd.nextInt(10) == 0;
      steps.add(
          () -> {
            clock.advance(Duration.ofHours(jump ? 30 : 1));
            if (jump) {
              rt.tick();
            }
            rt.handle("shop", id, Event.of(eventId, type, clock.instant()));
          });
    }
    // Time enough for every retry still due, one attempt per tick.
    for (int i = 0; i < RETRY.maxAttempts(); i++) {
      steps.add(
          () -> {
            clock.advance(Duration.ofDays(10));
            rt.tick();
          });
    }
    return steps;
  }

  @Test
  void handlersFailingAtRandom_leaveStateIntactAndEveryEffectSettledOnce() {
    TestClock clock = new TestClock(T0);
    TestClock referenceClock = new TestClock(T0);
    Flaky flaky = new Flaky(7, 0.35);
    Flaky reliable = new Flaky(7, 0);
    Recorder rec = new Recorder();
    Map<Duration, Integer> waits = new HashMap<>();
    InMemoryLeadStore store = new InMemoryLeadStore();
    FunnelRuntime rt =
        FunnelRuntime.builder(Catalog.of(FunnelRuntimeTest.shop()))
            .store(store)
            .clock(clock)
            .handler(Actions.SEND, flaky)
            .handler(Actions.PRESENT, flaky)
            .listener(rec)
            .listener(
                new FunnelListener() {
                  @Override
                  public void effectFailed(
                      EffectKey key, Effect effect, Exception error, int n, Instant next) {
                    waits.merge(Duration.between(clock.instant(), next), 1, Integer::sum);
                  }
                })
            .retry(RETRY)
            .build();
    FunnelRuntime reference =
        FunnelRuntime.builder(Catalog.of(FunnelRuntimeTest.shop()))
            .clock(referenceClock)
            .handler(Actions.SEND, reliable)
            .handler(Actions.PRESENT, reliable)
            .build();

    script(rt, clock, 42).forEach(Runnable::run);
    script(reference, referenceClock, 42).forEach(Runnable::run);

    // The leads end exactly as if no handler had ever failed.
    for (int i = 0; i < LEADS; i++) {
      Lead lead = rt.lead("shop", "lead-" + i).orElseThrow();
      assertEquals(reference.lead("shop", "lead-" + i).orElseThrow(), lead);
    }
    // The same effects were produced, under the same keys.
    assertEquals(reliable.calls.keySet(), flaky.calls.keySet());
    assertTrue(flaky.calls.size() > 100, "effects: " + flaky.calls.size());

    Set<EffectKey> parked = new HashSet<>();
    for (OutboxEntry e : store.parked(10_000)) {
      parked.add(e.key());
    }
    Set<EffectKey> reported = new HashSet<>();
    for (Recorder.Failed f : rec.givenUp()) {
      assertEquals(RETRY.maxAttempts(), f.attempts());
      assertTrue(reported.add(f.key()), "reported once: " + f.key());
      assertNotNull(f.effect());
    }
    assertEquals(parked, reported);
    assertTrue(!parked.isEmpty(), "some effects failed for good");

    int failedAttempts = 0;
    for (Map.Entry<EffectKey, AtomicInteger> e : flaky.calls.entrySet()) {
      int calls = e.getValue().get();
      int successes = flaky.successes.getOrDefault(e.getKey(), new AtomicInteger()).get();
      assertTrue(calls <= RETRY.maxAttempts(), "bounded attempts: " + e.getKey());
      if (parked.contains(e.getKey())) {
        assertEquals(RETRY.maxAttempts(), calls, e.getKey().toString());
        assertEquals(0, successes, e.getKey().toString());
        failedAttempts += calls;
      } else {
        assertEquals(1, successes, e.getKey().toString());
        failedAttempts += calls - 1;
      }
    }
    // One wait after every failed attempt but the last of a parked effect.
    int expectedWaits = failedAttempts - parked.size();
    assertEquals(expectedWaits, waits.values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(
        ImmutableSet.of(Duration.ofMillis(100), Duration.ofMillis(200)),
        ImmutableSet.copyOf(waits.keySet()));
    assertEquals(0, store.pendingCount());
    assertEquals(0, rt.dispatchPending());
    assertEquals(ImmutableList.of(), rec.noLead());
  }
}
