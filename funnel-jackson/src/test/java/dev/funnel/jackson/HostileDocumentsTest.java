package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Funnel;
import dev.funnel.jackson.HostileDocuments.Shape;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every reader, in both syntaxes, reads or refuses each hostile shape as large as the size limit
 * allows with the expected code, quickly. The bound is loose (two seconds of this process's CPU
 * time, so a loaded machine does not fail it): a read taking time or memory growing faster than the
 * document would exceed it by far. The figures of record are measured apart from the build.
 */
final class HostileDocumentsTest {
  private static final long BOUND_NANOS = 2_000_000_000L;

  /** The two versions the migrations are read with. */
  private static final Funnel FROM =
      Funnel.builder("f").stage("a").entry().stage("b").won().on("e").from("a").to("b").build();

  private static final Funnel TO = FROM.toBuilder().version(2).build();

  /** The CPU time of this process so far, which other processes on a loaded machine leave be. */
  private static long now() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(Duration::toNanos)
        .orElseGet(System::nanoTime);
  }

  @TestFactory
  Stream<DynamicTest> read_hostileShape_isReadOrRefusedQuickly() {
    return HostileDocuments.all().stream()
        .map(Supplier::get)
        .flatMap(
            s ->
                Stream.of(
                    DynamicTest.dynamicTest(s + " from a string", () -> check(s, false)),
                    DynamicTest.dynamicTest(s + " from a stream", () -> check(s, true))));
  }

  private static void check(Shape s, boolean stream) {
    long start = now();
    FunnelFormatException refused = null;
    try {
      Object read = read(s, stream);
      assertNotNull(read);
    } catch (FunnelFormatException e) {
      refused = e;
    }
    long spent = now() - start;
    if (s.expected() == null) {
      assertEquals(null, refused, "expected the document to be read");
    } else {
      assertNotNull(refused, "expected " + s.expected());
      assertEquals(s.expected(), refused.code(), refused.getMessage());
      assertNotNull(refused.pointer());
      assertTrue(refused.line() >= 1 && refused.column() >= 1, refused.getMessage());
    }
    assertTrue(spent < BOUND_NANOS, s + " took " + spent / 1_000_000 + " ms");
  }

  /** Reads the shape with its reader, from a string or from a stream of its UTF-8 bytes. */
  static Object read(Shape s, boolean stream) {
    if (stream) {
      return read(s, s.text().getBytes(StandardCharsets.UTF_8));
    }
    return switch (s.reader()) {
      case DEFINITION -> FunnelFormat.readDefinition(s.text(), s.syntax());
      case LEAD -> FunnelFormat.readLead(s.text(), s.syntax());
      case EVENT -> FunnelFormat.readEvent(s.text(), s.syntax());
      case STEP -> FunnelFormat.readStep(s.text(), s.syntax());
      case MIGRATION -> FunnelFormat.readMigration(s.text(), s.syntax(), FROM, TO);
      case JOURNAL -> FunnelFormat.readJournal(s.text(), s.syntax());
    };
  }

  /** Reads the shape with its reader from a stream of the bytes given. */
  static Object read(Shape s, byte[] bytes) {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    return switch (s.reader()) {
      case DEFINITION -> FunnelFormat.readDefinition(in, s.syntax());
      case LEAD -> FunnelFormat.readLead(in, s.syntax());
      case EVENT -> FunnelFormat.readEvent(in, s.syntax());
      case STEP -> FunnelFormat.readStep(in, s.syntax());
      case MIGRATION -> FunnelFormat.readMigration(in, s.syntax(), FROM, TO);
      case JOURNAL -> FunnelFormat.readJournal(in, s.syntax());
    };
  }
}
