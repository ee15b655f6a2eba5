package dev.funnel.runtime;

import static dev.funnel.runtime.FunnelRuntimeTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Two calls racing to enter the same lead, or to retire the same version: one wins, the other is
 * told so and hands out nothing.
 */
final class EntryRaceTest {
  private static final Funnel V1 = FunnelRuntimeTest.shop();
  private static final Funnel V2 = V1.toBuilder().version(2).build();

  /** A store that, once, lets a racing call run right after a lead was found missing. */
  private static final class RacingStore extends ForwardingLeadStore {
    @Nullable Runnable race;

    RacingStore(LeadStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<Lead> load(LeadKey key) {
      Optional<Lead> lead = delegate.load(key);
      Runnable r = race;
      race = null;
      if (r != null && lead.isEmpty()) {
        r.run();
      }
      return lead;
    }
  }

  private final InMemoryLeadStore memory = new InMemoryLeadStore();
  private final RacingStore store = new RacingStore(memory);
  private final Recorder rec = new Recorder();

  private FunnelRuntime runtime(LeadStore over, Recorder recorder) {
    return FunnelRuntime.builder(Catalog.of(V1, V2))
        .store(over)
        .clock(new TestClock(T0))
        .handler(Actions.SEND, recorder)
        .handler(Actions.PRESENT, recorder)
        .listener(recorder)
        .build();
  }

  private void assertLostTheRace(Funnel version) {
    FunnelRuntime rt = runtime(store, rec);
    Recorder otherRec = new Recorder();
    FunnelRuntime other = runtime(memory, otherRec);
    store.race = () -> other.enter(version.newLead("l1", "email"), T0.plusSeconds(5));

    Receipt r = rt.enter(version.newLead("l1", "ads"), T0);

    assertEquals(Receipt.Status.PRESENT, r.status());
    Lead stored = memory.load(new LeadKey("shop", "l1")).orElseThrow();
    assertEquals("email", stored.channel());
    assertEquals(Optional.of(stored), r.lead());
    assertEquals(ImmutableList.of(), r.steps());
    assertEquals(ImmutableList.of(), rec.steps());
    assertEquals(1, otherRec.steps().size());
  }

  @Test
  void enterNewestVersion_racingAnotherEntry_findsTheLeadPresent() {
    assertLostTheRace(V2);
  }

  @Test
  void enterOlderVersion_racingAnotherEntry_findsTheLeadPresent() {
    assertLostTheRace(V1);
  }

  @Test
  void retire_racingAnotherRetirementOfTheSameVersion_retiresItOnce() throws Exception {
    CountDownLatch counting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LeadStore slowCount =
        new ForwardingLeadStore(memory) {
          @Override
          public long countPinnedTo(String funnelId, int funnelVersion) {
            counting.countDown();
            try {
              assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.countPinnedTo(funnelId, funnelVersion);
          }
        };
    FunnelRuntime rt = runtime(slowCount, rec);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> first = pool.submit(() -> rt.retire("shop", 1));
      assertTrue(counting.await(30, TimeUnit.SECONDS));
      AtomicReference<Thread> second = new AtomicReference<>();
      Future<Boolean> later =
          pool.submit(
              () -> {
                second.set(Thread.currentThread());
                return rt.retire("shop", 1);
              });
      // Once the second call waits for the first to finish counting, let the first go on.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while ((second.get() == null || second.get().getState() != Thread.State.WAITING)
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      release.countDown();

      assertTrue(first.get(30, TimeUnit.SECONDS));
      assertFalse(later.get(30, TimeUnit.SECONDS));
      assertTrue(rt.isRetired("shop", 1));
      assertFalse(rt.retire("shop", 1));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}
