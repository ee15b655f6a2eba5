package dev.funnel.examples;

import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.analytics.Report;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The online-shop funnel of the domain guide: visitor, cold lead, hot lead, buyer, repeat customer,
 * lost. Its definition is {@code funnels/online-shop.yaml}. A handful of leads are driven through
 * it with events and timers, each lead's journey and the effects produced are printed, and then the
 * figures of those leads, with the funnel chart (SVG) and the state diagram (Mermaid) written to
 * files.
 *
 * <p>Run it from a fresh clone with {@code mvn -q -Pdemo -pl funnel-examples -am process-classes}.
 */
public final class OnlineShop {
  private OnlineShop() {}

  static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  /**
   * Returns the online-shop funnel, read from {@code funnels/online-shop.yaml}.
   *
   * @return the funnel
   */
  public static Funnel funnel() {
    return Definitions.load("online-shop");
  }

  /** The demo's outcome: where each lead ended, and the figures of their journal. */
  record Result(Map<String, Lead> leads, Report report) {}

  /** Drives four leads through the shop, prints their journeys and returns where they ended. */
  static Result run(PrintStream out) {
    Funnel shop = funnel();
    Map<String, List<Event>> scripts = new LinkedHashMap<>();
    scripts.put(
        "lead-anna",
        List.of(
            Event.of("a-1", "contact-left", MONDAY.plusSeconds(60)),
            Event.of("a-2", "added-to-cart", MONDAY.plus(Duration.ofHours(3))),
            Event.builder("a-3", "paid", MONDAY.plus(Duration.ofHours(4)))
                .payload("total", 49)
                .offer("starter-kit")
                .amount(Money.of("49.00", "EUR"))
                .build(),
            Event.builder("a-4", "paid", MONDAY.plus(Duration.ofDays(9)))
                .payload("total", 12)
                .offer("care-pack")
                .amount(Money.of("12.00", "EUR"))
                .build()));
    scripts.put(
        "lead-ben", List.of(Event.of("b-1", "contact-left", MONDAY.plus(Duration.ofHours(1)))));
    scripts.put(
        "lead-carla",
        List.of(
            Event.of("c-1", "contact-left", MONDAY.plus(Duration.ofHours(2))),
            Event.of("c-2", "added-to-cart", MONDAY.plus(Duration.ofDays(1))),
            Event.builder("c-3", "paid", MONDAY.plus(Duration.ofDays(2).plusHours(12)))
                .payload("total", new BigDecimal("9.90"))
                .offer("mini-set")
                .amount(Money.of("9.90", "EUR"))
                .build()));
    scripts.put(
        "lead-dan",
        List.of(
            Event.builder("d-1", "paid", MONDAY.plus(Duration.ofHours(5)))
                .payload("total", 12)
                .build(),
            Event.of("d-2", "added-to-cart", MONDAY.plus(Duration.ofHours(6))),
            Event.of("d-2", "added-to-cart", MONDAY.plus(Duration.ofHours(6)))));

    Journeys journeys = new Journeys(shop, out);
    Map<String, Lead> finals = new LinkedHashMap<>();
    Instant end = MONDAY.plus(Duration.ofDays(14));
    String[] channels = {"google-ads", "instagram", "newsletter", "google-ads"};
    int i = 0;
    for (Map.Entry<String, List<Event>> script : scripts.entrySet()) {
      Lead lead = journeys.run(script.getKey(), channels[i++], MONDAY, script.getValue(), end);
      finals.put(lead.id(), lead);
    }
    return new Result(finals, Report.of(shop, journeys.journal()));
  }

  /** Prints the short figures of the demo's leads. */
  static void summary(PrintStream out, Report report) {
    out.printf("%nFigures of these %d leads%n", report.entries());
    Figures.stages(out, report);
    Figures.money(out, report, "visitor", "cold-lead", "buyer");
    Figures.channels(
        out,
        report,
        Map.of("google-ads", Money.of("20.00", "EUR"), "instagram", Money.of("5.00", "EUR")));
  }

  /**
   * Runs the demo: the journeys, then the figures, then writes {@code online-shop-demo.svg} and
   * {@code online-shop-demo.mmd}.
   *
   * @param args the directory to write the files to; {@code target} if none is given
   */
  public static void main(String[] args) {
    Result result = run(System.out);
    summary(System.out, result.report());
    List<Path> files = Figures.write(result.report(), Figures.directory(args), "online-shop-demo");
    System.out.printf("%nfunnel chart:  %s%nstate diagram: %s%n", files.get(0), files.get(1));
  }
}
