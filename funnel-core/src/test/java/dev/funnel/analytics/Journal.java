package dev.funnel.analytics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Drives a real funnel and keeps the journal of step records it produces. */
final class Journal {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  final Funnel funnel;
  final List<Step> steps = new ArrayList<>();
  private final Map<String, Lead> leads = new HashMap<>();
  private int events;

  Journal(Funnel funnel) {
    this.funnel = funnel;
  }

  /** A shop funnel with a lead stage, a cart, buyers who buy again, junk and the offer ladder. */
  static Funnel shop() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("lead")
        .stage("cart")
        .stage("buyer")
        .stage("loyal")
        .won()
        .stage("lost")
        .lost()
        .stage("junk")
        .junk("not-target-audience")
        .offer(Offer.leadMagnet("guide"))
        .offer(Offer.tripwire("mini", eur("10.00")))
        .offer(Offer.coreProduct("course", eur("100.00")))
        .offer(Offer.profitMaximizer("gear", eur("40.00")))
        .on("contact-left")
        .from("visitor")
        .to("lead")
        .on("rejected")
        .from("lead")
        .to("junk")
        .on("added-to-cart")
        .from("lead")
        .to("cart")
        .on("paid")
        .from("lead", "cart")
        .to("buyer")
        .on("bought-again")
        .from("buyer")
        .on("joined-club")
        .from("buyer")
        .to("loyal")
        .on("left")
        .fromAny()
        .to("lost")
        .build();
  }

  static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  static Instant hours(double h) {
    return T0.plus(Duration.ofMillis((long) (h * 3_600_000)));
  }

  @CanIgnoreReturnValue
  Journal enter(String lead, String channel, @Nullable String owner, Instant at) {
    Funnel.Entry e = funnel.newLead(lead, channel);
    if (owner != null) {
      e.owner(owner);
    }
    return record(e.enter(at));
  }

  @CanIgnoreReturnValue
  Journal enter(String lead, String channel, Instant at) {
    return enter(lead, channel, null, at);
  }

  @CanIgnoreReturnValue
  Journal fire(String lead, String type, Instant at) {
    return record(funnel.fire(lead(lead), Event.of("e" + events++, type, at)));
  }

  @CanIgnoreReturnValue
  Journal buy(String lead, String type, String offer, Money amount, Instant at) {
    return record(
        funnel.fire(
            lead(lead),
            Event.purchase("e" + events++, at).type(type).offer(offer).amount(amount).build()));
  }

  @CanIgnoreReturnValue
  Journal reassign(String lead, String owner, Instant at) {
    return record(
        funnel.reassign(lead(lead), owner, Event.of("e" + events++, Funnel.REASSIGNED, at)));
  }

  private Lead lead(String id) {
    Lead l = leads.get(id);
    if (l == null) {
      throw new IllegalStateException("no lead " + id);
    }
    return l;
  }

  private Journal record(Outcome o) {
    assertTrue(o.isAccepted(), () -> "refused: " + o);
    leads.put(o.lead().id(), o.lead());
    steps.addAll(o.steps());
    return this;
  }

  Report report() {
    return Report.of(funnel, steps);
  }
}
