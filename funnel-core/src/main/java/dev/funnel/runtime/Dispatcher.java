package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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

  /** Fires every timer due at or before {@code until}, across all leads, in due order. */
  @CanIgnoreReturnValue
  int advanceTo(Instant until) {
    int fired = 0;
    LeadStore.Due previous = null;
    int idle = 0;
    while (true) {
      Optional<LeadStore.Due> next = store.firstDue();
      if (next.isEmpty() || next.get().due().isAfter(until)) {
        return fired;
      }
      LeadStore.Due due = next.get();
      int steps;
      Mdc saved = Mdc.put(due.key().funnelId(), due.key().leadId(), null);
      try {
        steps =
            changes
                .change(due.key(), due.due(), null, null, (f, lead) -> null, Call.unreported())
                .steps()
                .size();
      } finally {
        saved.restore();
      }
      fired += steps;
      if (steps > 0 || !due.equals(previous)) {
        idle = 0;
      } else {
        // Another thread is writing this lead; its commit will move the index entry.
        idle++;
        if (idle > SPINS_BEFORE_GIVING_UP) {
          throw new IllegalStateException(
              "the due index names lead '"
                  + due.key()
                  + "' at "
                  + due.due()
                  + " but the lead has nothing due then");
        }
        if (idle > SPINS_BEFORE_PARKING) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        } else {
          Thread.onSpinWait();
        }
      }
      previous = due;
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
      for (OutboxEntry e : batch) {
        courier.deliver(e, null, Call.unreported());
        n++;
      }
    }
  }
}
