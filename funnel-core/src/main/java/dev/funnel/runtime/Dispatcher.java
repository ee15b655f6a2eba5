package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Lead;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's dispatch tick: fires the timers due across all leads in due order (each lead's due
 * instant one {@link Changes#change}), makes one attempt at every outbox entry that is due (retries
 * whose time has come, entries whose lease ran out), and has the store forget event ids older than
 * the retention. Thread-safe.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);
  private static final int CLAIM_BATCH = 64;
  private static final int SPINS_BEFORE_PARKING = 1_000;
  private static final int SPINS_BEFORE_GIVING_UP = 11_000;

  private final LeadStore store;
  private final Clock clock;
  private final Duration lease;
  private final Duration eventRetention;
  private final Changes changes;
  private final Courier courier;
  // A batch is one loadDue, one commitAll and one deliveredAll, so a store that makes each one
  // round trip needs 3 per batch, however many timers the store asks for in a batch.
  private final int timerBatch;

  Dispatcher(
      LeadStore store,
      Clock clock,
      Duration lease,
      Duration eventRetention,
      Changes changes,
      Courier courier) {
    this.store = store;
    this.clock = clock;
    this.lease = lease;
    this.eventRetention = eventRetention;
    this.changes = changes;
    this.courier = courier;
    this.timerBatch = store.timerBatch();
    if (timerBatch <= 0) {
      throw new IllegalArgumentException(
          "store " + store + " asks for timer batches of " + timerBatch + "; must be positive");
    }
  }

  /** Fires the timers due by {@code now}, delivers the due outbox entries, purges old ids. */
  int tick() {
    Instant now = clock.instant();
    int steps = advanceTo(now);
    dispatchPending();
    if (!eventRetention.isZero()) {
      int forgotten = store.purgeAcceptedBefore(now.minus(eventRetention));
      if (forgotten > 0 && log.isDebugEnabled()) {
        log.debug("forgot {} event ids older than the retention of {}", forgotten, eventRetention);
      }
    }
    return steps;
  }

  /**
   * Fires every timer due at or before {@code until}, across all leads, in due order, a batch at a
   * time: it reads up to {@link LeadStore#timerBatch} due leads ({@link LeadStore#loadDue}), fires
   * each one's earliest due instant, stores the batch with {@link LeadStore#commitAll}, then tells
   * the listeners and delivers each stored lead's effects in due order, settling the deliveries
   * with one {@link LeadStore#deliveredAll}. A lead whose commit lost a race is fired again on its
   * own ({@link Changes#change}), in its place in the order.
   */
  @CanIgnoreReturnValue
  int advanceTo(Instant until) {
    int fired = 0;
    int idle = 0;
    while (true) {
      ImmutableList<Lead> due = store.loadDue(until, timerBatch);
      if (due.isEmpty()) {
        return fired;
      }
      int steps = fireBatch(due, until);
      fired += steps;
      if (steps > 0) {
        idle = 0;
        continue;
      }
      // Every lead of the batch had nothing due: another thread is writing them, and its commits
      // will move their index entries.
      idle++;
      if (idle > SPINS_BEFORE_GIVING_UP) {
        LeadStore.Due first = LeadStore.Due.of(due.get(0)).orElse(null);
        throw new IllegalStateException(
            "the due index names lead '"
                + LeadKey.of(due.get(0))
                + "' as due by "
                + until
                + " but the lead has "
                + (first == null ? "no timer" : "its first timer due at " + first.due()));
      }
      if (idle > SPINS_BEFORE_PARKING) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      } else {
        Thread.onSpinWait();
      }
    }
  }

  /**
   * Fires one batch of due leads, in order, and returns the steps taken. A lead whose next timer,
   * once its earliest has fired, is due before a later lead of the batch ends the batch there, so
   * the next read puts it in its place and the order stays due order.
   */
  private int fireBatch(ImmutableList<Lead> due, Instant until) {
    Instant now = clock.instant();
    List<Changes.Fired> batch = new ArrayList<>(due.size());
    // Sized for the batch, so it never grows: its rehashing was a tenth of the tick's samples in
    // TimerBenchmark (JFR, see BENCHMARKS.md).
    Set<LeadKey> taken = new HashSet<>(2 * due.size());
    LeadStore.Due horizon = null;
    for (Lead lead : due) {
      Instant firstDue = lead.timers().isEmpty() ? null : lead.timers().get(0).due();
      if (firstDue == null || firstDue.isAfter(until)) {
        continue; // written since the index was read; nothing due any more
      }
      LeadStore.Due first = new LeadStore.Due(firstDue, LeadKey.of(lead));
      if (!taken.add(first.key())) {
        continue; // a store read the lead twice while a commit moved its index entry
      }
      if (horizon != null && first.compareTo(horizon) > 0) {
        break;
      }
      Changes.Fired f = changes.fireTimers(lead, first.due(), now);
      if (f == null) {
        continue;
      }
      batch.add(f);
      Lead fired = f.commit().lead();
      if (!fired.timers().isEmpty() && !fired.timers().get(0).due().isAfter(until)) {
        LeadStore.Due next = new LeadStore.Due(fired.timers().get(0).due(), first.key());
        if (horizon == null || next.compareTo(horizon) < 0) {
          horizon = next;
        }
      }
    }
    if (batch.isEmpty()) {
      return 0;
    }
    List<LeadStore.Commit> commits = new ArrayList<>(batch.size());
    for (Changes.Fired f : batch) {
      commits.add(f.commit());
    }
    boolean[] written = store.commitAll(commits);
    List<EffectKey> settled = new ArrayList<>(batch.size());
    int steps = 0;
    for (int i = 0; i < written.length; i++) {
      Changes.Fired f = batch.get(i);
      if (written[i]) {
        changes.told(f, settled);
        steps += f.outcome().steps().size();
      } else {
        steps += fireAlone(f.commit().key(), f.at());
      }
    }
    if (!settled.isEmpty()) {
      store.deliveredAll(settled);
    }
    return steps;
  }

  /** Fires the timers of one lead due by {@code at}, reloading it: its batch commit lost a race. */
  private int fireAlone(LeadKey key, Instant at) {
    Mdc saved = Mdc.put(key.funnelId(), key.leadId(), null);
    try {
      return changes
          .change(key, at, null, null, (f, lead) -> null, Call.unreported())
          .steps()
          .size();
    } finally {
      saved.restore();
    }
  }

  /** Makes one attempt at every outbox entry due by the clock. */
  @CanIgnoreReturnValue
  int dispatchPending() {
    int n = 0;
    while (true) {
      Instant now = clock.instant();
      ImmutableList<OutboxEntry> batch = store.claimPending(now, now.plus(lease), CLAIM_BATCH);
      if (batch.isEmpty()) {
        return n;
      }
      List<EffectKey> settled = new ArrayList<>(batch.size());
      for (OutboxEntry e : batch) {
        courier.deliver(e, null, Call.unreported(), settled);
        n++;
      }
      if (!settled.isEmpty()) {
        store.deliveredAll(settled);
      }
    }
  }
}
