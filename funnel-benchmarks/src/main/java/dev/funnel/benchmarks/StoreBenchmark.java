package dev.funnel.benchmarks;

import dev.funnel.runtime.Receipt;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events handled per second through {@link dev.funnel.runtime.FunnelRuntime#handle} over each store
 * of {@link StoreLeads} (in memory, PostgreSQL, PostgreSQL without synchronous commit), with 1, 2
 * and 4 threads over 10,000 leads, in one run: load the lead, fire, store with compare-and-set
 * together with the action in the outbox, hand the action to a counting handler, settle the outbox
 * entry. The {@code handleAll} methods hand the runtime the same events in batches of {@value
 * StoreCursor#BATCH} ({@link dev.funnel.runtime.FunnelRuntime#handleAll}), counted as that many
 * operations, so both give events per second. The trial's check logs the statements (round trips)
 * per event. Run it by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-benchmarks -am -DskipTests
 * java -jar funnel-benchmarks/target/benchmarks.jar StoreBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class StoreBenchmark {
  /** Creates the benchmark; JMH does. */
  public StoreBenchmark() {}

  /**
   * Handles one event through the runtime, on one thread.
   *
   * @param leads the runtime and its leads
   * @param cursor this thread's leads and events
   * @return the receipt
   */
  @Benchmark
  @Threads(1)
  public Receipt handleOneThread(StoreLeads leads, StoreCursor cursor) {
    return cursor.handle(leads);
  }

  /**
   * Handles one event through the runtime, on each of two threads with disjoint leads.
   *
   * @param leads the runtime and its leads
   * @param cursor this thread's leads and events
   * @return the receipt
   */
  @Benchmark
  @Threads(2)
  public Receipt handleTwoThreads(StoreLeads leads, StoreCursor cursor) {
    return cursor.handle(leads);
  }

  /**
   * Handles one event through the runtime, on each of four threads with disjoint leads.
   *
   * @param leads the runtime and its leads
   * @param cursor this thread's leads and events
   * @return the receipt
   */
  @Benchmark
  @Threads(4)
  public Receipt handleFourThreads(StoreLeads leads, StoreCursor cursor) {
    return cursor.handle(leads);
  }

  /**
   * Handles a batch of events through the runtime, on one thread.
   *
   * @param leads the runtime and its leads
   * @param cursor this thread's leads and events
   * @return the receipts
   */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(StoreCursor.BATCH)
  public List<Receipt> handleAllOneThread(StoreLeads leads, StoreCursor cursor) {
    return cursor.handleAll(leads);
  }

  /**
   * Handles a batch of events through the runtime, on each of two threads with disjoint leads.
   *
   * @param leads the runtime and its leads
   * @param cursor this thread's leads and events
   * @return the receipts
   */
  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(StoreCursor.BATCH)
  public List<Receipt> handleAllTwoThreads(StoreLeads leads, StoreCursor cursor) {
    return cursor.handleAll(leads);
  }

  /**
   * Handles a batch of events through the runtime, on each of four threads with disjoint leads.
   *
   * @param leads the runtime and its leads
   * @param cursor this thread's leads and events
   * @return the receipts
   */
  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(StoreCursor.BATCH)
  public List<Receipt> handleAllFourThreads(StoreLeads leads, StoreCursor cursor) {
    return cursor.handleAll(leads);
  }
}
