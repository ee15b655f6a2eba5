package dev.funnel.benchmarks;

import dev.funnel.runtime.Receipt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The runtime against the pure transition function, in one run: {@link
 * dev.funnel.runtime.FunnelRuntime#handle} of one event (load the lead from an {@link
 * dev.funnel.runtime.InMemoryLeadStore} of {@link RuntimeLeads#leads} leads, fire, store with
 * compare-and-set together with the action in the outbox, hand the action to a counting handler,
 * settle the outbox entry) against {@link dev.funnel.Funnel#fire} of one event at one lead held in
 * a field (the same work as {@link TransitionBenchmark#funnel}), each on one thread and on two.
 * Both drive the {@link Shape} loop. On two threads the runtime's threads work on disjoint leads
 * and JMH reports their total throughput. Run it by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-benchmarks -am -DskipTests
 * java -jar funnel-benchmarks/target/benchmarks.jar RuntimeBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RuntimeBenchmark {
  /** Creates the benchmark; JMH does. */
  public RuntimeBenchmark() {}

  /**
   * Handles one event through the runtime, on one thread.
   *
   * @param leads the runtime and its leads
   * @param cursor this thread's leads and events
   * @return the receipt
   */
  @Benchmark
  @Threads(1)
  public Receipt handleOneThread(RuntimeLeads leads, RuntimeCursor cursor) {
    return cursor.handle(leads.runtime());
  }

  /**
   * Handles one event through the runtime, on each of two threads working on disjoint leads.
   *
   * @param leads the runtime and its leads
   * @param cursor this thread's leads and events
   * @return the receipt
   */
  @Benchmark
  @Threads(2)
  public Receipt handleTwoThreads(RuntimeLeads leads, RuntimeCursor cursor) {
    return cursor.handle(leads.runtime());
  }

  /**
   * The floor of any store, on one thread: the same leads in a {@code ConcurrentHashMap}, each
   * event a get, the pure fire, a compare-and-set replace and the action counted; driven like
   * {@link #handleOneThread}.
   *
   * @param leads the leads and the floor's map
   * @param cursor this thread's leads and events
   * @return whether the event moved its lead
   */
  @Benchmark
  @Threads(1)
  public boolean mapFloorOneThread(RuntimeLeads leads, RuntimeCursor cursor) {
    return cursor.fireInMap(leads);
  }

  /**
   * The floor of any store, on each of two threads working on disjoint leads.
   *
   * @param leads the leads and the floor's map
   * @param cursor this thread's leads and events
   * @return whether the event moved its lead
   */
  @Benchmark
  @Threads(2)
  public boolean mapFloorTwoThreads(RuntimeLeads leads, RuntimeCursor cursor) {
    return cursor.fireInMap(leads);
  }

  /**
   * Fires one event with the pure transition function and counts its action, on one thread.
   *
   * @param loop this thread's lead and events
   * @return the number of actions so far
   */
  @Benchmark
  @Threads(1)
  public long fireOneThread(FunnelLoop loop) {
    return loop.fire();
  }

  /**
   * Fires one event with the pure transition function and counts its action, on each of two
   * threads, each with its own lead.
   *
   * @param loop this thread's lead and events
   * @return the number of actions so far
   */
  @Benchmark
  @Threads(2)
  public long fireTwoThreads(FunnelLoop loop) {
    return loop.fire();
  }
}
