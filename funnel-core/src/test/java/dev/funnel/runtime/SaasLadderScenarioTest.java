package dev.funnel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Conditions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Outcome;
import dev.funnel.Purchase;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SaaS offer ladder: a free trial (lead magnet), a cheap first month (tripwire), the monthly
 * subscription (core product), and the premium plan (profit maximizer), each offered when the one
 * before it was taken or ran out.
 */
final class SaasLadderScenarioTest {
  static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  static final Money FIRST_MONTH = Money.of("1.00", "EUR");
  static final Money MONTHLY = Money.of("29.00", "EUR");
  static final Money PREMIUM = Money.of("79.00", "EUR");

  static Funnel saas() {
    return Funnel.builder("saas")
        .stage("visitor")
        .entry()
        .stage("trial")
        .stage("trial-ended")
        .stage("tripwire-buyer")
        .stage("subscriber")
        .stage("premium")
        .won()
        .stage("churned")
        .lost()
        .offer(Offer.leadMagnet("free-trial"))
        .offer(Offer.tripwire("first-month", FIRST_MONTH))
        .offer(Offer.coreProduct("monthly", MONTHLY))
        .offer(Offer.profitMaximizer("premium-plan", PREMIUM))
        .on("signed-up")
        .from("visitor")
        .to("trial")
        .then(Actions.present("free-trial"), Actions.send("trial-welcome"))
        .after(Duration.ofDays(14))
        .in("trial")
        .fire("trial-expired")
        .on("trial-expired")
        .from("trial")
        .to("trial-ended")
        .then(Actions.present("first-month"), Actions.send("trial-over-one-euro"))
        .after(Duration.ofDays(7))
        .in("trial-ended")
        .fire("gone")
        .on("gone")
        .from("trial-ended")
        .to("churned")
        .on("tripwire-paid")
        .from("trial", "trial-ended")
        .to("tripwire-buyer")
        .then(Actions.send("tripwire-receipt"))
        .after(Duration.ofDays(25))
        .in("tripwire-buyer")
        .fire("renewal-due")
        .on("renewal-due")
        .from("tripwire-buyer")
        .then(Actions.present("monthly"))
        .on("subscribed")
        .from("tripwire-buyer")
        .to("subscriber")
        .then(Actions.send("subscription-welcome"))
        .after(Duration.ofDays(60))
        .in("subscriber")
        .fire("premium-pitch")
        .on("premium-pitch")
        .from("subscriber")
        .then(Actions.present("premium-plan"))
        .on("upgraded")
        .from("subscriber")
        .to("premium")
        .when(Conditions.all(Conditions.bought("monthly"), Conditions.custom("card-valid")))
        .then(Actions.send("premium-welcome"))
        .on("cancelled")
        .from("tripwire-buyer", "subscriber")
        .to("churned")
        .build();
  }

  private final TestClock clock = new TestClock(T0);
  private final Recorder rec = new Recorder();

  private FunnelRuntime runtime() {
    return FunnelRuntime.builder(Catalog.of(saas()))
        .clock(clock)
        .handler(Actions.SEND, rec)
        .handler(Actions.PRESENT, rec)
        .guard("card-valid", (lead, event) -> !event.payload().containsKey("card-declined"))
        .listener(rec)
        .build();
  }

  private static Instant day(int d) {
    return T0.plus(Duration.ofDays(d));
  }

  @Test
  void trialThenTripwireThenSubscriptionThenPremium_climbsTheLadder() {
    FunnelRuntime rt = runtime();
    rt.enter("saas", "acme", "product-hunt", T0);
    rt.handle("saas", "acme", Event.of("su-1", "signed-up", T0));

    rt.advanceTo(day(14)); // the trial runs out unused: the tripwire is offered
    rt.handle(
        "saas",
        "acme",
        Event.purchase("pay-1", day(16))
            .type("tripwire-paid")
            .offer("first-month")
            .amount(FIRST_MONTH)
            .build());
    rt.advanceTo(day(41)); // renewal comes due: the subscription is offered
    rt.handle(
        "saas",
        "acme",
        Event.purchase("pay-2", day(42))
            .type("subscribed")
            .offer("monthly")
            .amount(MONTHLY)
            .build());
    rt.advanceTo(day(102)); // after two months the premium plan is pitched
    Receipt declined =
        rt.handle(
            "saas",
            "acme",
            Event.builder("up-1", "upgraded", day(103))
                .offer("premium-plan")
                .amount(PREMIUM)
                .payload("card-declined", true)
                .build());
    Receipt upgraded =
        rt.handle(
            "saas",
            "acme",
            Event.purchase("up-2", day(104))
                .type("upgraded")
                .offer("premium-plan")
                .amount(PREMIUM)
                .build());

    assertEquals(Optional.of(Outcome.Refusal.GUARD_REJECTED), declined.refusal());
    assertEquals(Receipt.Status.MOVED, upgraded.status());
    assertEquals(
        ImmutableList.of("free-trial", "first-month", "monthly", "premium-plan"), rec.presented());
    assertEquals(
        ImmutableList.of(
            "trial-welcome",
            "trial-over-one-euro",
            "tripwire-receipt",
            "subscription-welcome",
            "premium-welcome"),
        rec.sent());
    Lead lead = rt.lead("saas", "acme").orElseThrow();
    assertEquals("premium", lead.stage());
    assertEquals(
        ImmutableList.of("first-month", "monthly", "premium-plan"),
        lead.purchases().stream().map(Purchase::offer).collect(ImmutableList.toImmutableList()));
    Money revenue =
        rec.steps().stream()
            .filter(Step::isPurchase)
            .map(s -> java.util.Objects.requireNonNull(s.amount()))
            .reduce(Money.zero("EUR"), Money::plus);
    assertEquals(Money.of("109.00", "EUR"), revenue);
  }

  @Test
  void trialIgnoredAndTripwireIgnored_churns() {
    FunnelRuntime rt = runtime();
    rt.enter("saas", "ghost-co", "ads", T0);
    rt.handle("saas", "ghost-co", Event.of("su-1", "signed-up", T0));

    clock.set(day(30));
    int fired = rt.tick();

    assertEquals(2, fired);
    assertEquals("churned", rt.lead("saas", "ghost-co").orElseThrow().stage());
    assertEquals(ImmutableList.of("free-trial", "first-month"), rec.presented());
    assertEquals(
        ImmutableList.of("trial-expired", "gone"),
        rec.steps().stream()
            .filter(s -> !s.isEntry() && !"signed-up".equals(s.eventType()))
            .map(Step::eventType)
            .collect(ImmutableList.toImmutableList()));
  }
}
