package dev.funnel.jackson;

import dev.funnel.jackson.HostileDocuments.Shape;
import java.nio.charset.StandardCharsets;

/** Reads the widest shapes whose names contain the argument in a loop, for a profiler. */
final class ReadLoop {
  private ReadLoop() {}

  @SuppressWarnings("SystemOut") // a measuring tool
  public static void main(String[] args) {
    long until = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
    int n = 0;
    for (Shape s : HostileDocuments.widestRead()) {
      if (!(s.reader() + " " + s.syntax() + " " + s.name()).contains(args[0])) {
        continue;
      }
      byte[] bytes = s.text().getBytes(StandardCharsets.UTF_8);
      long start = System.nanoTime();
      long best = Long.MAX_VALUE;
      while (System.nanoTime() < until) {
        long t0 = System.nanoTime();
        Object unused = HostileDocumentsTest.read(s, bytes);
        best = Math.min(best, System.nanoTime() - t0);
        n++;
      }
      System.out.println(
          s
              + ": "
              + n
              + " reads in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms, fastest "
              + best / 1_000
              + " us");
    }
  }
}
