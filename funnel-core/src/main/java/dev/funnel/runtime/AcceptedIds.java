package dev.funnel.runtime;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The accepted event ids of an {@link InMemoryLeadStore}, each with the time of the commit that
 * accepted it, until {@link #forgetBefore} forgets those committed before a cutoff; exactly those,
 * whatever order the commits' times come in. Thread-safe.
 *
 * <p>An id is found by a hash map. The times are kept in commit order, in a few queues striped by
 * lead, each under a lock of its own held only to append or to take from its head: a commit whose
 * time is not before the newest of its queue is appended, so each queue stays in time order and
 * forgetting takes from the heads what it forgets and no more. A commit with an earlier time (a
 * clock moved back, or two commits of one stripe whose clock readings crossed) goes to a sorted set
 * of late ids instead, which is rare. This replaced one skip list ordered by time, where every
 * accepted id cost an insertion of O(log n) comparisons and the tick's walk a removal of as many:
 * with the lookup of the id, the largest share of the runtime's own samples in
 * RuntimeBenchmark.handleOneThread (-prof stack, 1,000 leads; see BENCHMARKS.md).
 */
final class AcceptedIds {
  private static final int STRIPES = 16;

  /** An accepted event id of one lead. */
  private record Id(LeadKey lead, String eventId) {}

  /** An accepted id and the time of its commit. */
  private record Remembered(Instant at, Id id) {}

  /** A late id, ordered by time, then by the order it came in. */
  private record Late(Instant at, long seq, Id id) implements Comparable<Late> {
    @Override
    public int compareTo(Late other) {
      int c = at.compareTo(other.at);
      return c != 0 ? c : Long.compare(seq, other.seq);
    }
  }

  /** One stripe's ids in commit order; guarded by the stripe's monitor. */
  private static final class Stripe {
    final ArrayDeque<Remembered> queue = new ArrayDeque<>();
  }

  private final ConcurrentHashMap<Id, Instant> ids = new ConcurrentHashMap<>();
  private final Stripe[] stripes = new Stripe[STRIPES];
  private final ConcurrentSkipListSet<Late> late = new ConcurrentSkipListSet<>();
  private final AtomicLong lateSequence = new AtomicLong();

  AcceptedIds() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** Returns whether the id is remembered for the lead. */
  boolean contains(LeadKey lead, String eventId) {
    return ids.containsKey(new Id(lead, eventId));
  }

  /**
   * Remembers an id accepted for a lead by a commit made at {@code at}, unless it is remembered
   * already. Called under the lead's lock in the store, so one lead's ids are added one at a time.
   */
  void add(LeadKey lead, String eventId, Instant at) {
    Id id = new Id(lead, eventId);
    if (ids.putIfAbsent(id, at) != null) {
      return;
    }
    Stripe s = stripes[stripe(lead)];
    synchronized (s) {
      Remembered newest = s.queue.peekLast();
      if (newest == null || !at.isBefore(newest.at())) {
        s.queue.addLast(new Remembered(at, id));
        return;
      }
    }
    late.add(new Late(at, lateSequence.incrementAndGet(), id));
  }

  /** Forgets the ids committed before the cutoff and returns how many it forgot. */
  int forgetBefore(Instant cutoff) {
    int forgotten = 0;
    for (Stripe s : stripes) {
      while (true) {
        Remembered r;
        synchronized (s) {
          Remembered head = s.queue.peekFirst();
          if (head == null || !head.at().isBefore(cutoff)) {
            break;
          }
          r = s.queue.pollFirst();
        }
        if (r != null && ids.remove(r.id(), r.at())) {
          forgotten++;
        }
      }
    }
    for (Iterator<Late> it = late.iterator(); it.hasNext(); ) {
      Late l = it.next();
      if (!l.at().isBefore(cutoff)) {
        break;
      }
      if (late.remove(l) && ids.remove(l.id(), l.at())) {
        forgotten++;
      }
    }
    return forgotten;
  }

  /** Returns how many ids are remembered. */
  int size() {
    return ids.size();
  }

  private static int stripe(LeadKey lead) {
    int h = lead.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }
}
