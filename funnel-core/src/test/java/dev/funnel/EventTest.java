package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class EventTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Money PRICE = Money.of("9.90", "EUR");
  private static final String EMAIL = "jane.doe@example.com";
  private static final String PHONE = "+49 170 1234567";

  @Test
  void of_hasIdTypeAndTimeOnly() {
    Event e = Event.of("e1", "contact-left", T0);

    assertEquals("e1", e.id());
    assertEquals("contact-left", e.type());
    assertEquals(T0, e.at());
    assertEquals(ImmutableMap.of(), e.payload());
    assertEquals(Optional.empty(), e.offer());
    assertEquals(Optional.empty(), e.amount());
    assertEquals(Optional.empty(), e.actor());
    assertEquals(Optional.empty(), e.reason());
  }

  @Test
  void purchase_namesOfferAndAmount() {
    Event e = Event.purchase("e1", T0).type("paid").offer("mini-set").amount(PRICE).build();

    assertEquals("paid", e.type());
    assertEquals(Optional.of("mini-set"), e.offer());
    assertEquals(Optional.of(PRICE), e.amount());
  }

  @Test
  void builder_setsPayloadOfferActorAndReason() {
    Event e =
        Event.builder("e1", "declined", T0)
            .payload("total", 120)
            .payload(ImmutableMap.of("country", "DE", "express", true))
            .offer("mini-set")
            .actor("anna")
            .reason("too-expensive")
            .build();

    assertEquals(ImmutableMap.of("total", 120L, "country", "DE", "express", true), e.payload());
    assertEquals(Optional.of("mini-set"), e.offer());
    assertEquals(Optional.empty(), e.amount());
    assertEquals(Optional.of("anna"), e.actor());
    assertEquals(Optional.of("too-expensive"), e.reason());
  }

  @Test
  void builder_typeCanBeChanged() {
    Event e = Event.builder("e1", "draft", T0).type("paid").build();

    assertEquals("paid", e.type());
  }

  @Test
  void builder_amountWithoutOffer_throwsIae() {
    Event.Builder b = Event.builder("e1", "paid", T0).amount(PRICE);

    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void of_blankIdOrType_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> Event.of("", "paid", T0));
    assertThrows(IllegalArgumentException.class, () -> Event.of("e1", " ", T0));
    assertThrows(IllegalArgumentException.class, () -> Event.of(" e1", "paid", T0));
  }

  @Test
  @SuppressWarnings("JavaUtilDate") // a Date is the unsupported value the test passes
  void payload_unsupportedValueType_throwsIae() {
    Event.Builder b = Event.builder("e1", "paid", T0);

    assertThrows(IllegalArgumentException.class, () -> b.payload("when", new Date()));
    assertThrows(IllegalArgumentException.class, () -> b.payload("tags", List.of("a")));
    assertThrows(IllegalArgumentException.class, () -> b.payload("ratio", Double.NaN));
  }

  @Test
  void payload_numbersAreNormalisedToLongOrDecimal() {
    Event e =
        Event.builder("e1", "paid", T0)
            .payload("int", 7)
            .payload("short", (short) 7)
            .payload("big", BigInteger.valueOf(7))
            .payload("whole-decimal", new BigDecimal("7"))
            .payload("decimal", new BigDecimal("7.50"))
            .payload("double", 7.5d)
            .build();

    assertEquals(7L, e.payload().get("int"));
    assertEquals(7L, e.payload().get("short"));
    assertEquals(7L, e.payload().get("big"));
    assertEquals(7L, e.payload().get("whole-decimal"));
    assertEquals(new BigDecimal("7.5"), e.payload().get("decimal"));
    assertEquals(new BigDecimal("7.5"), e.payload().get("double"));
  }

  @Test
  void payload_equalNumbersWrittenDifferently_normaliseToEqualValues() {
    Event a =
        Event.builder("e1", "paid", T0)
            .payload("whole", new BigDecimal("5.0"))
            .payload("total", new BigDecimal("7.50"))
            .build();
    Event b = Event.builder("e1", "paid", T0).payload("whole", 5.0d).payload("total", 7.5d).build();
    Event c =
        Event.builder("e1", "paid", T0)
            .payload("whole", 5)
            .payload("total", new BigDecimal("7.500"))
            .build();

    assertEquals(a, b);
    assertEquals(a, c);
    assertEquals(a.hashCode(), c.hashCode());
    assertEquals(5L, a.payload().get("whole"));
  }

  @Test
  void toBuilder_build_equalsOriginal() {
    Event e =
        Event.builder("e1", "paid", T0)
            .payload("total", 120)
            .offer("mini-set")
            .amount(PRICE)
            .actor("anna")
            .reason("phone-order")
            .build();

    Event copy = e.toBuilder().build();

    assertEquals(e, copy);
    assertEquals(e.hashCode(), copy.hashCode());
  }

  @Test
  void equals_differsInAnyField_isNotEqual() {
    Event e = Event.purchase("e1", T0).type("paid").offer("mini-set").amount(PRICE).build();

    assertNotEquals(
        e, Event.purchase("e2", T0).type("paid").offer("mini-set").amount(PRICE).build());
    assertNotEquals(
        e, Event.purchase("e1", T0).type("refunded").offer("mini-set").amount(PRICE).build());
    assertNotEquals(
        e,
        Event.purchase("e1", T0.plusSeconds(1))
            .type("paid")
            .offer("mini-set")
            .amount(PRICE)
            .build());
    assertNotEquals(e, Event.purchase("e1", T0).type("paid").offer("kit").amount(PRICE).build());
    assertNotEquals(
        e,
        Event.purchase("e1", T0)
            .type("paid")
            .offer("mini-set")
            .amount(Money.of("9.91", "EUR"))
            .build());
    assertNotEquals(e, e.toBuilder().payload("x", 1).build());
    assertNotEquals(e, e.toBuilder().actor("anna").build());
    assertNotEquals(e, e.toBuilder().reason("r").build());
  }

  @Test
  void toString_showsIdsAndPayloadNamesButNoPayloadValues() {
    Event e =
        Event.builder("e1", "contact-left", T0)
            .payload("email", EMAIL)
            .payload("phone", PHONE)
            .build();

    String text = e.toString();

    assertTrue(text.contains("e1"));
    assertTrue(text.contains("contact-left"));
    assertTrue(text.contains("email"));
    assertFalse(text.contains(EMAIL));
    assertFalse(text.contains(PHONE));
  }

  @Test
  void purchase_namesOfferAndAmountByMethod_andIsOfTypePurchasedByDefault() {
    Event e = Event.purchase("e1", T0).offer("mini-set").amount(PRICE).build();

    assertEquals(Event.PURCHASED, e.type());
    assertEquals(Optional.of("mini-set"), e.offer());
    assertEquals(Optional.of(PRICE), e.amount());
    assertEquals(
        "paid",
        Event.purchase("e1", T0).type("paid").offer("mini-set").amount(PRICE).build().type());
  }

  @Test
  void purchase_withoutOfferOrAmount_throwsIse() {
    IllegalStateException noAmount =
        assertThrows(
            IllegalStateException.class, () -> Event.purchase("e1", T0).offer("mini-set").build());
    assertEquals(
        "purchase event 'e1' needs the offer bought and the amount paid", noAmount.getMessage());
    assertThrows(IllegalStateException.class, () -> Event.purchase("e1", T0).build());
  }

  @Test
  void payload_anImmutableMapGivenFirst_isKeptAsIs() {
    ImmutableMap<String, Object> payload =
        ImmutableMap.of("country", "DE", "total", 120L, "express", true);

    Event e = Event.builder("e1", "paid", T0).payload(payload).build();

    assertSame(payload, e.payload());
  }

  @Test
  void payload_afterAMapKeptAsIs_refusesItsNamesAndKeepsTheOrder() {
    Event.Builder b =
        Event.builder("e1", "paid", T0).payload(ImmutableMap.of("country", "DE", "total", 120L));

    IllegalStateException again =
        assertThrows(IllegalStateException.class, () -> b.payload("total", 5));
    b.payload("express", true);

    assertEquals("payload value 'total' was already set", again.getMessage());
    assertEquals(List.of("country", "total", "express"), List.copyOf(b.build().payload().keySet()));
  }

  @Test
  void payload_aMapOfValuesToNormalise_isCopiedNormalised() {
    ImmutableMap<String, Object> given =
        ImmutableMap.of("total", 120, "rate", new BigDecimal("1.50"));

    Event e = Event.builder("e1", "paid", T0).payload(given).build();

    assertEquals(ImmutableMap.of("total", 120L, "rate", new BigDecimal("1.5")), e.payload());
  }
}
