package dev.funnel.examples;

import dev.funnel.Actions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.analytics.Report;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SaaS offer ladder: a free trial (lead magnet), the first month for one euro (tripwire), the
 * monthly subscription (core product) and a premium add-on (profit maximizer). Each rung is a value
 * loop: a purchase moves the lead up and presents the next offer (upsell); a decline, or no
 * purchase within the window, moves it down and presents something cheaper (downsell).
 *
 * <p>The definition is {@code funnels/saas-ladder.yaml}, which holds the transitions and timers the
 * value loops of {@link #withValueLoops()} compile into; a test checks that both are equal. Run it
 * with {@code mvn -q -Pdemo -pl funnel-examples -am process-classes
 * -Dexec.mainClass=dev.funnel.examples.SaasLadder}.
 */
public final class SaasLadder {
  private SaasLadder() {}

  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  /**
   * Returns the ladder, read from {@code funnels/saas-ladder.yaml}.
   *
   * @return the funnel
   */
  public static Funnel funnel() {
    return Definitions.load("saas-ladder");
  }

  /**
   * Returns the same ladder written with the builder's value loops.
   *
   * @return the funnel
   */
  public static Funnel withValueLoops() {
    return Funnel.builder("saas-ladder")
        .stage("visitor")
        .entry()
        .stage("trial")
        .stage("starter")
        .stage("hesitating")
        .stage("subscriber")
        .stage("premium")
        .won()
        .stage("churned")
        .lost()
        .offer(Offer.leadMagnet("free-trial").named("14-day free trial"))
        .offer(Offer.leadMagnet("extended-trial").named("Trial extended by 14 days"))
        .offer(
            Offer.tripwire("first-month", Money.of("1.00", "EUR")).named("First month for 1 EUR"))
        .offer(Offer.coreProduct("subscription", Money.of("29.00", "EUR")).named("Subscription"))
        .offer(Offer.profitMaximizer("premium-plan", Money.of("19.00", "EUR")).named("Premium"))
        .on("signed-up")
        .from("visitor")
        .to("trial")
        .then(Actions.present("free-trial"), Actions.send("trial-welcome", "email"))
        .after(Duration.ofDays(10))
        .in("trial")
        .fire("trial-ending")
        .on("trial-ending")
        .from("trial")
        .then(Actions.send("trial-ending", "email"), Actions.present("first-month"))
        .valueLoop("first-month")
        .from("trial")
        .bought("starter")
        .upsell("subscription")
        .declined("hesitating")
        .downsell("extended-trial")
        .within(Duration.ofDays(14))
        .valueLoop("subscription")
        .from("starter", "hesitating")
        .bought("subscriber")
        .upsell("premium-plan")
        .declined("churned")
        .within(Duration.ofDays(30))
        .valueLoop("premium-plan")
        .from("subscriber")
        .bought("premium")
        .on("cancelled")
        .fromAny()
        .to("churned")
        .priority(10)
        .build();
  }

  /** The recipe's outcome: where each lead ended, and the figures of their journal. */
  record Result(Map<String, Lead> leads, Report report) {}

  /** Drives four customers up and down the ladder and prints their journeys. */
  static Result run(PrintStream out) {
    Funnel ladder = funnel();
    Journeys journeys = new Journeys(ladder, out);
    Instant end = START.plus(Duration.ofDays(90));
    Map<String, Lead> finals = new LinkedHashMap<>();
    // Climbs every rung.
    finals.put(
        "ada",
        journeys.run(
            "ada",
            "google-ads",
            START,
            List.of(
                Event.of("ada-1", "signed-up", START.plusSeconds(30)),
                buy("ada-2", "first-month", "1.00", START.plus(Duration.ofDays(11))),
                buy("ada-3", "subscription", "29.00", START.plus(Duration.ofDays(20))),
                buy("ada-4", "premium-plan", "19.00", START.plus(Duration.ofDays(40)))),
            end));
    // Turns the tripwire down, gets the extended trial, then subscribes after all.
    finals.put(
        "bo",
        journeys.run(
            "bo",
            "newsletter",
            START,
            List.of(
                Event.of("bo-1", "signed-up", START.plus(Duration.ofHours(2))),
                Event.decline("bo-2", "first-month", START.plus(Duration.ofDays(10).plusHours(3))),
                buy("bo-3", "subscription", "29.00", START.plus(Duration.ofDays(25)))),
            end));
    // Never buys: the windows pass, down to hesitating, then churned.
    finals.put(
        "cy",
        journeys.run(
            "cy",
            "google-ads",
            START,
            List.of(Event.of("cy-1", "signed-up", START.plus(Duration.ofHours(5)))),
            end));
    // Buys the tripwire, then cancels.
    finals.put(
        "dee",
        journeys.run(
            "dee",
            "newsletter",
            START,
            List.of(
                Event.of("dee-1", "signed-up", START.plus(Duration.ofHours(6))),
                buy("dee-2", "first-month", "1.00", START.plus(Duration.ofDays(12))),
                Event.of("dee-3", "cancelled", START.plus(Duration.ofDays(15)))),
            end));
    return new Result(finals, Report.of(ladder, journeys.journal()));
  }

  private static Event buy(String id, String offer, String price, Instant at) {
    return Event.purchase(id, at).offer(offer).amount(Money.of(price, "EUR")).build();
  }

  /**
   * Runs the recipe: the journeys, then the figures.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.printf(
        "saas-ladder.yaml is what the value loops compile into: %s%n",
        funnel().equals(withValueLoops()));
    Result result = run(System.out);
    System.out.printf("%nFigures%n");
    Figures.stages(System.out, result.report());
    Figures.money(System.out, result.report(), "visitor", "trial", "subscriber");
  }
}
