package dev.funnel;

import com.google.common.collect.ImmutableList;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A lead's memory of the events it applied recently, so that a re-delivered event is recognised.
 * The ids are kept packed in a {@link Memory}, oldest first, shared by a lead and the snapshots
 * fired from it: a snapshot sees the ids up to its own end, and the next one appends the new id
 * after them, in the spare room of the same bytes, without copying them. A snapshot remembers every
 * id it saw until it would remember more than {@value #MOST}; then the next id goes into a new
 * memory with the {@value Lead#RECENT_EVENT_IDS} newest before it. So a lead always remembers its
 * last {@value Lead#RECENT_EVENT_IDS} ids and at most {@value #MOST}, and which ones depends only
 * on the ids it applied, not on how its memory was shared: a restored lead remembers, and fires, as
 * the one it was stored from.
 *
 * <p>Snapshots stay immutable: a memory's bytes up to a snapshot's end are never written again, and
 * the room after them is taken by one snapshot only, the first fired from the memory's newest end
 * (a compare-and-set on {@link Memory#claimed}). Firing an older snapshot again (it diverges from
 * the line that took the room) copies its ids into a memory of its own.
 *
 * <p>Why packed: a lead keeps an id as its characters, a byte each (two for an id with a character
 * above U+00FF), not as the event's {@code String}. Footprint measured 2,504 B for a lead after 41
 * events when it kept a chain of the events' strings, 98% of it the ids; packed, 456 B. Why shared
 * and appended: copying the packed ids with every event cost TransitionBenchmark's fire 160 B an
 * event against 88 B with the chain, and made it 0.96x stateless4j; appending costs no copy but
 * every {@value #MOST} - {@value Lead#RECENT_EVENT_IDS} events (see BENCHMARKS.md, "The id memory
 * appended in place").
 */
final class RecentIds {
  /** The most ids a snapshot remembers; one more starts a new memory with the newest 16. */
  static final int MOST = Lead.RECENT_EVENT_IDS + Lead.RECENT_EVENT_IDS / 2;

  /** The fewest ids a new memory has room for. */
  private static final int ROOM = 4;

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

  /** Returns whether the ids of a memory up to {@code end} hold the id, of this {@link #hash}. */
  static boolean contains(@Nullable Memory m, int end, String id, int hash) {
    if (m == null) {
      return false;
    }
    long l = low(hash);
    long h = high(hash);
    // The filter covers every id ever written to the memory, so it only ever says "maybe" of more.
    if ((m.low & l) != l || (m.high & h) != h) {
      return false;
    }
    byte[] bytes = m.bytes;
    for (int p = 0; p < end; ) {
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

  /**
   * Returns the memory of the snapshot after one of this version that saw a memory up to {@code
   * end}, with the id, of this {@link #hash}, remembered newest: the same memory with the id
   * appended, the new snapshot's end then {@code end} plus {@code size}, the id's {@link
   * #encodedSize}, or a new memory, whose {@link Memory#made} is the new snapshot's end.
   */
  static Memory remember(@Nullable Memory m, int end, long version, String id, int size, int hash) {
    // Every snapshot after a memory's maker appended one id to it and is one version on.
    int count = m == null ? 0 : (int) (version - m.base);
    // A wide id takes two bytes a character, a narrow one a byte, after headers of one length.
    boolean wide = size > headerSize(id.length() << 1) + id.length();
    // TransitionBenchmark's fire: appending in place, the common case, keeps a snapshot's ids
    // shared with the one before it (see the class comment).
    if (m != null && count < MOST && end + size <= m.bytes.length && m.claim(end, end + size)) {
      int unused = encode(id, wide, m.bytes, end);
      m.low |= low(hash);
      m.high |= high(hash);
      return m;
    }
    int keep = m == null ? 0 : count < MOST ? count : Lead.RECENT_EVENT_IDS;
    int from = m == null ? 0 : skip(m.bytes, count - keep);
    int kept = end - from;
    int room = Math.min(MOST, Math.max(ROOM, 2 * (keep + 1)));
    // Room for the ids to come at the average size of those kept and the new one, and a byte more.
    int capacity = kept + size + (room - keep - 1) * ((kept + size) / (keep + 1) + 1);
    byte[] bytes = new byte[capacity];
    if (m != null) {
      System.arraycopy(m.bytes, from, bytes, 0, kept);
    }
    int made = encode(id, wide, bytes, kept);
    Memory fresh = new Memory(bytes, made, version + 1 - (keep + 1));
    fresh.filter(kept);
    fresh.low |= low(hash);
    fresh.high |= high(hash);
    return fresh;
  }

  /** Returns the position after the first {@code n} ids of some packed ids. */
  private static int skip(byte[] bytes, int n) {
    int p = 0;
    for (int i = 0; i < n; i++) {
      int header = header(bytes, p);
      p += headerSize(header) + ((header & 1) != 0 ? 2 * (header >>> 1) : header >>> 1);
    }
    return p;
  }

  /** Returns {@link String#hashCode()} of an encoded id, without making the string. */
  private static int stringHash(byte[] bytes, int p, int length, boolean wide) {
    int hash = 0;
    if (wide) {
      for (int i = 0; i < length; i++) {
        hash = 31 * hash + wideChar(bytes, p + 2 * i);
      }
    } else {
      for (int i = 0; i < length; i++) {
        hash = 31 * hash + (bytes[p + i] & 0xFF);
      }
    }
    return hash;
  }

  /** Returns the ids of a memory up to {@code end}, newest first. */
  static ImmutableList<String> list(@Nullable Memory m, int end) {
    if (m == null) {
      return ImmutableList.of();
    }
    byte[] bytes = m.bytes;
    String[] ids = new String[m.count(end)];
    int i = ids.length;
    for (int p = 0; p < end; ) {
      int header = header(bytes, p);
      p += headerSize(header);
      int length = header >>> 1;
      if ((header & 1) == 0) {
        ids[--i] = new String(bytes, p, length, StandardCharsets.ISO_8859_1);
        p += length;
      } else {
        char[] chars = new char[length];
        for (int c = 0; c < length; c++) {
          chars[c] = wideChar(bytes, p + 2 * c);
        }
        ids[--i] = new String(chars);
        p += 2 * length;
      }
    }
    return ImmutableList.copyOf(ids);
  }

  /** Returns whether two memories hold the same ids up to their ends. */
  static boolean same(@Nullable Memory a, int aEnd, @Nullable Memory b, int bEnd) {
    if (a == null || b == null) {
      return aEnd == bEnd; // both 0: a lead without a memory has an end of 0
    }
    // The encoding is canonical, so the same ids in the same order are the same bytes.
    return Arrays.equals(a.bytes, 0, aEnd, b.bytes, 0, bEnd);
  }

  /**
   * Returns the memory of a lead restored with these ids, newest first, at most {@code 2 *} {@value
   * Lead#RECENT_EVENT_IDS}; its {@link Memory#made} is the lead's end. Null if there are none.
   */
  static @Nullable Memory restore(List<String> newestFirst, long version) {
    int n = newestFirst.size();
    if (n == 0) {
      return null;
    }
    int size = 0;
    for (String id : newestFirst) {
      size += encodedSize(id, isWide(id));
    }
    int room = Math.max(MOST, n);
    byte[] bytes = new byte[size + (room - n) * (size / n + 1)];
    int p = 0;
    for (int i = n - 1; i >= 0; i--) {
      String id = newestFirst.get(i);
      p = encode(id, isWide(id), bytes, p);
    }
    Memory m = new Memory(bytes, p, version - n);
    m.filter(p);
    return m;
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

  /** Returns how many bytes an id takes encoded. */
  static int encodedSize(String id) {
    return encodedSize(id, isWide(id));
  }

  private static int encodedSize(String id, boolean wide) {
    int length = id.length();
    int header = (length << 1) | (wide ? 1 : 0);
    return headerSize(header) + (wide ? 2 * length : length);
  }

  /** Writes an id at {@code p} and returns the position after it. */
  private static int encode(String id, boolean wide, byte[] out, int p) {
    int length = id.length();
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

  /**
   * Remembered ids, packed, oldest first, with room after them, shared by the snapshots of one line
   * of firing. Snapshots read it up to their own ends; only the snapshot that {@linkplain #claim
   * claimed} the room after its end writes there.
   */
  static final class Memory {
    private static final VarHandle CLAIMED;

    static {
      try {
        CLAIMED = MethodHandles.lookup().findVarHandle(Memory.class, "claimed", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final byte[] bytes;

    /** The end of the ids written when the memory was made: its maker's end. */
    final int made;

    /**
     * Its maker's version less the ids it was made with: a snapshot of version {@code v} sharing it
     * sees {@code v - base} ids.
     */
    final long base;

    /** The end of the ids written or being written: the newest snapshot's end. */
    @SuppressWarnings("UnusedVariable") // read and written through CLAIMED
    private volatile int claimed;

    /**
     * A 128-bit filter over every id written to the memory, two bits per id in each of two words:
     * an id whose bits are not all set is in none of its snapshots, so most checks read no id. A
     * snapshot's ids were written, filter bits and all, before it was made, so it sees their bits.
     */
    long low;

    long high;

    private Memory(byte[] bytes, int made, long base) {
      this.bytes = bytes;
      this.made = made;
      this.base = base;
      this.claimed = made;
    }

    /** Takes the room from {@code end} to {@code next}; false if another snapshot took it. */
    boolean claim(int end, int next) {
      return CLAIMED.compareAndSet(this, end, next);
    }

    /** Sets the filter bits of the ids up to {@code end}. */
    private void filter(int end) {
      long l = 0;
      long h = 0;
      for (int p = 0; p < end; ) {
        int header = header(bytes, p);
        p += headerSize(header);
        int length = header >>> 1;
        boolean wide = (header & 1) != 0;
        int mixed = mix(stringHash(bytes, p, length, wide));
        l |= RecentIds.low(mixed);
        h |= RecentIds.high(mixed);
        p += wide ? 2 * length : length;
      }
      low |= l;
      high |= h;
    }

    /** Returns how many ids the memory holds up to {@code end}. */
    int count(int end) {
      int n = 0;
      for (int p = 0; p < end; n++) {
        int header = header(bytes, p);
        p += headerSize(header) + ((header & 1) != 0 ? 2 * (header >>> 1) : header >>> 1);
      }
      return n;
    }
  }
}
