package dev.funnel.benchmarks;

import dev.funnel.Event;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What building an event costs beside building its id string: each operation makes a new id, a
 * constant prefix and a counter ({@code "evt-" + n}), as a service does with the ids of the
 * messages it receives, and then nothing more ({@link #idString}), a plain event with it ({@link
 * #plain}, {@code Event.of}), or an event with one payload value ({@link #onePayloadValue}, {@code
 * Event.builder(...).payload("amount", 10).build()}). With {@code -prof gc}, the allocation beyond
 * the id is the difference of {@code gc.alloc.rate.norm}. Run it by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-benchmarks -am -DskipTests
 * java -jar funnel-benchmarks/target/benchmarks.jar EventBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EventBenchmark {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private long n;

  /** Creates the benchmark; JMH does. */
  public EventBenchmark() {}

  /**
   * Makes the next id string and nothing more: the floor.
   *
   * @return the id
   */
  @Benchmark
  public String idString() {
    return "evt-" + n++;
  }

  /**
   * Makes a plain event with the next id.
   *
   * @return the event
   */
  @Benchmark
  public Event plain() {
    return Event.of("evt-" + n++, "paid", AT);
  }

  /**
   * Makes an event with the next id and one payload value.
   *
   * @return the event
   */
  @Benchmark
  public Event onePayloadValue() {
    return Event.builder("evt-" + n++, "paid", AT).payload("amount", 10).build();
  }
}
