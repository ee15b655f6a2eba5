package dev.funnel.examples;

import dev.funnel.Actions;
import dev.funnel.Conditions;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The online-shop funnel of the domain guide: visitor, cold lead, hot lead, buyer, repeat customer,
 * lost. A handful of leads are driven through it with events and timers, and each lead's journey
 * and the effects produced are printed.
 *
 * <p>Run it from a fresh clone with {@code mvn -q -Pdemo -pl funnel-examples -am process-classes}.
 */
public final class OnlineShop {
  private OnlineShop() {}

  static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  /** Returns the online-shop funnel. */
  public static Funnel funnel() {
    return Funnel.builder("online-shop")
        .stage("visitor").entry()
        .stage("cold-lead")
        .stage("hot-lead")
        .stage("buyer")
        .stage("repeat-customer")
        .stage("lost").lost()
        .offer(Offer.leadMagnet("coupon-10").named("10% off your first order"))
        .offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")).named("Travel-size set"))
        .offer(Offer.coreProduct("starter-kit", Money.of("49.00", "EUR")).named("Starter kit"))
        .offer(Offer.profitMaximizer("care-pack", Money.of("12.00", "EUR")).named("Care pack"))
        .on("contact-left").from("visitor").to("cold-lead")
            .then(Actions.send("welcome-1", "email"), Actions.present("coupon-10"))
        .after(Duration.ofDays(2)).in("cold-lead").fire("nudge")
        .on("nudge").from("cold-lead").then(Actions.send("welcome-2", "email"))
        .after(Duration.ofDays(7)).in("cold-lead").fire("gone-cold")
        .on("gone-cold").from("cold-lead", "hot-lead").to("lost")
        .on("added-to-cart").from("visitor", "cold-lead").to("hot-lead")
        .after(Duration.ofDays(1)).in("hot-lead").fire("cart-abandoned")
        .on("cart-abandoned").from("hot-lead")
            .then(Actions.send("cart-reminder", "email"), Actions.present("mini-set"))
        .after(Duration.ofDays(10)).in("hot-lead").fire("gone-cold")
        .on("paid").from("cold-lead", "hot-lead").to("buyer")
            .when(Conditions.payload("total").gt(0))
            .then(Actions.send("thank-you", "email"), Actions.present("care-pack"))
        .on("paid").from("buyer").to("repeat-customer")
            .then(Actions.send("thank-you-again", "email"), Actions.segment("loyal"))
        .on("paid").from("repeat-customer").then(Actions.send("thank-you-again", "email"))
        .after(Duration.ofDays(60)).in("repeat-customer").fire("win-back")
        .on("win-back").from("repeat-customer").then(Actions.send("we-miss-you", "email"))
        .after(Duration.ofDays(30)).in("buyer").fire("win-back")
        .on("win-back").from("buyer").then(Actions.send("we-miss-you", "email"))
        .build();
  }

  /** Drives four leads through the shop, prints their journeys and returns where they ended. */
  static Map<String, Lead> run(PrintStream out) {
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

    Map<String, Lead> finals = new LinkedHashMap<>();
    Instant end = MONDAY.plus(Duration.ofDays(14));
    String[] channels = {"google-ads", "instagram", "newsletter", "google-ads"};
    int i = 0;
    for (Map.Entry<String, List<Event>> script : scripts.entrySet()) {
      String channel = channels[i++];
      out.printf("%n%s (from %s)%n", script.getKey(), channel);
      Outcome entered = shop.enter(script.getKey(), channel, MONDAY);
      print(out, entered);
      Lead lead = entered.lead();
      for (Event event : script.getValue()) {
        // Timers that fell due before this event fire first, as a runtime would do.
        Outcome fired = shop.fire(catchUp(shop, lead, event.at(), out), event);
        print(out, fired);
        if (fired.isRefused()) {
          out.printf(
              "  %-20s %-15s refused: %s%n",
              event.at(), event.type(), fired.refusal().orElseThrow());
        }
        lead = fired.lead();
      }
      lead = catchUp(shop, lead, end, out);
      out.printf("  => %s, version %d, bought %s%n", lead.stage(), lead.version(), bought(lead));
      finals.put(lead.id(), lead);
    }
    return finals;
  }

  /** Fires the lead's timers one due instant at a time, printing each step with its effects. */
  private static Lead catchUp(Funnel shop, Lead lead, Instant until, PrintStream out) {
    while (!lead.timers().isEmpty() && !lead.timers().get(0).due().isAfter(until)) {
      Outcome fired = shop.advance(lead, lead.timers().get(0).due());
      print(out, fired);
      lead = fired.lead();
    }
    return lead;
  }

  private static List<String> bought(Lead lead) {
    List<String> offers = new ArrayList<>();
    lead.purchases().forEach(p -> offers.add(p.offer() + " " + p.amount()));
    return offers;
  }

  private static void print(PrintStream out, Outcome outcome) {
    for (Step step : outcome.steps()) {
      String move =
          step.from() == null
              ? "entered " + step.to()
              : step.from().equals(step.to()) ? "stayed in " + step.to() : step.from() + " -> " + step.to();
      out.printf(
          "  %-20s %-15s %s%n",
          step.at(), step.eventType() == null ? "" : step.eventType(), move);
    }
    for (Effect effect : outcome.effects()) {
      out.printf("  %-20s %-15s   %s%n", "", "", describe(effect));
    }
  }

  private static String describe(Effect effect) {
    if (effect instanceof Effect.TimerScheduled) {
      var t = ((Effect.TimerScheduled) effect).timer();
      return "timer " + t.event() + " set for " + t.due();
    }
    if (effect instanceof Effect.TimerCancelled) {
      return "timer " + ((Effect.TimerCancelled) effect).timer().event() + " cancelled";
    }
    return effect.toString();
  }

  /**
   * Runs the demo.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }
}
