package dev.funnel.benchmarks;

import dev.funnel.Actions;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.analytics.Report;
import dev.funnel.simulation.Delay;
import dev.funnel.simulation.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Monte Carlo forecast of {@link #leads} simulated visitors (a million by default) through a
 * six-stage shop funnel with timers, three owners and purchases, driven by the real pure core, on
 * one thread and on two. Each operation is one whole forecast, ending in its {@link Report}, so
 * simulated leads per second are {@code leads} divided by the score in seconds. Run it by:
 *
 * <pre>
 * mvn -B -q package -pl funnel-benchmarks -am -DskipTests
 * java -jar funnel-benchmarks/target/benchmarks.jar SimulationBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 8)
public class SimulationBenchmark {
  /** Makes the benchmark state; JMH calls it. */
  public SimulationBenchmark() {}

  /** How many visitors each forecast simulates. */
  @Param("1000000")
  public long leads;

  private @Nullable Simulation simulation;

  /** Builds the funnel and the simulation once per trial. */
  @Setup
  public void setUp() {
    Funnel shop =
        Funnel.builder("shop")
            .stage("visitor")
            .entry()
            .stage("cold-lead")
            .stage("hot-lead")
            .stage("buyer")
            .stage("repeat-customer")
            .stage("lost")
            .lost()
            .offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")))
            .offer(Offer.coreProduct("starter-kit", Money.of("49.00", "EUR")))
            .offer(Offer.profitMaximizer("care-pack", Money.of("12.00", "EUR")))
            .on("contact-left")
            .from("visitor")
            .to("cold-lead")
            .then(Actions.send("welcome-1", "email"))
            .on("added-to-cart")
            .from("visitor", "cold-lead")
            .to("hot-lead")
            .after(Duration.ofDays(7))
            .in("cold-lead")
            .fire("gone-cold")
            .after(Duration.ofDays(10))
            .in("hot-lead")
            .fire("gone-cold")
            .on("gone-cold")
            .from("cold-lead", "hot-lead")
            .to("lost")
            .on("paid")
            .from("cold-lead", "hot-lead")
            .to("buyer")
            .then(Actions.send("thank-you", "email"))
            .on("paid")
            .from("buyer")
            .to("repeat-customer")
            .on("paid")
            .from("repeat-customer")
            .after(Duration.ofDays(60))
            .in("buyer")
            .fire("win-back")
            .on("win-back")
            .from("buyer")
            .then(Actions.send("we-miss-you", "email"))
            .after(Duration.ofDays(60))
            .in("repeat-customer")
            .fire("win-back")
            .on("win-back")
            .from("repeat-customer")
            .then(Actions.send("we-miss-you", "email"))
            .build();
    simulation =
        Simulation.builder(shop)
            .seed(2026)
            .start(Instant.parse("2026-03-01T00:00:00Z"))
            .arrivals(Duration.ofDays(30))
            .horizon(Duration.ofDays(60))
            .channel("google-ads", leads * 6 / 10, Money.of("1800.00", "EUR"))
            .channel("instagram", leads * 3 / 10, Money.of("600.00", "EUR"))
            .channel("newsletter", leads - leads * 6 / 10 - leads * 3 / 10, Money.of("0", "EUR"))
            .owners("anna", "ben", "carla")
            .move("visitor", "contact-left", 0.20, Delay.exponential(Duration.ofMinutes(20)))
            .move("visitor", "added-to-cart", 0.05, Delay.exponential(Duration.ofMinutes(30)))
            .move("cold-lead", "added-to-cart", 0.30, Delay.exponential(Duration.ofDays(2)))
            .purchase("cold-lead", "paid", "mini-set", 0.05, Delay.exponential(Duration.ofDays(3)))
            .purchase(
                "hot-lead", "paid", "starter-kit", 0.35, Delay.exponential(Duration.ofHours(8)))
            .purchase("buyer", "paid", "care-pack", 0.30, Delay.exponential(Duration.ofDays(7)))
            .purchase(
                "repeat-customer",
                "paid",
                "care-pack",
                0.20,
                Delay.exponential(Duration.ofDays(14)))
            .build();
  }

  /**
   * Runs one forecast on one thread.
   *
   * @return the forecast
   */
  @Benchmark
  public Report oneThread() {
    return Objects.requireNonNull(simulation).run(1);
  }

  /**
   * Runs one forecast on two threads.
   *
   * @return the forecast
   */
  @Benchmark
  public Report twoThreads() {
    return Objects.requireNonNull(simulation).run(2);
  }
}
