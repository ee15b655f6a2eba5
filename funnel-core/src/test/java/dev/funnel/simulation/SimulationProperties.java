package dev.funnel.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Funnel;
import dev.funnel.analytics.Report;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

final class SimulationProperties {
  private static final int LEADS = 20_000;

  /** A linear funnel: visitor, lead, buyer, with nothing but the two moves. */
  private static Funnel linear() {
    return Funnel.builder("linear")
        .stage("visitor")
        .entry()
        .stage("lead")
        .stage("buyer")
        .won()
        .on("contact-left")
        .from("visitor")
        .to("lead")
        .on("paid")
        .from("lead")
        .to("buyer")
        .build();
  }

  @Property(tries = 12)
  void run_sameSeed_givesTheSameReportOnAnyNumberOfThreads(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int threads) {
    Simulation sim = SimulationTest.unseeded(6000).seed(seed).owners("ann", "bob", "cy").build();

    Report one = sim.run();

    assertEquals(one, sim.run());
    assertEquals(one, sim.run(threads));
  }

  @Property(tries = 12)
  void run_stepConversion_convergesToTheProbability(
      @ForAll long seed,
      @ForAll @DoubleRange(min = 0.02, max = 0.98) double p1,
      @ForAll @DoubleRange(min = 0.02, max = 0.98) double p2) {
    Report r =
        Simulation.builder(linear())
            .seed(seed)
            .channel("ads", LEADS, SimulationTest.eur("100.00"))
            .move("visitor", "contact-left", p1, Delay.exponential(Duration.ofHours(3)))
            .move("lead", "paid", p2, Delay.uniform(Duration.ofHours(1), Duration.ofDays(3)))
            .build()
            .run();

    assertWithinFiveStandardErrors(p1, r.conversion("visitor", "lead").doubleValue(), LEADS);
    long leads = r.entered("lead");
    assertWithinFiveStandardErrors(p2, r.conversion("lead", "buyer").doubleValue(), leads);
  }

  private static void assertWithinFiveStandardErrors(double p, double observed, long n) {
    double se = Math.sqrt(p * (1 - p) / n);
    assertTrue(
        Math.abs(observed - p) <= 5 * se,
        () -> "observed " + observed + " for p " + p + " over " + n + " (se " + se + ")");
  }
}
