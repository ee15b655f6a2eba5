package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The tick's batches: due order across and within batches, races lost, deliveries settled. */
final class TickBatchTest {
  private static final Instant T0 = Pings.T0;

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();

  private FunnelRuntime runtime(LeadStore store) {
    return Pings.runtime(store, clock, rec);
  }

  private List<String> timerSteps() {
    List<String> out = new ArrayList<>();
    for (Step s : rec.steps()) {
      if (s.eventId() != null && s.eventId().startsWith("timer:")) {
        out.add(s.leadId() + ":" + s.eventType());
      }
    }
    return out;
  }

  @Test
  void advanceTo_leadDueAgainBeforeALaterLeadOfItsBatch_firesInDueOrder() {
    FunnelRuntime rt = runtime(new InMemoryLeadStore());
    rt.enter("pings", "x", "ads", T0);
    rt.enter("pings", "y", "ads", T0.plus(Duration.ofMinutes(20)));

    assertEquals(4, rt.advanceTo(T0.plus(Duration.ofHours(3))));

    // x's second timer (1h10) falls between y's first (1h20) and x's first (1h), which one batch
    // read together.
    assertEquals(ImmutableList.of("x:ping", "x:pong", "y:ping", "y:pong"), timerSteps());
    assertEquals(ImmutableList.of("ping-1", "pong-1", "ping-1", "pong-1"), rec.sent());
  }

  @Test
  void advanceTo_manyBatches_firesEveryTimerOnceInDueOrderAndSettlesEveryDelivery() {
    InMemoryLeadStore store = new InMemoryLeadStore();
    FunnelRuntime rt = runtime(store);
    int leads = 300;
    for (int i = 0; i < leads; i++) {
      // Entered in reverse, so that id order and due order differ.
      rt.enter("pings", "lead-" + i, "ads", T0.plusSeconds(leads - i));
    }

    assertEquals(2 * leads, rt.advanceTo(T0.plus(Duration.ofHours(3))));

    List<Instant> dues = new ArrayList<>();
    Set<String> fired = new HashSet<>();
    for (Step s : rec.steps()) {
      String id = s.eventId();
      if (id != null && id.startsWith("timer:")) {
        dues.add(s.at());
        assertTrue(fired.add(s.leadId() + ":" + id), "fired twice: " + s.leadId() + " " + id);
      }
    }
    List<Instant> sorted = new ArrayList<>(dues);
    sorted.sort(null);
    assertEquals(sorted, dues, "steps in due order");
    assertEquals(2 * leads, rec.handled().size());
    assertEquals(0, store.pendingCount(), "every delivery settled");
    assertEquals(0, store.dueCount());
    assertEquals(0, rt.advanceTo(T0.plus(Duration.ofHours(3))));
  }

  @Test
  void advanceTo_batchCommitLosesARace_firesThatLeadAloneOnce() {
    RacingStore store = new RacingStore(new InMemoryLeadStore());
    FunnelRuntime rt = runtime(store);
    rt.enter("pings", "a", "ads", T0);
    rt.enter("pings", "b", "ads", T0.plusSeconds(1));
    // Between reading the batch and committing it, another writer changes lead a.
    store.race = () -> rt.handle("pings", "a", Event.of("poke-1", "poke", T0.plusSeconds(10)));

    assertEquals(2, rt.advanceTo(T0.plus(Duration.ofMinutes(61))));

    assertEquals(ImmutableList.of("a:ping", "b:ping"), timerSteps());
    Lead a = rt.lead("pings", "a").orElseThrow();
    assertEquals(2, a.version(), "poked, then pinged");
    assertTrue(a.hasApplied("poke-1"));
    assertEquals(1, store.refusedCommits.get());
    assertEquals(ImmutableList.of("ping-1", "ping-1"), rec.sent());
  }

  @Test
  void dispatchPending_settlesTheDeliveredBatchTogether() {
    RacingStore store = new RacingStore(new InMemoryLeadStore());
    FunnelRuntime rt = runtime(store);
    rt.enter("pings", "a", "ads", T0);
    rt.enter("pings", "b", "ads", T0);
    // Timers fired, effects stored, but handed over by nobody: the process died.
    store.dropDeliveries = true;
    rt.advanceTo(T0.plus(Duration.ofHours(1)));
    assertEquals(2, store.memory.pending(10).size());

    store.dropDeliveries = false;
    clock.set(T0.plus(Duration.ofHours(1)).plus(FunnelRuntime.DEFAULT_LEASE).plusSeconds(1));
    assertEquals(2, rt.dispatchPending());

    assertEquals(0, store.memory.pendingCount());
    assertEquals(ImmutableList.of(2), store.settledBatches);
  }

  @Test
  void advanceTo_readsBatchesOfTheSizeTheStoreAsksFor() {
    RacingStore store = new RacingStore(new InMemoryLeadStore());
    store.batch = 2;
    FunnelRuntime rt = runtime(store);
    for (int i = 0; i < 5; i++) {
      rt.enter("pings", "lead-" + i, "ads", T0);
    }

    assertEquals(5, rt.advanceTo(T0.plus(Duration.ofMinutes(65))));

    assertEquals(ImmutableList.of(2, 2, 2, 2), store.limits);
    assertEquals(ImmutableList.of(2, 2, 1), store.settledBatches);
  }

  @Test
  void build_storeAskingForNoTimerBatch_isRefused() {
    RacingStore store = new RacingStore(new InMemoryLeadStore());
    store.batch = 0;
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> runtime(store));
    assertTrue(
        String.valueOf(e.getMessage()).endsWith("asks for timer batches of 0; must be positive"));
  }

  /** A store that lets a test write between a tick's read and its commit, and counts batches. */
  private static final class RacingStore extends ForwardingLeadStore {
    final InMemoryLeadStore memory;
    @Nullable Runnable race;
    boolean dropDeliveries;
    final AtomicInteger refusedCommits = new AtomicInteger();
    final List<Integer> settledBatches = new ArrayList<>();
    final List<Integer> limits = new ArrayList<>();
    int batch = 64;

    RacingStore(InMemoryLeadStore delegate) {
      super(delegate);
      this.memory = delegate;
    }

    @Override
    public int timerBatch() {
      return batch;
    }

    @Override
    public ImmutableList<Lead> loadDue(Instant now, int limit) {
      limits.add(limit);
      ImmutableList<Lead> due = delegate.loadDue(now, limit);
      Runnable r = race;
      race = null;
      if (r != null) {
        r.run();
      }
      return due;
    }

    @Override
    public boolean[] commitAll(List<Commit> commits) {
      boolean[] written = delegate.commitAll(commits);
      for (boolean w : written) {
        if (!w) {
          refusedCommits.incrementAndGet();
        }
      }
      return written;
    }

    @Override
    public int deliveredAll(java.util.Collection<EffectKey> keys) {
      if (dropDeliveries) {
        return 0;
      }
      settledBatches.add(keys.size());
      return delegate.deliveredAll(keys);
    }
  }
}
