package dev.funnel.jackson;

import dev.funnel.jackson.HostileDocuments.Shape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads each of the widest shapes whose name contains the first argument, from a stream, for the
 * seconds of the second, for a profiler, and prints the fastest read and the median, in this
 * thread's CPU time (which other processes on a loaded machine do not add to), and the bytes a read
 * allocates: {@code java -cp ... dev.funnel.jackson.ReadLoop "LEAD YAML" 20}.
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
      long until = ReadCost.cpu() + seconds * 1_000_000_000L;
      List<Long> times = new ArrayList<>();
      long allocated = 0;
      while (ReadCost.cpu() < until) {
        long before = ReadCost.allocated();
        long start = ReadCost.cpu();
        Object unused = HostileDocumentsTest.read(s, bytes);
        times.add(ReadCost.cpu() - start);
        allocated = ReadCost.allocated() - before;
      }
      Collections.sort(times);
      System.out.printf(
          "%s: %d reads, CPU time fastest %.1f ms, median %.1f ms; %.1f MiB allocated a read%n",
          s,
          times.size(),
          times.get(0) / 1e6,
          times.get(times.size() / 2) / 1e6,
          ReadCost.mib(allocated));
    }
  }
}
