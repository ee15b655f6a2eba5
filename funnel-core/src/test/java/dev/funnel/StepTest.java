package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

final class StepTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Money PRICE = Money.of("9.90", "EUR");
  private static final String EMAIL = "jane.doe@example.com";
  private static final String PHONE = "+49 170 1234567";

  private static final Funnel FUNNEL =
      Funnel.builder("shop")
          .stage("visitor")
          .entry()
          .stage("lead")
          .stage("buyer")
          .won()
          .offer(Offer.tripwire("mini-set", PRICE))
          .on("contact-left")
          .from("visitor")
          .to("lead")
          .then(Actions.set("phone", PHONE))
          .on("again")
          .from("lead")
          .to("lead")
          .on("paid")
          .from("lead")
          .to("buyer")
          .build();

  private static Lead visitor() {
    return FUNNEL.newLead("lead-1", "ads").attribute("email", EMAIL).enter(T0).lead();
  }

  @Test
  void entryStep_isEntryNotMoveNotPurchase() {
    Step step = FUNNEL.enter("lead-1", "ads", T0).steps().get(0);

    assertTrue(step.isEntry());
    assertFalse(step.isMove());
    assertFalse(step.isPurchase());
  }

  @Test
  void moveStep_isMove() {
    Step step = FUNNEL.fire(visitor(), Event.of("e1", "contact-left", T0)).steps().get(0);

    assertFalse(step.isEntry());
    assertTrue(step.isMove());
    assertEquals("visitor", step.from());
    assertEquals("lead", step.to());
  }

  @Test
  void reenteringSameStage_isNotAMove() {
    Lead lead = FUNNEL.fire(visitor(), Event.of("e1", "contact-left", T0)).lead();

    Step step = FUNNEL.fire(lead, Event.of("e2", "again", T0)).steps().get(0);

    assertFalse(step.isMove());
    assertFalse(step.isEntry());
  }

  @Test
  void purchaseStep_isPurchaseWithOfferAndAmount() {
    Lead lead = FUNNEL.fire(visitor(), Event.of("e1", "contact-left", T0)).lead();

    Step step =
        FUNNEL
            .fire(
                lead, Event.purchase("e2", T0).type("paid").offer("mini-set").amount(PRICE).build())
            .steps()
            .get(0);

    assertTrue(step.isPurchase());
    assertEquals("mini-set", step.offer());
    assertEquals(PRICE, step.amount());
  }

  @Test
  void toString_holdsNoAttributeOrPayloadValues() {
    Event contact =
        Event.builder("e1", "contact-left", T0)
            .payload("email", EMAIL)
            .payload("phone", PHONE)
            .build();

    Step entry = FUNNEL.newLead("lead-1", "ads").attribute("email", EMAIL).enter(T0).steps().get(0);
    Step move = FUNNEL.fire(visitor(), contact).steps().get(0);

    for (Step step : new Step[] {entry, move}) {
      String text = step.toString();
      assertTrue(text.contains("lead-1"), text);
      assertFalse(text.contains(EMAIL), text);
      assertFalse(text.contains(PHONE), text);
    }
  }
}
