package dev.funnel.benchmarks;

import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Funnel;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers at scale: {@link FunnelRuntime#advanceTo} across one day, in {@value #STEPS} steps of
 * {@value #STEP_MINUTES} minutes, over an {@link InMemoryLeadStore} of {@link #leads} leads (a
 * million by default) that each have one timer due that day, due times spread evenly across it. The
 * funnel has one stage whose timer, a day after a lead enters it, fires an event that re-enters the
 * stage (restarting the timer) and runs one action, which a handler counts; so every day fires
 * every lead's timer exactly once and the population stays the same from one day to the next. The
 * leads are entered once per trial; each operation is one day, and every operation fires {@link
 * #leads} timers, so timers fired per second are {@code leads} divided by the score in seconds. Run
 * it by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-benchmarks -am -DskipTests
 * java -jar funnel-benchmarks/target/benchmarks.jar TimerBenchmark
 * </pre>
 *
 * <p>One warm-up day and three measured days with a population of a million take about a minute;
 * the benchmark runs with a heap of at most {@value #HEAP} and logs the heap the population holds
 * once entered.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms" + TimerBenchmark.HEAP, "-Xmx" + TimerBenchmark.HEAP})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class TimerBenchmark {
  private static final Logger log = LoggerFactory.getLogger(TimerBenchmark.class);

  /** The heap the forked JVM gets. */
  static final String HEAP = "3g";

  /** How many steps a day is advanced in. */
  static final int STEPS = 96;

  /** The length of a step, in minutes. */
  static final int STEP_MINUTES = 24 * 60 / STEPS;

  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration STEP = Duration.ofMinutes(STEP_MINUTES);
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String FUNNEL = "reminders";
  private static final String WAITING = "waiting";
  private static final String REMIND = "remind";
  private static final String COUNT = "count";

  /** How many leads the store holds, each with one pending timer. */
  @Param("1000000")
  public int leads;

  private FunnelRuntime runtime = runtime(new InMemoryLeadStore());
  private InMemoryLeadStore store = new InMemoryLeadStore();
  private Instant now = START;
  private long actions;
  private long fired;

  /** Creates the benchmark; JMH does. */
  public TimerBenchmark() {}

  /** Returns the funnel: one stage whose daily timer re-enters it and runs one action. */
  static Funnel define() {
    return Funnel.builder(FUNNEL)
        .stage(WAITING)
        .entry()
        .after(DAY)
        .in(WAITING)
        .fire(REMIND)
        .on(REMIND)
        .from(WAITING)
        .to(WAITING)
        .then(Actions.custom(COUNT))
        .build();
  }

  private FunnelRuntime runtime(InMemoryLeadStore s) {
    return FunnelRuntime.builder(Catalog.of(define()))
        .store(s)
        .handler(COUNT, delivery -> actions++)
        .build();
  }

  /**
   * Enters the leads at times spread evenly over the day before {@code START}, so their timers fall
   * due spread evenly over the first day after it, and logs the heap they hold.
   */
  @Setup(Level.Trial)
  public void enter() {
    long before = usedHeap();
    store = new InMemoryLeadStore();
    runtime = runtime(store);
    long dayMillis = DAY.toMillis();
    for (int i = 0; i < leads; i++) {
      Instant at = START.minus(DAY).plusMillis((i + 1) * dayMillis / leads);
      runtime.enter(FUNNEL, "lead-" + i, FunnelLoop.CHANNEL, at);
    }
    if (store.dueCount() != leads) {
      throw new IllegalStateException("store after set-up: " + store);
    }
    now = START;
    long held = usedHeap() - before;
    log.info(
        "{} leads with a pending timer entered; they hold about {} bytes of heap, {} a lead",
        leads,
        held,
        held / leads);
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return r.totalMemory() - r.freeMemory();
  }

  /** Starts the day's counts afresh. */
  @Setup(Level.Iteration)
  public void reset() {
    actions = 0;
    fired = 0;
  }

  /**
   * Advances the runtime across the next day in steps, firing every lead's timer once.
   *
   * @return the number of timers fired
   */
  @Benchmark
  public long advanceOneDay() {
    for (int i = 0; i < STEPS; i++) {
      now = now.plus(STEP);
      fired += runtime.advanceTo(now);
    }
    return fired;
  }

  /**
   * Checks that the day fired each lead's timer once, each running its action once, and that every
   * lead has its next timer pending.
   *
   * @throws IllegalStateException if not
   */
  @TearDown(Level.Iteration)
  public void check() {
    if (fired != leads || actions != leads || store.dueCount() != leads) {
      throw new IllegalStateException(
          "a day fired "
              + fired
              + " timers and "
              + actions
              + " actions for "
              + leads
              + " leads; "
              + store);
    }
  }
}
