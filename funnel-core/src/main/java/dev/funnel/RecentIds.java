package dev.funnel;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A lead's memory of the events it applied recently, so that a re-delivered event is recognised.
 * Ids are kept in two generations of at most {@value Lead#RECENT_EVENT_IDS}, each a chain of {@link
 * Node}s, newest first: when the newer one is full it becomes the older one and the oldest
 * generation is dropped, so remembering an id allocates one node and never copies. A lead holds the
 * two chains' heads; these functions read and extend them. Nodes are immutable, so snapshots share
 * them.
 */
final class RecentIds {
  private RecentIds() {}

  /**
   * Returns the hash an event id is remembered by. Firing works it out once per event, for both
   * {@link #contains} and {@link #remember}.
   */
  static int hash(String eventId) {
    return mix(eventId.hashCode());
  }

  /** Spreads a string hash over all 32 bits: ids often differ only in their last characters. */
  private static int mix(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 15);
  }

  /** The filter bits of a mixed hash in the low word (a shift uses only its six low bits). */
  private static long low(int mixed) {
    return (1L << (mixed >>> 26)) | (1L << (mixed >>> 20));
  }

  /** The filter bits of a mixed hash in the high word. */
  private static long high(int mixed) {
    return (1L << (mixed >>> 14)) | (1L << (mixed >>> 8));
  }

  /** Returns whether either generation holds the id, of this {@link #hash}. */
  static boolean contains(@Nullable Node recent, @Nullable Node older, String id, int hash) {
    long low = low(hash);
    long high = high(hash);
    return contains(recent, id, low, high) || contains(older, id, low, high);
  }

  private static boolean contains(@Nullable Node n, String id, long low, long high) {
    if (n == null || (n.low & low) != low || (n.high & high) != high) {
      return false;
    }
    int hash = id.hashCode();
    for (; n != null; n = n.next) {
      // String caches its hash, so comparing hashes first is cheap and skips most equals calls.
      if (n.id.hashCode() == hash && n.id.equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether the newer generation is full, so the next id starts a new one. */
  static boolean isFull(@Nullable Node recent) {
    return recent != null && recent.size >= Lead.RECENT_EVENT_IDS;
  }

  /** Returns the newer generation with the id, of this {@link #hash}, remembered first. */
  static Node remember(@Nullable Node recent, String id, int hash) {
    return new Node(id, hash, recent == null ? 1 : recent.size + 1, recent);
  }

  /** Returns the ids of both generations, newest first. */
  static ImmutableList<String> list(@Nullable Node recent, @Nullable Node older) {
    ImmutableList.Builder<String> ids = ImmutableList.builder();
    for (Node n = recent; n != null; n = n.next) {
      ids.add(n.id);
    }
    for (Node n = older; n != null; n = n.next) {
      ids.add(n.id);
    }
    return ids.build();
  }

  /** Returns a generation holding these ids, newest first; null if there are none. */
  static @Nullable Node chain(List<String> newestFirst) {
    Node n = null;
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      String id = newestFirst.get(i);
      n = new Node(id, hash(id), newestFirst.size() - i, n);
    }
    return n;
  }

  /** One remembered event id, the head of the chain of the ids remembered before it. */
  static final class Node {
    final String id;
    final int size;
    final @Nullable Node next;

    /**
     * A 128-bit filter over this node and the nodes after it, two bits per id in each of two words:
     * an id whose bits are not all set is not in the chain, so most checks walk no node.
     */
    final long low;

    final long high;

    private Node(String id, int hash, int size, @Nullable Node next) {
      this.id = id;
      this.size = size;
      this.next = next;
      long l = low(hash);
      long h = high(hash);
      if (next != null) {
        l |= next.low;
        h |= next.high;
      }
      this.low = l;
      this.high = h;
    }
  }
}
