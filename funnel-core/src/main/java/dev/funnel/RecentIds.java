package dev.funnel;

import com.google.common.collect.ImmutableList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A lead's memory of the events it applied recently, so that a re-delivered event is recognised.
 * The ids are kept packed in two immutable {@link Block}s, newest first: a newer one that takes
 * each new id, and an older one that holds the {@value Lead#RECENT_EVENT_IDS} ids before it. When
 * the newer block holds {@value #ROLL} ids, the next id starts a new one and the older block is
 * made afresh from the newest {@value Lead#RECENT_EVENT_IDS} of both. So a lead always remembers
 * its last {@value Lead#RECENT_EVENT_IDS} ids, and at most {@value Lead#RECENT_EVENT_IDS} + {@value
 * #ROLL}. Blocks are immutable, so snapshots share them. A lead holds the two blocks; these
 * functions read and extend them.
 *
 * <p>Why packed: a lead keeps an id as its characters, a byte each (two for an id with a character
 * above U+00FF), not as the event's {@code String}. Footprint measured 2,504 B for a lead after 41
 * events when it kept a chain of the events' strings, 98% of it the ids; packed, 456 B. The price
 * is a copy of the newer block's bytes with every event: TransitionBenchmark's fire allocates 161 B
 * an event, against 88 B with the chain.
 */
final class RecentIds {
  /** How many ids the newer block takes before the next one starts a new block. */
  static final int ROLL = Lead.RECENT_EVENT_IDS / 2;

  private static final byte[] NONE = {};

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

  /** Returns whether either block holds the id, of this {@link #hash}. */
  static boolean contains(@Nullable Block recent, @Nullable Block older, String id, int hash) {
    long low = low(hash);
    long high = high(hash);
    return contains(recent, id, low, high) || contains(older, id, low, high);
  }

  private static boolean contains(@Nullable Block b, String id, long low, long high) {
    if (b == null || (b.low & low) != low || (b.high & high) != high) {
      return false;
    }
    byte[] bytes = b.ids;
    for (int p = 0; p < bytes.length; ) {
      int header = header(bytes, p);
      p += headerSize(header);
      int length = header >>> 1;
      boolean wide = (header & 1) != 0;
      if (length == id.length() && matches(bytes, p, id, wide)) {
        return true;
      }
      p += wide ? 2 * length : length;
    }
    return false;
  }

  private static boolean matches(byte[] bytes, int p, String id, boolean wide) {
    int length = id.length();
    if (wide) {
      for (int i = 0; i < length; i++) {
        if (wideChar(bytes, p + 2 * i) != id.charAt(i)) {
          return false;
        }
      }
    } else {
      for (int i = 0; i < length; i++) {
        if ((bytes[p + i] & 0xFF) != id.charAt(i)) {
          return false;
        }
      }
    }
    return true;
  }

  private static char wideChar(byte[] bytes, int p) {
    return (char) (((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF));
  }

  /** Returns whether the newer block is full, so the next id starts a new one. */
  static boolean isFull(@Nullable Block recent) {
    return recent != null && recent.count >= ROLL;
  }

  /** Returns the newer block with the id, of this {@link #hash}, remembered first. */
  static Block remember(@Nullable Block recent, String id, int hash) {
    byte[] old = recent == null ? NONE : recent.ids;
    int size = encodedSize(id);
    byte[] ids = new byte[size + old.length];
    int unused = encode(id, ids, 0);
    System.arraycopy(old, 0, ids, size, old.length);
    long l = low(hash);
    long h = high(hash);
    int count = 1;
    if (recent != null) {
      l |= recent.low;
      h |= recent.high;
      count += recent.count;
    }
    return new Block(ids, count, l, h);
  }

  /**
   * Returns the older block after a full newer one: the newest {@value Lead#RECENT_EVENT_IDS} ids
   * of the two, newest first.
   */
  static Block roll(Block recent, @Nullable Block older) {
    int fromOlder = older == null ? 0 : Math.min(older.count, Lead.RECENT_EVENT_IDS - recent.count);
    if (older == null || fromOlder <= 0) {
      return recent.count <= Lead.RECENT_EVENT_IDS ? recent : first(recent, Lead.RECENT_EVENT_IDS);
    }
    Block kept = first(older, fromOlder);
    byte[] ids = new byte[recent.ids.length + kept.ids.length];
    System.arraycopy(recent.ids, 0, ids, 0, recent.ids.length);
    System.arraycopy(kept.ids, 0, ids, recent.ids.length, kept.ids.length);
    return new Block(
        ids, recent.count + kept.count, recent.low | kept.low, recent.high | kept.high);
  }

  /** Returns a block of the first {@code n} ids of a block, {@code n} at most its count. */
  private static Block first(Block b, int n) {
    if (n == b.count) {
      return b;
    }
    byte[] bytes = b.ids;
    long l = 0;
    long h = 0;
    int p = 0;
    for (int i = 0; i < n; i++) {
      int header = header(bytes, p);
      p += headerSize(header);
      int length = header >>> 1;
      boolean wide = (header & 1) != 0;
      int mixed = mix(stringHash(bytes, p, length, wide));
      l |= low(mixed);
      h |= high(mixed);
      p += wide ? 2 * length : length;
    }
    byte[] ids = new byte[p];
    System.arraycopy(bytes, 0, ids, 0, p);
    return new Block(ids, n, l, h);
  }

  /** Returns {@link String#hashCode()} of an encoded id, without making the string. */
  private static int stringHash(byte[] bytes, int p, int length, boolean wide) {
    int hash = 0;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + (wide ? wideChar(bytes, p + 2 * i) : bytes[p + i] & 0xFF);
    }
    return hash;
  }

  /** Returns the ids of both blocks, newest first. */
  static ImmutableList<String> list(@Nullable Block recent, @Nullable Block older) {
    ImmutableList.Builder<String> ids = ImmutableList.builder();
    decode(recent, ids);
    decode(older, ids);
    return ids.build();
  }

  private static void decode(@Nullable Block b, ImmutableList.Builder<String> out) {
    if (b == null) {
      return;
    }
    byte[] bytes = b.ids;
    for (int p = 0; p < bytes.length; ) {
      int header = header(bytes, p);
      p += headerSize(header);
      int length = header >>> 1;
      if ((header & 1) == 0) {
        out.add(new String(bytes, p, length, StandardCharsets.ISO_8859_1));
        p += length;
      } else {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
          chars[i] = wideChar(bytes, p + 2 * i);
        }
        out.add(new String(chars));
        p += 2 * length;
      }
    }
  }

  /**
   * Returns the newer block of a lead restored with these ids, newest first, exactly as firing
   * would have left it: the older block holds {@value #ROLL} ids once more than {@value #ROLL} were
   * remembered, and {@value Lead#RECENT_EVENT_IDS} once more than that; the newer one the rest.
   */
  static @Nullable Block newer(List<String> newestFirst) {
    return block(newestFirst.subList(0, newestFirst.size() - olderCount(newestFirst.size())));
  }

  /**
   * Returns the older block of a lead restored with these ids, newest first; see {@link #newer}.
   */
  static @Nullable Block older(List<String> newestFirst) {
    int n = newestFirst.size();
    return block(newestFirst.subList(n - olderCount(n), n));
  }

  private static int olderCount(int n) {
    return n <= ROLL ? 0 : n <= Lead.RECENT_EVENT_IDS ? ROLL : Lead.RECENT_EVENT_IDS;
  }

  /** Returns a block holding these ids, newest first; null if there are none. */
  static @Nullable Block block(List<String> newestFirst) {
    int n = newestFirst.size();
    if (n == 0) {
      return null;
    }
    int size = 0;
    for (String id : newestFirst) {
      size += encodedSize(id);
    }
    byte[] ids = new byte[size];
    long l = 0;
    long h = 0;
    int p = 0;
    for (String id : newestFirst) {
      p = encode(id, ids, p);
      int mixed = hash(id);
      l |= low(mixed);
      h |= high(mixed);
    }
    return new Block(ids, n, l, h);
  }

  // An id is encoded as a header, its length shifted left once with the low bit set if it is wide
  // (a character above U+00FF), as a base-128 varint, then its characters, one byte each, or two,
  // high byte first, if wide.

  private static boolean isWide(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) > 0xFF) {
        return true;
      }
    }
    return false;
  }

  private static int encodedSize(String id) {
    int length = id.length();
    boolean wide = isWide(id);
    int header = (length << 1) | (wide ? 1 : 0);
    return headerSize(header) + (wide ? 2 * length : length);
  }

  /** Writes an id at {@code p} and returns the position after it. */
  private static int encode(String id, byte[] out, int p) {
    int length = id.length();
    boolean wide = isWide(id);
    int header = (length << 1) | (wide ? 1 : 0);
    while ((header & ~0x7F) != 0) {
      out[p++] = (byte) ((header & 0x7F) | 0x80);
      header >>>= 7;
    }
    out[p++] = (byte) header;
    if (wide) {
      for (int i = 0; i < length; i++) {
        char c = id.charAt(i);
        out[p++] = (byte) (c >>> 8);
        out[p++] = (byte) c;
      }
    } else {
      for (int i = 0; i < length; i++) {
        out[p++] = (byte) id.charAt(i);
      }
    }
    return p;
  }

  private static int header(byte[] bytes, int p) {
    int header = 0;
    int shift = 0;
    byte b;
    do {
      b = bytes[p++];
      header |= (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    return header;
  }

  private static int headerSize(int header) {
    int size = 1;
    while ((header & ~0x7F) != 0) {
      header >>>= 7;
      size++;
    }
    return size;
  }

  /** Some remembered ids, packed, newest first, with a filter over them. */
  static final class Block {
    final byte[] ids;
    final int count;

    /**
     * A 128-bit filter over the block's ids, two bits per id in each of two words: an id whose bits
     * are not all set is not in the block, so most checks read no id.
     */
    final long low;

    final long high;

    private Block(byte[] ids, int count, long low, long high) {
      this.ids = ids;
      this.count = count;
      this.low = low;
      this.high = high;
    }
  }
}
