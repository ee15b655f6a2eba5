package dev.funnel.jdbc;

import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.LeadStore.Commit;
import dev.funnel.runtime.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivered outbox entries whose rows are deleted with the store's next write rather than by a
 * statement of their own, when the store is built with {@link
 * JdbcLeadStore.Builder#deleteDeliveredWithNextWrite()}: so the path of one event costs the load
 * and the commit, and the delete of the last event's entry rides in the commit's statement.
 *
 * <p>An entry is deferred only while this store holds its lease, the one its commit or claim set,
 * with at least half of it left: until the lease ends no other runtime claims the entry, so it is
 * certainly still in the outbox, and {@link JdbcLeadStore#delivered} can say so truthfully without
 * asking the database. The lease is measured on this JVM's monotonic clock from the commit or
 * claim, so a runtime's own clock (fixed in tests, or skewed) does not stretch it. Thread-safe.
 */
final class LaterDeletes {
  /**
   * Past this many held leases the store forgets them all and deletes at once until they refill.
   */
  private static final int MOST_HELD = 100_000;

  /** A deferred delete older than this is flushed by the next call of any kind. */
  private static final long FLUSH_AFTER_NANOS = Duration.ofSeconds(1).toNanos();

  /** The monotonic time until which each entry this store holds may be deferred. */
  private final ConcurrentHashMap<EffectKey, Long> held = new ConcurrentHashMap<>();

  private final Set<EffectKey> deferred = ConcurrentHashMap.newKeySet();
  private volatile long oldest = Long.MAX_VALUE;

  /** Remembers the entries a written commit holds, for half their lease. */
  void committed(Commit commit) {
    if (commit.outbox().isEmpty()) {
      return;
    }
    long until = until(commit.committedAt(), commit.leaseUntil());
    if (until == Long.MIN_VALUE) {
      return;
    }
    for (OutboxEntry e : commit.outbox()) {
      hold(e.key(), until);
    }
  }

  /** Remembers claimed entries, for half their lease. */
  void claimed(Collection<OutboxEntry> entries, Instant now, Instant leaseUntil) {
    long until = until(now, leaseUntil);
    if (until == Long.MIN_VALUE) {
      return;
    }
    for (OutboxEntry e : entries) {
      hold(e.key(), until);
    }
  }

  private void hold(EffectKey key, long until) {
    if (held.size() >= MOST_HELD) {
      held.clear();
    }
    held.put(key, until);
  }

  private static long until(Instant from, Instant leaseUntil) {
    Duration lease = Duration.between(from, leaseUntil);
    if (lease.isNegative() || lease.isZero()) {
      return Long.MIN_VALUE;
    }
    return System.nanoTime() + lease.dividedBy(2).toNanos();
  }

  /**
   * Defers the delete of a delivered entry if this store holds it: returns true if deferred, false
   * if the caller must delete it now.
   */
  boolean defer(EffectKey key) {
    Long until = held.remove(key);
    if (until == null || System.nanoTime() - until >= 0) {
      return false;
    }
    if (deferred.add(key) && oldest == Long.MAX_VALUE) {
      oldest = System.nanoTime();
    }
    return true;
  }

  /** Whether the entry's delete is deferred: it was delivered, and is no longer pending. */
  boolean isDeferred(EffectKey key) {
    return deferred.contains(key);
  }

  /** Forgets the lease on an entry that is being settled otherwise. */
  void release(EffectKey key) {
    held.remove(key);
  }

  boolean isEmpty() {
    return deferred.isEmpty();
  }

  /** Whether the oldest deferred delete has waited long enough that any call should flush it. */
  boolean isOverdue() {
    long o = oldest;
    return o != Long.MAX_VALUE && System.nanoTime() - o >= FLUSH_AFTER_NANOS;
  }

  /** Takes the deferred deletes out, for one statement to carry; put them back if it fails. */
  List<EffectKey> drain() {
    if (deferred.isEmpty()) {
      return List.of();
    }
    oldest = Long.MAX_VALUE;
    List<EffectKey> out = new ArrayList<>();
    for (Iterator<EffectKey> it = deferred.iterator(); it.hasNext(); ) {
      out.add(it.next());
      it.remove();
    }
    return out;
  }

  /** Puts back deletes whose statement failed. */
  void restore(List<EffectKey> keys) {
    if (keys.isEmpty()) {
      return;
    }
    deferred.addAll(keys);
    if (oldest == Long.MAX_VALUE) {
      oldest = System.nanoTime();
    }
  }
}
