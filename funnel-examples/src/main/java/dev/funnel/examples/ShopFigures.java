package dev.funnel.examples;

import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.analytics.BlackHoleRule;
import dev.funnel.analytics.Report;
import dev.funnel.simulation.Delay;
import dev.funnel.simulation.Simulation;
import dev.funnel.simulation.WhatIf;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures of the online shop for a month of simulated traffic: 10,000 visitors from three
 * channels driven through the real funnel ({@code funnels/online-shop.yaml}) by a {@link
 * Simulation} with a fixed seed, so every run prints the same. It prints the report as tables
 * (stages with entries, moves on, drop-off and step conversion; CR1, CR2, revenue by tier, average
 * check; each channel with its spend, CAC, ROAS and ROI; each manager, with black holes), writes
 * the funnel chart ({@code online-shop.svg}), the annotated state diagram ({@code online-shop.mmd})
 * and the HTML report ({@code online-shop.html}), and compares the forecast with what-ifs: each
 * step improved by ten percent, and more budget for ads.
 *
 * <p>Run it with {@code mvn -q -Pdemo -pl funnel-examples -am process-classes
 * -Dexec.mainClass=dev.funnel.examples.ShopFigures}; the files go to {@code
 * funnel-examples/target}.
 */
public final class ShopFigures {
  private ShopFigures() {}

  static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  /** What each channel cost over the month. */
  static final Map<String, Money> SPEND =
      Map.of(
          "google-ads", Money.of("1800.00", "EUR"),
          "instagram", Money.of("600.00", "EUR"),
          "newsletter", Money.of("0.00", "EUR"));

  /**
   * Returns the simulation of a month of the shop: visitors per channel, and for each stage the
   * chance and delay of each next step.
   *
   * @param shop the online-shop funnel
   * @return the simulation, seeded with 2026
   */
  static Simulation simulation(Funnel shop) {
    return Simulation.builder(shop)
        .seed(2026)
        .start(START)
        .arrivals(Duration.ofDays(30))
        .horizon(Duration.ofDays(60))
        .channel("google-ads", 6_000, SPEND.get("google-ads"))
        .channel("instagram", 3_000, SPEND.get("instagram"))
        .channel("newsletter", 1_000, SPEND.get("newsletter"))
        .owners("anna", "ben", "carla")
        .move("visitor", "contact-left", 0.20, Delay.exponential(Duration.ofMinutes(20)))
        .move("visitor", "added-to-cart", 0.05, Delay.exponential(Duration.ofMinutes(30)))
        .move("cold-lead", "added-to-cart", 0.30, Delay.exponential(Duration.ofDays(2)))
        .purchase("cold-lead", "paid", "mini-set", 0.05, Delay.exponential(Duration.ofDays(3)))
        .purchase("hot-lead", "paid", "starter-kit", 0.35, Delay.exponential(Duration.ofHours(8)))
        .purchase("buyer", "paid", "care-pack", 0.30, Delay.exponential(Duration.ofDays(7)))
        .purchase(
            "repeat-customer", "paid", "care-pack", 0.20, Delay.exponential(Duration.ofDays(14)))
        .build();
  }

  /**
   * The recipe's outcome.
   *
   * @param forecast the report of the simulated month
   * @param whatIfs the what-ifs, best first
   * @param files the chart and the diagram written
   */
  record Result(Report forecast, List<WhatIf> whatIfs, List<Path> files) {}

  /** Runs the simulation, prints its figures and what-ifs and writes the files into a directory. */
  static Result run(PrintStream out, Path directory) {
    Funnel shop = OnlineShop.funnel();
    Simulation sim = simulation(shop);
    Report forecast = sim.run();

    out.printf(
        "Online shop, %d simulated visitors over %s (seed %d)%n%n",
        sim.leads(), "30 days", sim.seed());
    Figures.stages(out, forecast);
    out.println();
    Figures.money(out, forecast, "visitor", "cold-lead", "buyer");
    out.println();
    Figures.channels(out, forecast, SPEND);
    out.println();
    Figures.owners(out, forecast, BlackHoleRule.DEFAULT);

    List<WhatIf> whatIfs = new ArrayList<>(sim.improvements(0.10));
    whatIfs.add(sim.whatIfBudget("google-ads", Money.of("2700.00", "EUR")));
    out.printf("%nForecast and what-ifs (same seed, so differences come from the change)%n");
    out.printf("%-44s %7s %7s %14s %12s%n", "", "sales", "change", "revenue", "change");
    out.printf("%-44s %7d %7s %14s%n", "forecast", forecast.converted(), "", forecast.revenue());
    for (WhatIf w : whatIfs) {
      out.printf(
          "%-44s %7d %+7d %14s %12s%n",
          readable(w.change()),
          w.changed().converted(),
          w.salesDelta(),
          w.changed().revenue(),
          (w.revenueDelta().isNegative() ? "" : "+") + w.revenueDelta());
    }

    List<Path> files = Figures.write(forecast, directory, "online-shop");
    out.printf(
        "%nfunnel chart:  %s%nstate diagram: %s%nHTML report:   %s%n",
        files.get(0), files.get(1), files.get(2));
    return new Result(forecast, List.copyOf(whatIfs), files);
  }

  /** Rounds the probability a what-if names, such as {@code 0.05500000000000001}, to 3 places. */
  static String readable(String change) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(" at (0\\.\\d{4,})$").matcher(change);
    return m.find()
        ? change.substring(0, m.start(1))
            + new java.math.BigDecimal(m.group(1))
                .setScale(3, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros()
                .toPlainString()
        : change;
  }

  /**
   * Runs the recipe.
   *
   * @param args the directory to write the files to; {@code target} if none is given
   */
  public static void main(String[] args) {
    run(System.out, Figures.directory(args));
  }
}
