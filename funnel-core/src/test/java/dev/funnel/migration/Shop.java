package dev.funnel.migration;

import dev.funnel.Actions;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.Money;
import dev.funnel.Offer;
import java.time.Duration;
import java.time.Instant;

/**
 * The seeds' online shop (funnel-examples' {@code online-shop.yaml}) and three realistic changes to
 * it, with a journal of eight recorded leads.
 */
final class Shop {
  private Shop() {}

  static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  /** When the changed versions are published and the leads migrated: Tuesday, 09:00. */
  static final Instant PUBLISHED = MONDAY.plus(Duration.ofDays(1));

  /** Version 1, as in the examples. */
  static Funnel v1() {
    return shop(1, false, Duration.ofDays(2), true);
  }

  /** Version 2: a checkout stage between hot lead and buyer. */
  static Funnel withCheckout() {
    return shop(2, true, Duration.ofDays(2), true);
  }

  /** Version 2: the second welcome letter one day after sign-up, not two. */
  static Funnel earlierNudge() {
    return shop(2, false, Duration.ofDays(1), true);
  }

  /** Version 2: the tripwire offer removed. */
  static Funnel withoutTripwire() {
    return shop(2, false, Duration.ofDays(2), false);
  }

  private static Funnel shop(int version, boolean checkout, Duration nudge, boolean tripwire) {
    FunnelBuilder b =
        Funnel.builder("online-shop")
            .version(version)
            .stage("visitor")
            .entry()
            .stage("cold-lead")
            .stage("hot-lead");
    if (checkout) {
      b = b.stage("checkout");
    }
    b =
        b.stage("buyer")
            .stage("repeat-customer")
            .stage("lost")
            .lost()
            .offer(Offer.leadMagnet("coupon-10"))
            .offer(Offer.coreProduct("starter-kit", Money.of("49.00", "EUR")))
            .offer(Offer.profitMaximizer("care-pack", Money.of("12.00", "EUR")));
    if (tripwire) {
      b = b.offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")));
    }
    b =
        b.on("contact-left")
            .from("visitor")
            .to("cold-lead")
            .then(Actions.send("welcome-1", "email"), Actions.present("coupon-10"))
            .on("nudge")
            .from("cold-lead")
            .stay()
            .then(Actions.send("welcome-2", "email"))
            .on("gone-cold")
            .from("cold-lead", "hot-lead")
            .to("lost")
            .on("added-to-cart")
            .from("visitor", "cold-lead")
            .to("hot-lead");
    b =
        tripwire
            ? b.on("cart-abandoned")
                .from("hot-lead")
                .stay()
                .then(Actions.send("cart-reminder", "email"), Actions.present("mini-set"))
            : b.on("cart-abandoned")
                .from("hot-lead")
                .stay()
                .then(Actions.send("cart-reminder", "email"));
    b =
        b.on("paid")
            .from(
                "cold-lead",
                checkout ? new String[] {"hot-lead", "checkout"} : new String[] {"hot-lead"})
            .to("buyer")
            .when(
                tripwire
                    ? Conditions.any(
                        Conditions.payload("total").gt(0),
                        Conditions.offer("mini-set"),
                        Conditions.offer("starter-kit"))
                    : Conditions.any(
                        Conditions.payload("total").gt(0), Conditions.offer("starter-kit")))
            .then(Actions.send("thank-you", "email"), Actions.present("care-pack"))
            .on("paid")
            .from("buyer")
            .to("repeat-customer")
            .then(Actions.send("thank-you-again", "email"), Actions.segment("loyal"))
            .on("paid")
            .from("repeat-customer")
            .stay()
            .then(Actions.send("thank-you-again", "email"))
            .on("win-back")
            .from("repeat-customer", "buyer")
            .stay()
            .then(Actions.send("we-miss-you", "email"));
    if (checkout) {
      b =
          b.on("checkout-started")
              .from("hot-lead")
              .to("checkout")
              .on("checkout-abandoned")
              .from("checkout")
              .stay()
              .then(Actions.send("checkout-reminder", "email"))
              .on("gone-cold")
              .from("checkout")
              .to("lost")
              .after(Duration.ofHours(2))
              .in("checkout")
              .fire("checkout-abandoned")
              .after(Duration.ofDays(3))
              .in("checkout")
              .fire("gone-cold");
    }
    return b.after(nudge)
        .in("cold-lead")
        .fire("nudge")
        .after(Duration.ofDays(7))
        .in("cold-lead")
        .fire("gone-cold")
        .after(Duration.ofDays(1))
        .in("hot-lead")
        .fire("cart-abandoned")
        .after(Duration.ofDays(10))
        .in("hot-lead")
        .fire("gone-cold")
        .after(Duration.ofDays(60))
        .in("repeat-customer")
        .fire("win-back")
        .after(Duration.ofDays(30))
        .in("buyer")
        .fire("win-back")
        .build();
  }

  private static Instant at(Duration d) {
    return MONDAY.plus(d);
  }

  private static Event paid(String id, String offer, String amount, Duration when) {
    return Event.builder(id, "paid", at(when)).offer(offer).amount(Money.of(amount, "EUR")).build();
  }

  /**
   * Eight leads of one fortnight, as the shop's site recorded them, checkout-started included
   * (version 1 refuses it: no transition takes it yet).
   */
  static Journal journal() {
    Duration h = Duration.ofHours(1);
    Duration d = Duration.ofDays(1);
    return Journal.builder()
        .arrive(arrival("anna", "google-ads", "sam", Duration.ZERO))
        .event("anna", Event.of("a-1", "contact-left", at(Duration.ofMinutes(1))))
        .event("anna", Event.of("a-2", "added-to-cart", at(h.multipliedBy(3))))
        .event("anna", Event.of("a-3", "checkout-started", at(h.multipliedBy(3).plusMinutes(20))))
        .event("anna", paid("a-4", "starter-kit", "49.00", h.multipliedBy(4)))
        .event("anna", paid("a-5", "care-pack", "12.00", d.multipliedBy(9)))
        .arrive(arrival("ben", "instagram", "kim", h))
        .event("ben", Event.of("b-1", "contact-left", at(h.plusMinutes(5))))
        .arrive(arrival("carla", "newsletter", "sam", h.multipliedBy(2)))
        .event("carla", Event.of("c-1", "contact-left", at(h.multipliedBy(2).plusMinutes(3))))
        .event("carla", Event.of("c-2", "added-to-cart", at(d.plusHours(2))))
        .event("carla", paid("c-3", "mini-set", "9.90", d.multipliedBy(2).plusHours(12)))
        .arrive(arrival("dan", "google-ads", "kim", h.multipliedBy(5)))
        .event("dan", Event.of("d-1", "contact-left", at(h.multipliedBy(5).plusMinutes(2))))
        .event("dan", Event.of("d-2", "added-to-cart", at(h.multipliedBy(6))))
        .event("dan", Event.of("d-3", "checkout-started", at(h.multipliedBy(6).plusMinutes(30))))
        .event("dan", paid("d-4", "mini-set", "9.90", d.plusHours(8)))
        .arrive(arrival("eva", "instagram", "sam", d.plusHours(1)))
        .event("eva", Event.of("e-1", "contact-left", at(d.plusHours(1).plusMinutes(4))))
        .event("eva", paid("e-2", "starter-kit", "49.00", d.multipliedBy(2).plusHours(14)))
        .arrive(arrival("finn", "google-ads", "kim", d.plusHours(2)))
        .event("finn", Event.of("f-1", "contact-left", at(d.plusHours(2).plusMinutes(1))))
        .arrive(arrival("gina", "newsletter", "sam", d.multipliedBy(2)))
        .event("gina", Event.of("g-1", "contact-left", at(d.multipliedBy(2).plusMinutes(2))))
        .event("gina", Event.of("g-2", "added-to-cart", at(d.multipliedBy(2).plusHours(3))))
        .event("gina", Event.of("g-3", "checkout-started", at(d.multipliedBy(2).plusHours(4))))
        .arrive(arrival("hugo", "instagram", "kim", d.multipliedBy(3)))
        .end(at(d.multipliedBy(14)))
        .build();
  }

  private static Journal.Arrival arrival(String lead, String channel, String owner, Duration when) {
    return new Journal.Arrival(
        lead, channel, owner, com.google.common.collect.ImmutableMap.of(), null, at(when));
  }
}
