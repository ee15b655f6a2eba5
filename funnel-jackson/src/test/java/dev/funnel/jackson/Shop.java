package dev.funnel.jackson;

import static dev.funnel.Conditions.all;
import static dev.funnel.Conditions.any;
import static dev.funnel.Conditions.attr;
import static dev.funnel.Conditions.bought;
import static dev.funnel.Conditions.channel;
import static dev.funnel.Conditions.custom;
import static dev.funnel.Conditions.inSegment;
import static dev.funnel.Conditions.not;
import static dev.funnel.Conditions.payload;
import static dev.funnel.Conditions.timeInStage;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Actions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** The online shop of the golden files, built in Java. */
final class Shop {
  private Shop() {}

  static Funnel funnel() {
    return Funnel.builder("online-shop")
        .version(3)
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("hot-lead")
        .manual()
        .stage("buyer")
        .stage("repeat-customer")
        .won()
        .stage("lost")
        .lost()
        .stage("junk")
        .junk("not-target-audience")
        .offer(Offer.leadMagnet("coupon-500").named("500 off the first order"))
        .offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")))
        .offer(Offer.coreProduct("snowboard", Money.of("349.00", "EUR")))
        .offer(Offer.profitMaximizer("rider-gear", Money.of("89", "EUR")).named("Rider's gear"))
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(
            Actions.send("welcome-1", "email"),
            Actions.present("coupon-500"),
            Actions.set("source", "landing"))
        .on("spam-detected")
        .from("visitor")
        .to("junk")
        .on("nudge")
        .from("cold-lead")
        .when(not(bought("mini-set")))
        .then(Actions.send("welcome-2"), Actions.present("mini-set"))
        .on("added-to-cart")
        .from("cold-lead")
        .to("hot-lead")
        .then(Actions.assignFrom("sales"))
        .on("paid")
        .from("cold-lead", "hot-lead")
        .to("buyer")
        .when(all(payload("total").gt(0), not(channel("test-traffic"))))
        .then(
            Actions.segment("customers"),
            Actions.send("thank-you"),
            Actions.custom("crm-sync", ImmutableMap.of("list", "buyers", "weight", 2)))
        .on("quote-asked")
        .from("hot-lead")
        .when(any(attr("cart_total").ge(500), custom("is-vip"), inSegment("wholesale")))
        .then(Actions.assign("anna"))
        .priority(1)
        .on("paid")
        .from("buyer")
        .to("repeat-customer")
        .when(all(bought("snowboard"), timeInStage(Duration.ofDays(1))))
        .then(Actions.present("rider-gear"), Actions.remove("source"))
        .on("gone-cold")
        .from("cold-lead", "hot-lead")
        .to("lost")
        .when(attr("country").in("DE", "AT", "CH"))
        .on("gone-cold")
        .from("cold-lead", "hot-lead")
        .to("lost")
        .priority(-1)
        .on("unsubscribed")
        .fromAny()
        .to("lost")
        .priority(10)
        .after(Duration.ofDays(2))
        .in("cold-lead")
        .fire("nudge")
        .after(Duration.ofDays(7))
        .in("cold-lead")
        .fire("gone-cold")
        .after(Duration.ofDays(14).plusHours(12))
        .in("hot-lead")
        .fire("gone-cold")
        .build();
  }

  /** The time lead-42 entered the shop. */
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  /**
   * Returns lead-42 of the golden lead files: it left a contact, then bought the tripwire, so it is
   * in cold-lead with two timers pending, a purchase and two remembered events.
   */
  static Lead lead42(Funnel shop) {
    Lead lead =
        shop.newLead("lead-42", "google-ads")
            .attribute("email", "lead42@example.com")
            .attribute("country", "DE")
            .attribute("cart_total", new BigDecimal("12.50"))
            .attribute("newsletter", true)
            .owner("anna")
            .enter(START)
            .lead();
    lead = shop.fire(lead, Event.of("evt-1", "contact-left", START.plusSeconds(60))).lead();
    Event bought =
        Event.purchase("evt-2", START.plusSeconds(3600))
            .type("nudge")
            .offer("mini-set")
            .amount(Money.of("9.90", "EUR"))
            .build()
            .toBuilder()
            .payload("total", new BigDecimal("9.90"))
            .build();
    return shop.fire(lead, bought).lead();
  }
}
