package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class OutcomeTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String EMAIL = "jane.doe@example.com";
  private static final String PHONE = "+49 170 1234567";

  private static final Funnel FUNNEL =
      Funnel.builder("shop")
          .stage("visitor")
          .entry()
          .stage("lead")
          .stage("buyer")
          .won()
          .on("contact-left")
          .from("visitor")
          .to("lead")
          .then(Actions.send("welcome-1"))
          .on("note")
          .fromAny()
          .then(Actions.set("noted", true))
          .on("paid")
          .from("lead")
          .to("buyer")
          .after(Duration.ofDays(1))
          .in("lead")
          .fire("note")
          .build();

  private static Lead visitor() {
    return FUNNEL
        .newLead("lead-1", "ads")
        .attribute("email", EMAIL)
        .attribute("phone", PHONE)
        .enter(T0)
        .lead();
  }

  @Test
  void entered_isAcceptedWithOneEntryStep() {
    Outcome out = FUNNEL.enter("lead-1", "ads", T0);

    assertEquals(Outcome.Status.ENTERED, out.status());
    assertTrue(out.isAccepted());
    assertFalse(out.isRefused());
    assertEquals(Optional.empty(), out.refusal());
    assertEquals(1, out.steps().size());
    assertTrue(out.steps().get(0).isEntry());
  }

  @Test
  void moved_isAcceptedWithOneStep() {
    Outcome out = FUNNEL.fire(visitor(), Event.of("e1", "contact-left", T0));

    assertEquals(Outcome.Status.MOVED, out.status());
    assertTrue(out.isAccepted());
    assertFalse(out.isRefused());
    assertEquals(Optional.empty(), out.refusal());
    assertEquals(1, out.steps().size());
    assertTrue(out.steps().get(0).isMove());
  }

  @Test
  void stayed_isAcceptedWithOneStep() {
    Outcome out = FUNNEL.fire(visitor(), Event.of("e1", "note", T0));

    assertEquals(Outcome.Status.STAYED, out.status());
    assertTrue(out.isAccepted());
    assertEquals(ImmutableList.of(Actions.set("noted", true)), out.effects());
    assertEquals(1, out.steps().size());
  }

  @Test
  void refused_hasReasonSameLeadAndNothingElse() {
    Lead lead = visitor();

    Outcome out = FUNNEL.fire(lead, Event.of("e1", "paid", T0));

    assertEquals(Outcome.Status.REFUSED, out.status());
    assertTrue(out.isRefused());
    assertFalse(out.isAccepted());
    assertEquals(Optional.of(Outcome.Refusal.NO_TRANSITION), out.refusal());
    assertSame(lead, out.lead());
    assertEquals(ImmutableList.of(), out.effects());
    assertEquals(ImmutableList.of(), out.steps());
  }

  @Test
  void idle_isNeitherAcceptedNorRefused() {
    Lead lead = visitor();

    Outcome out = FUNNEL.advance(lead, T0.plus(Duration.ofDays(30)));

    assertEquals(Outcome.Status.IDLE, out.status());
    assertFalse(out.isAccepted());
    assertFalse(out.isRefused());
    assertEquals(Optional.empty(), out.refusal());
    assertSame(lead, out.lead());
  }

  @Test
  void toString_showsIdsAndStatusButNoAttributeValues() {
    Lead lead = visitor();
    Event event = Event.builder("e1", "note", T0).payload("email", EMAIL).build();

    for (Outcome out :
        ImmutableList.of(
            FUNNEL.newLead("lead-1", "ads").attribute("email", EMAIL).enter(T0),
            FUNNEL.fire(lead, event),
            FUNNEL.fire(lead, Event.of("e1", "paid", T0)))) {
      String text = out.toString();

      assertTrue(text.contains("lead-1"), text);
      assertTrue(text.contains(out.status().name()), text);
      assertFalse(text.contains(EMAIL), text);
      assertFalse(text.contains(PHONE), text);
    }
  }
}
