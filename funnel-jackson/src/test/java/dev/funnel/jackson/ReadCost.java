package dev.funnel.jackson;

import dev.funnel.jackson.HostileDocuments.Reader;
import dev.funnel.jackson.HostileDocuments.Shape;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What one read of a document costs in heap, measured in a JVM whose young generation is small
 * ({@code -XX:+UseSerialGC -Xmn1m}), so that garbage is collected every megabyte: the peak heap in
 * use during the read above what was in use before it (the sum of the heap pools' peaks, so an
 * upper bound of what the read held at once, its bytes and decoded text included, plus at most the
 * young generation), the bytes the read allocated, and the retained size of its result (what a full
 * collection leaves with the result held, above the baseline).
 */
final class ReadCost {
  private ReadCost() {}

  /** The cost of one read. */
  record Cost(long peak, long allocated, long retained, @Nullable String refused) {
    @Override
    public String toString() {
      return String.format(
          "peak %.2f MiB, allocated %.2f MiB, retained %.2f MiB%s",
          mib(peak), mib(allocated), mib(retained), refused == null ? "" : ", refused " + refused);
    }
  }

  static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  /*
   * The heap pools and the thread's allocation counter, through reflection: the module these tests
   * are compiled into does not read java.management, and this runs on the class path.
   */
  private static final List<Object> HEAP = new ArrayList<>();
  private static final Method PEAK;
  private static final Method RESET;
  private static final Method USED;
  private static final Object THREADS;
  private static final Method ALLOCATED;
  private static final Method CPU;

  static {
    try {
      Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
      Class<?> pool = Class.forName("java.lang.management.MemoryPoolMXBean");
      PEAK = pool.getMethod("getPeakUsage");
      RESET = pool.getMethod("resetPeakUsage");
      USED = Class.forName("java.lang.management.MemoryUsage").getMethod("getUsed");
      Method type = pool.getMethod("getType");
      for (Object p : (List<?>) factory.getMethod("getMemoryPoolMXBeans").invoke(null)) {
        if (((Enum<?>) type.invoke(p)).name().equals("HEAP")) {
          HEAP.add(p);
        }
      }
      THREADS = factory.getMethod("getThreadMXBean").invoke(null);
      ALLOCATED =
          Class.forName("com.sun.management.ThreadMXBean")
              .getMethod("getCurrentThreadAllocatedBytes");
      CPU = Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime");
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static long sum(Method usage) {
    long sum = 0;
    try {
      for (Object pool : HEAP) {
        sum += (Long) USED.invoke(usage.invoke(pool));
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    return sum;
  }

  private static long used() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static long peaks() {
    return sum(PEAK);
  }

  private static void resetPeaks() {
    try {
      for (Object pool : HEAP) {
        RESET.invoke(pool);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the CPU time of the current thread, in nanoseconds. */
  static long cpu() {
    try {
      return (Long) CPU.invoke(THREADS);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the bytes the current thread allocated so far. */
  static long allocated() {
    try {
      return (Long) ALLOCATED.invoke(THREADS);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What is held across the collections: the document's bytes and the read's result. */
  private static final List<Object> HELD = new ArrayList<>();

  /**
   * Measures a read of the shape from a stream of its UTF-8 bytes, the bytes and the text made
   * before the baseline: the peak counts what the read holds beside them.
   */
  static Cost measure(Shape s) {
    byte[] bytes = s.text().getBytes(StandardCharsets.UTF_8);
    HELD.add(bytes);
    System.gc();
    long base = used();
    resetPeaks();
    long allocatedBefore = allocated();
    String refused = null;
    try {
      HELD.add(HostileDocumentsTest.read(s, bytes));
    } catch (FunnelFormatException e) {
      refused = e.code().name();
    }
    long allocated = allocated() - allocatedBefore;
    long peak = peaks() - base;
    System.gc();
    long retained = used() - base;
    HELD.clear();
    return new Cost(peak, allocated, Math.max(0, retained), refused);
  }

  /** The ballast's pieces: small enough to fill the old generation closely. */
  private static final int PIECE = 64 * 1024;

  /** What fills the heap but the room a read is given. */
  private static final List<byte[]> BALLAST = new ArrayList<>();

  /** Returns the heap that is free after a full collection. */
  static long free() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.maxMemory() - (r.totalMemory() - r.freeMemory());
  }

  /**
   * Reads the shape from a stream of the bytes given, with the heap filled but for {@code room}
   * bytes (in a JVM whose heap is all committed, {@code -Xms} equal to {@code -Xmx}, and whose
   * young generation is small, so that the free heap is nearly all in the old generation), and
   * returns {@code "read"}, the code it was refused with, or null if it ran out of memory. The
   * bytes and the shape's text are held throughout, so the room is what the read itself holds at
   * its peak (garbage not yet collected included only as far as the young generation holds it) and
   * its result.
   */
  static @Nullable String outcome(Shape s, byte[] bytes, long room) {
    try {
      for (int pass = 0; pass < 2; pass++) {
        long excess = free() - room;
        while (excess > PIECE + 64) {
          BALLAST.add(new byte[PIECE]);
          excess -= PIECE + 16;
        }
        if (excess > 64) {
          BALLAST.add(new byte[(int) excess - 48]);
        }
      }
      try {
        HELD.add(HostileDocumentsTest.read(s, bytes));
        return "read";
      } catch (FunnelFormatException e) {
        return e.code().name();
      }
    } catch (OutOfMemoryError e) {
      return null;
    } finally {
      BALLAST.clear();
      HELD.clear();
    }
  }

  private static boolean fits(Shape s, byte[] bytes, long room) {
    return outcome(s, bytes, room) != null;
  }

  /**
   * Returns the least room, to {@code step} bytes, in which the shape is read or refused: the heap
   * its read holds at its peak.
   */
  static long need(Shape s, byte[] bytes, long step) {
    long lo = 0;
    long hi = 4L << 20; // YAML's decoding alone needs most of it for the largest documents
    while (!fits(s, bytes, hi)) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > step) {
      long mid = (lo + hi) / 2;
      if (fits(s, bytes, mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /**
   * Prints each reader's and syntax's costliest read of every hostile shape (of those matching the
   * regular expression of the second argument, if any). With {@code need} (run with {@code
   * -XX:+UseSerialGC -Xmn2m -Xms96m -Xmx96m}): the least room each read needs, to 256 KiB, and
   * every shape needing more than 4 MiB. Otherwise (run with {@code -XX:+UseSerialGC -Xmn1m}): the
   * peak in use, the bytes allocated and the retained size of each read, and every shape whose peak
   * is above the megabytes given (4 by default).
   */
  @SuppressWarnings("SystemOut") // a measuring tool
  public static void main(String[] args) {
    boolean need = args.length > 0 && args[0].equals("need");
    double above = args.length > 0 && !need ? Double.parseDouble(args[0]) : 4;
    // A regular expression that the shapes measured match, "READER SYNTAX name": all by default.
    java.util.regex.Pattern only = java.util.regex.Pattern.compile(args.length > 1 ? args[1] : "");
    record Worst(Shape shape, long cost, String line) {}
    Map<String, Worst> worst = new TreeMap<>();
    for (var make : HostileDocuments.all()) {
      Shape s = make.get();
      if (!only.matcher(s.reader() + " " + s.syntax() + " " + s.name()).find()) {
        continue;
      }
      // Twice: the first read of a shape loads and initialises classes.
      var unused = measure(s);
      long cost;
      String line;
      if (need) {
        cost = need(s, s.text().getBytes(StandardCharsets.UTF_8), 256 * 1024);
        line = String.format("needs %.2f MiB", mib(cost));
      } else {
        Cost c = measure(s);
        cost = c.peak();
        line = c.toString();
      }
      if (mib(cost) > above) {
        System.out.println(s + ": " + line);
      }
      String key = s.reader() + " " + s.syntax();
      Worst w = worst.get(key);
      if (w == null || cost > w.cost()) {
        worst.put(key, new Worst(s, cost, line));
      }
    }
    System.out.println("worst per reader and syntax:");
    for (Reader r : Reader.values()) {
      for (Syntax y : Syntax.values()) {
        Worst w = worst.get(r + " " + y);
        if (w != null) {
          System.out.println("  " + w.shape() + ": " + w.line());
        }
      }
    }
  }
}
