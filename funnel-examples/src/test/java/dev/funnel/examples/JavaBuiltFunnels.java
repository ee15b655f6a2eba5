package dev.funnel.examples;

import dev.funnel.Actions;
import dev.funnel.Conditions;
import dev.funnel.Experiment;
import dev.funnel.FrequencyCap;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.QuietHours;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * The examples' funnels written with the Java builder. The recipes load them from the YAML files
 * under {@code resources/funnels}; {@link DefinitionsTest} checks both say the same.
 */
final class JavaBuiltFunnels {
  private JavaBuiltFunnels() {}

  /** The online shop of {@code online-shop.yaml}. */
  static Funnel onlineShop() {
    return Funnel.builder("online-shop")
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("hot-lead")
        .stage("buyer")
        .stage("repeat-customer")
        .stage("lost")
        .lost()
        .offer(Offer.leadMagnet("coupon-10").named("10% off your first order"))
        .offer(Offer.tripwire("mini-set", Money.of("9.90", "EUR")).named("Travel-size set"))
        .offer(Offer.coreProduct("starter-kit", Money.of("49.00", "EUR")).named("Starter kit"))
        .offer(Offer.profitMaximizer("care-pack", Money.of("12.00", "EUR")).named("Care pack"))
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(Actions.send("welcome-1", "email"), Actions.present("coupon-10"))
        .after(Duration.ofDays(2))
        .in("cold-lead")
        .fire("nudge")
        .on("nudge")
        .from("cold-lead")
        .then(Actions.send("welcome-2", "email"))
        .after(Duration.ofDays(7))
        .in("cold-lead")
        .fire("gone-cold")
        .on("gone-cold")
        .from("cold-lead", "hot-lead")
        .to("lost")
        .on("added-to-cart")
        .from("visitor", "cold-lead")
        .to("hot-lead")
        .after(Duration.ofDays(1))
        .in("hot-lead")
        .fire("cart-abandoned")
        .on("cart-abandoned")
        .from("hot-lead")
        .then(Actions.send("cart-reminder", "email"), Actions.present("mini-set"))
        .after(Duration.ofDays(10))
        .in("hot-lead")
        .fire("gone-cold")
        .on("paid")
        .from("cold-lead", "hot-lead")
        .to("buyer")
        .when(
            Conditions.any(
                Conditions.payload("total").gt(0),
                Conditions.offer("mini-set"),
                Conditions.offer("starter-kit")))
        .then(Actions.send("thank-you", "email"), Actions.present("care-pack"))
        .on("paid")
        .from("buyer")
        .to("repeat-customer")
        .then(Actions.send("thank-you-again", "email"), Actions.segment("loyal"))
        .on("paid")
        .from("repeat-customer")
        .then(Actions.send("thank-you-again", "email"))
        .after(Duration.ofDays(60))
        .in("repeat-customer")
        .fire("win-back")
        .on("win-back")
        .from("repeat-customer")
        .then(Actions.send("we-miss-you", "email"))
        .after(Duration.ofDays(30))
        .in("buyer")
        .fire("win-back")
        .on("win-back")
        .from("buyer")
        .then(Actions.send("we-miss-you", "email"))
        .timeZone(ZoneId.of("Europe/Berlin"))
        .quietHours(QuietHours.hold(LocalTime.of(22, 0), LocalTime.of(8, 0)))
        .cap(FrequencyCap.perDay("email", 1))
        .experiment(
            Experiment.of(
                "holdout",
                "online-shop-2026",
                Experiment.Arm.of("treated", 90),
                Experiment.Arm.holdout("holdout", 10)))
        .goal("first-purchase")
        .onEvent("paid")
        .when(Conditions.any(Conditions.offer("mini-set"), Conditions.offer("starter-kit")))
        .within(Duration.ofDays(30))
        .to("buyer")
        .build();
  }

  /** The SaaS offer ladder of {@code saas-ladder.yaml}, written with value loops. */
  static Funnel saasLadder() {
    return SaasLadder.withValueLoops();
  }

  /** The sales department of {@code sales-department.yaml}. */
  static Funnel salesDepartment() {
    return Funnel.builder("sales-department")
        .stage("request")
        .entry()
        .stage("qualifying")
        .manual()
        .stage("proposal")
        .manual()
        .stage("contract")
        .won()
        .stage("lost")
        .lost()
        .stage("junk")
        .junk("not-target-audience")
        .offer(Offer.coreProduct("audit", Money.of("1200.00", "EUR")).named("Shop audit"))
        .on("request-logged")
        .from("request")
        .to("qualifying")
        .then(Actions.assignFrom("managers"), Actions.send("request-received", "email"))
        .on("qualified")
        .from("qualifying")
        .to("proposal")
        .then(Actions.present("audit"))
        .on("disqualified")
        .from("qualifying")
        .to("junk")
        .after(Duration.ofDays(1))
        .in("qualifying")
        .fire("call-overdue")
        .on("call-overdue")
        .from("qualifying")
        .then(Actions.custom("crm-task", Map.of("kind", "call-back")))
        .on("signed")
        .from("proposal")
        .to("contract")
        .when(Conditions.offer("audit"))
        .then(Actions.send("welcome-client", "email"))
        .on("declined")
        .from("proposal")
        .to("lost")
        .after(Duration.ofDays(14))
        .in("proposal")
        .fire("gone-cold")
        .on("gone-cold")
        .from("proposal")
        .to("lost")
        .build();
  }

  /** The first funnel of the segmentation recipe, {@code webinar.yaml}. */
  static Funnel webinar() {
    return Segmentation.webinarWithBuilder();
  }

  /** The second funnel of the segmentation recipe, {@code course-sales.yaml}. */
  static Funnel courseSales() {
    return Funnel.builder("course-sales")
        .stage("engaged")
        .entry()
        .stage("nurtured")
        .entry()
        .stage("student")
        .won()
        .stage("unsubscribed")
        .lost()
        .offer(Offer.coreProduct("course", Money.of("290.00", "EUR")).named("Online course"))
        .offer(Offer.leadMagnet("guide").named("Buying guide"))
        .on("purchased")
        .from("engaged", "nurtured")
        .to("student")
        .when(Conditions.offer("course"))
        .then(Actions.send("course-access", "email"))
        .after(Duration.ofDays(3))
        .in("nurtured")
        .fire("guide-due")
        .on("guide-due")
        .from("nurtured")
        .then(Actions.present("guide"))
        .on("unsubscribed")
        .fromAny()
        .to("unsubscribed")
        .build();
  }
}
