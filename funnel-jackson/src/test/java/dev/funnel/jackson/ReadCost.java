package dev.funnel.jackson;

import dev.funnel.jackson.HostileDocuments.Reader;
import dev.funnel.jackson.HostileDocuments.Shape;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
  private static final Method USAGE;
  private static final Method PEAK;
  private static final Method RESET;
  private static final Method USED;
  private static final Object THREADS;
  private static final Method ALLOCATED;

  static {
    try {
      Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
      Class<?> pool = Class.forName("java.lang.management.MemoryPoolMXBean");
      USAGE = pool.getMethod("getUsage");
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
    return sum(USAGE);
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

  private static long allocated() {
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

  /**
   * Prints each reader's and syntax's costliest read of every hostile shape, and every shape whose
   * peak is above the megabytes given (4 by default). Run it with {@code -XX:+UseSerialGC -Xmn1m}.
   */
  @SuppressWarnings("SystemOut") // a measuring tool
  public static void main(String[] args) {
    double above = args.length > 0 ? Double.parseDouble(args[0]) : 4;
    record Worst(Shape shape, Cost cost) {}
    java.util.Map<String, Worst> worst = new java.util.TreeMap<>();
    for (var make : HostileDocuments.all()) {
      Shape s = make.get();
      // Twice: the first read of a shape loads and initialises classes.
      var unused = measure(s);
      Cost c = measure(s);
      if (mib(c.peak()) > above) {
        System.out.println(s + ": " + c);
      }
      String key = s.reader() + " " + s.syntax();
      Worst w = worst.get(key);
      if (w == null || c.peak() > w.cost().peak()) {
        worst.put(key, new Worst(s, c));
      }
    }
    System.out.println("worst per reader and syntax:");
    for (Reader r : Reader.values()) {
      for (Syntax y : Syntax.values()) {
        Worst w = worst.get(r + " " + y);
        if (w != null) {
          System.out.println("  " + w.shape() + ": " + w.cost());
        }
      }
    }
  }
}
