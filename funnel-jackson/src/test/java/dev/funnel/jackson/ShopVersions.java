package dev.funnel.jackson;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Actions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import dev.funnel.migration.TimerPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * Two versions of a small shop and the migration between them: the hot lead renamed "cart", the
 * tripwire stage removed (its leads go to the cart), the second welcome letter a day earlier.
 */
final class ShopVersions {
  private ShopVersions() {}

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  static Funnel v1() {
    return Funnel.builder("online-shop")
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("hot-lead")
        .stage("tripwire")
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(Actions.send("welcome-1", "email"))
        .on("nudge")
        .from("cold-lead")
        .stay()
        .then(Actions.send("welcome-2", "email"))
        .on("added-to-cart")
        .from("cold-lead")
        .to("hot-lead")
        .on("cart-abandoned")
        .from("hot-lead")
        .to("tripwire")
        .on("paid")
        .from("cold-lead", "hot-lead", "tripwire")
        .to("buyer")
        .on("gone-cold")
        .from("cold-lead", "hot-lead", "tripwire")
        .to("lost")
        .after(Duration.ofDays(2))
        .in("cold-lead")
        .fire("nudge")
        .after(Duration.ofDays(7))
        .in("cold-lead")
        .fire("gone-cold")
        .after(Duration.ofDays(1))
        .in("hot-lead")
        .fire("cart-abandoned")
        .after(Duration.ofDays(3))
        .in("tripwire")
        .fire("gone-cold")
        .build();
  }

  static Funnel v2() {
    return Funnel.builder("online-shop")
        .version(2)
        .stage("visitor")
        .entry()
        .stage("cold-lead")
        .stage("cart")
        .stage("buyer")
        .won()
        .stage("lost")
        .lost()
        .on("contact-left")
        .from("visitor")
        .to("cold-lead")
        .then(Actions.send("welcome-1", "email"))
        .on("nudge")
        .from("cold-lead")
        .stay()
        .then(Actions.send("welcome-2", "email"))
        .on("added-to-cart")
        .from("cold-lead")
        .to("cart")
        .on("cart-abandoned")
        .from("cart")
        .stay()
        .then(Actions.send("cart-reminder", "email"))
        .on("paid")
        .from("cold-lead", "cart")
        .to("buyer")
        .on("gone-cold")
        .from("cold-lead", "cart")
        .to("lost")
        .after(Duration.ofDays(1))
        .in("cold-lead")
        .fire("nudge")
        .after(Duration.ofDays(7))
        .in("cold-lead")
        .fire("gone-cold")
        .after(Duration.ofDays(1))
        .in("cart")
        .fire("cart-abandoned")
        .build();
  }

  static Migration migration() {
    return Migration.between(v1(), v2())
        .rename("hot-lead", "cart")
        .move("tripwire", "cart")
        .timer("cold-lead", "nudge", TimerPolicy.RECOMPUTE)
        .timer("tripwire", "gone-cold", TimerPolicy.DROP)
        .build();
  }

  /** The migration as the writer writes it in YAML. */
  static final String MIGRATION_YAML =
      """
      format: 1
      funnel: online-shop
      from: 1
      to: 2
      renames:
        - {stage: hot-lead, to: cart}
      moves:
        - {stage: tripwire, to: cart}
      timers:
        - {stage: cold-lead, event: nudge, policy: recompute}
        - {stage: tripwire, event: gone-cold, policy: drop}
      """;

  /** Two leads: one who leaves a contact and buys, one who only visits. */
  static Journal journal() {
    return Journal.builder()
        .arrive(
            new Journal.Arrival(
                "ann",
                "google-ads",
                "sam",
                ImmutableMap.of("tier", "gold", "visits", 3L),
                null,
                T0))
        .event("ann", Event.of("a-1", "contact-left", T0.plusSeconds(60)))
        .event(
            "ann",
            Event.builder("a-2", "paid", T0.plusSeconds(3600))
                .payload("total", 25L)
                .offer("starter-kit")
                .amount(Money.of("49.00", "EUR"))
                .build())
        .arrive("ben", "newsletter", T0.plusSeconds(120))
        .end(T0.plus(Duration.ofDays(14)))
        .build();
  }

  /** The journal as the writer writes it in YAML. */
  static final String JOURNAL_YAML =
      """
      format: 1
      end: 2026-03-16T09:00:00Z
      leads:
        - id: ann
          channel: google-ads
          owner: sam
          attributes: {tier: gold, visits: 3}
          at: 2026-03-02T09:00:00Z
          events:
            - id: a-1
              type: contact-left
              at: 2026-03-02T09:01:00Z
            - id: a-2
              type: paid
              at: 2026-03-02T10:00:00Z
              payload: {total: 25}
              offer: starter-kit
              amount: {amount: "49.00", currency: EUR}
        - id: ben
          channel: newsletter
          at: 2026-03-02T09:02:00Z
      """;
}
