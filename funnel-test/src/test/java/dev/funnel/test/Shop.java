package dev.funnel.test;

import dev.funnel.Actions;
import dev.funnel.Conditions;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import java.time.Duration;
import java.time.Instant;

/** The README's shop, with a hot lead, a tripwire and a nudge, for the kit's own tests. */
final class Shop {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private Shop() {}

  static Funnel funnel() {
    return Funnel.builder("online-shop")
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("hot-lead")
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .offer(Offer.leadMagnet("coupon-10"))
        .offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")))
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(Actions.send("welcome-1", "email"), Actions.present("coupon-10"))
        .on("nudge")
        .from("cold-lead")
        .stay()
        .then(Actions.send("welcome-2", "email"))
        .on("added-to-cart")
        .from("cold-lead")
        .to("hot-lead")
        .on("paid")
        .from("cold-lead", "hot-lead")
        .to("buyer")
        .when(Conditions.payload("total").gt(0))
        .then(Actions.send("thank-you", "email"))
        .after(Duration.ofDays(2))
        .in("cold-lead")
        .fire("nudge")
        .after(Duration.ofDays(7))
        .in("cold-lead")
        .fire("gone-cold")
        .on("gone-cold")
        .from("cold-lead")
        .to("lost")
        .build();
  }
}
