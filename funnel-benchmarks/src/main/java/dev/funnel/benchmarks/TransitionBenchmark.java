package dev.funnel.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transition throughput: one event fired at one lead (or machine instance) per operation, round the
 * {@link Shape} loop, each event passing one guard on paid and running one action. funnel's pure
 * {@link dev.funnel.Funnel#fire} against stateless4j, squirrel-foundation and Spring Statemachine.
 * Run it, with allocation per event as {@code gc.alloc.rate.norm}, by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-benchmarks -am -DskipTests
 * java -jar funnel-benchmarks/target/benchmarks.jar TransitionBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TransitionBenchmark {
  /** Creates the benchmark; JMH does. */
  public TransitionBenchmark() {}

  /**
   * Fires one event with funnel's pure transition function and counts the action it returns.
   *
   * @param loop the lead and its events
   * @return the number of actions so far
   */
  @Benchmark
  public long funnel(FunnelLoop loop) {
    return loop.fire();
  }

  /**
   * Builds a new event and fires it with funnel's pure transition function, as a shop's service
   * does for each event it receives: the event's id string, the event, and the fire.
   *
   * @param loop the lead
   * @return the number of actions so far
   */
  @Benchmark
  public long funnelNewEvent(FunnelLoop loop) {
    return loop.fireNew();
  }

  /**
   * Fires one event at a stateless4j machine.
   *
   * @param loop the machine
   * @return the number of actions so far
   */
  @Benchmark
  public long stateless4j(Stateless4jLoop loop) {
    return loop.fire();
  }

  /**
   * Fires one event at a squirrel-foundation machine.
   *
   * @param loop the machine
   * @return the number of actions so far
   */
  @Benchmark
  public long squirrel(SquirrelLoop loop) {
    return loop.fire();
  }

  /**
   * Fires one event at a Spring Statemachine machine and blocks for its result.
   *
   * @param loop the machine
   * @return the number of actions so far
   */
  @Benchmark
  public long springStatemachine(SpringStatemachineLoop loop) {
    return loop.fire();
  }
}
