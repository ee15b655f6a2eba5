package dev.funnel.jackson;

import dev.funnel.jackson.HostileDocuments.Shape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads each of the widest shapes whose name contains the first argument, from a stream, for the
 * seconds of the second, for a profiler, and prints the fastest read and the median: {@code java
 * -cp ... dev.funnel.jackson.ReadLoop "LEAD YAML" 20}.
 */
final class ReadLoop {
  private ReadLoop() {}

  @SuppressWarnings("SystemOut") // a measuring tool
  public static void main(String[] args) {
    long seconds = Long.parseLong(args[1]);
    for (Shape s : HostileDocuments.widestRead()) {
      if (!(s.reader() + " " + s.syntax() + " " + s.name()).contains(args[0])) {
        continue;
      }
      byte[] bytes = s.text().getBytes(StandardCharsets.UTF_8);
      long until = System.nanoTime() + seconds * 1_000_000_000L;
      List<Long> times = new ArrayList<>();
      while (System.nanoTime() < until) {
        long start = System.nanoTime();
        Object unused = HostileDocumentsTest.read(s, bytes);
        times.add(System.nanoTime() - start);
      }
      Collections.sort(times);
      System.out.printf(
          "%s: %d reads, fastest %.1f ms, median %.1f ms%n",
          s, times.size(), times.get(0) / 1e6, times.get(times.size() / 2) / 1e6);
    }
  }
}
