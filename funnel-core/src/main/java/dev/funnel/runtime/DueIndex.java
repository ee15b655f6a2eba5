package dev.funnel.runtime;

import dev.funnel.runtime.LeadStore.Due;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The due index of {@link InMemoryLeadStore}: its entries in buckets by the second they fall due
 * in, each bucket a sorted set of its entries, the buckets in a skip list by second, so a walk of
 * the buckets in order and of each bucket's entries in order is the order of {@link Due} (due time,
 * funnel, lead).
 *
 * <p>Why buckets: with one skip list of a million entries, each timer fired made two searches of
 * it, some forty comparisons of entries each, scattered over the heap; that was a quarter of the
 * timer tick's samples in TimerBenchmark (JFR, see BENCHMARKS.md). A timer fired is removed from
 * the earliest bucket and its next timer added to one about a day later, so the tick works at the
 * two ends of the index: the last bucket added to and the last removed from are remembered, and
 * most additions and removals go straight to a bucket of a dozen entries (a million leads due over
 * a day) without searching the skip list at all.
 *
 * <p>A bucket is guarded by its own monitor. One that becomes empty is dropped from the skip list
 * under its monitor, and one that was dropped takes no more entries, so an addition that finds its
 * bucket dropped looks the second up again; a bucket not dropped is the one the skip list maps its
 * second to. Walks are weakly consistent, as the iterators of the concurrent collections are.
 * Thread-safe.
 */
final class DueIndex {
  private final ConcurrentSkipListMap<Long, Bucket> buckets = new ConcurrentSkipListMap<>();
  // The buckets last added to and removed from; either may have been dropped since.
  private volatile @Nullable Bucket lastAdded;
  private volatile @Nullable Bucket lastRemoved;

  /** The entries that fall due within one second. */
  private static final class Bucket {
    final long second;
    // Guarded by this bucket's monitor, as is dropped.
    final TreeSet<Due> entries = new TreeSet<>();
    boolean dropped;

    Bucket(long second) {
      this.second = second;
    }
  }

  /** Adds an entry. */
  void add(Due entry) {
    long second = entry.due().getEpochSecond();
    Bucket b = lastAdded;
    if (b == null || b.second != second) {
      b = bucket(second);
    }
    while (true) {
      synchronized (b) {
        if (!b.dropped) {
          b.entries.add(entry);
          break;
        }
      }
      b = bucket(second);
    }
    if (lastAdded != b) {
      lastAdded = b;
    }
  }

  private Bucket bucket(long second) {
    return buckets.computeIfAbsent(second, Bucket::new);
  }

  /** Removes an entry, if the index holds it. */
  void remove(Due entry) {
    long second = entry.due().getEpochSecond();
    Bucket b = lastRemoved;
    if (b == null || b.second != second) {
      b = buckets.get(second);
    }
    while (b != null) {
      synchronized (b) {
        if (!b.dropped) {
          if (b.entries.remove(entry) && b.entries.isEmpty()) {
            b.dropped = true;
            buckets.remove(second, b);
          }
          break;
        }
      }
      // Dropped since it was remembered: the skip list no longer maps its second to it.
      b = buckets.get(second);
    }
    if (b != null && lastRemoved != b) {
      lastRemoved = b;
    }
  }

  /** Returns the earliest entry. */
  Optional<Due> first() {
    for (Bucket b : buckets.values()) {
      synchronized (b) {
        if (!b.entries.isEmpty()) {
          return Optional.of(b.entries.first());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Hands the entries due by {@code now} to {@code visit} in order, earliest first, until it
   * returns false or none is left. It runs under a bucket's monitor, so it must not write the
   * index.
   */
  void walk(Instant now, Predicate<Due> visit) {
    for (Bucket b : buckets.headMap(now.getEpochSecond(), true).values()) {
      synchronized (b) {
        for (Iterator<Due> it = b.entries.iterator(); it.hasNext(); ) {
          Due d = it.next();
          if (d.due().isAfter(now) || !visit.test(d)) {
            return;
          }
        }
      }
    }
  }

  /** Returns how many entries the index holds. */
  int size() {
    int n = 0;
    for (Bucket b : buckets.values()) {
      synchronized (b) {
        n += b.entries.size();
      }
    }
    return n;
  }
}
