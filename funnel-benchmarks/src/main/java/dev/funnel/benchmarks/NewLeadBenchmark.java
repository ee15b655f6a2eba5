package dev.funnel.benchmarks;

import dev.funnel.Lead;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-lead cost in time: entering a new lead into a funnel ({@link dev.funnel.Funnel#enter})
 * against making a new machine instance from a shared definition in stateless4j,
 * squirrel-foundation and Spring Statemachine (where it is also started, since it takes no event
 * before). Retained heap per lead is measured by {@link Footprint}. Run it, with allocation per
 * lead as {@code gc.alloc.rate.norm}, by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-benchmarks -am -DskipTests
 * java -jar funnel-benchmarks/target/benchmarks.jar NewLeadBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NewLeadBenchmark {
  /** Creates the benchmark; JMH does. */
  public NewLeadBenchmark() {}

  /**
   * Enters a new lead into the funnel.
   *
   * @param loop holds the funnel
   * @return the new lead
   */
  @Benchmark
  public Lead funnel(FunnelLoop loop) {
    return loop.enter();
  }

  /**
   * Makes a stateless4j machine from the shared configuration.
   *
   * @param loop holds the configuration
   * @return the new machine
   */
  @Benchmark
  public Object stateless4j(Stateless4jLoop loop) {
    return loop.enter();
  }

  /**
   * Makes a squirrel-foundation machine from the shared builder.
   *
   * @param loop holds the builder
   * @return the new machine
   */
  @Benchmark
  public Object squirrel(SquirrelLoop loop) {
    return loop.enter();
  }

  /**
   * Makes and starts a Spring Statemachine machine from the shared factory.
   *
   * @param loop holds the factory
   * @return the new machine
   */
  @Benchmark
  public Object springStatemachine(SpringStatemachineLoop loop) {
    return loop.enter();
  }
}
