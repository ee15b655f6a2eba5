package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.funnel.runtime.Delivery;
import dev.funnel.runtime.EffectKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No public type that holds a lead's or an event's data prints personal data: free text (reasons,
 * actors' notes), attribute and payload values, amounts paid. Definition values (action parameters,
 * offer names, condition operands) are written by the funnel's author and may print.
 */
final class ToStringTest {
  private static final String CANARY = "canary-7f3a";
  private static final Money PAID = Money.of("98765.43", "EUR");
  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

  private static void assertNoCanary(Object value) {
    String s = value.toString();
    assertFalse(s.contains(CANARY), s);
    assertFalse(s.contains("98765"), s);
  }

  private static Funnel funnel() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("buyer")
        .won()
        .offer(Offer.coreProduct("board", Money.of("349", "EUR")))
        .on("paid")
        .from("visitor")
        .to("buyer")
        .build();
  }

  @Test
  void toString_ofEveryValueWithPersonalData_showsNoneOfIt() {
    Event event =
        Event.builder("evt-1", "paid", AT)
            .payload("email", CANARY + "@example.com")
            .payload("note", CANARY)
            .offer("board")
            .amount(PAID)
            .actor("anna")
            .reason("customer said " + CANARY)
            .build();
    Lead lead =
        Lead.builder("lead-1", "shop")
            .stage("visitor", AT)
            .channel("web")
            .attribute("email", CANARY + "@example.com")
            .attribute("phone", CANARY)
            .purchase(new Purchase("board", PAID, AT, "evt-0"))
            .build();
    Funnel funnel = funnel();
    Outcome outcome = funnel.fire(lead, event);
    Step step = outcome.steps().get(0);
    Purchase purchase = new Purchase("board", PAID, AT, "evt-1");
    List<Object> values =
        List.of(
            event,
            lead,
            outcome,
            outcome.lead(),
            step,
            purchase,
            new Delivery(
                new EffectKey("shop", "lead-1", "evt-1", 0), Actions.send("welcome"), AT, lead, 1));
    values.forEach(ToStringTest::assertNoCanary);
  }

  @Test
  void purchase_toString_namesOfferTimeAndEventButNotTheAmount() {
    assertEquals(
        "Purchase{offer=board, at=2026-03-02T09:00:00Z, eventId=evt-1}",
        new Purchase("board", PAID, AT, "evt-1").toString());
  }
}
