package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class OfferTest {
  private static final Money PRICE = Money.of("9.90", "EUR");

  @Test
  void leadMagnet_isFreeAndNamedAfterItsId() {
    Offer o = Offer.leadMagnet("coupon-500");

    assertEquals("coupon-500", o.id());
    assertEquals("coupon-500", o.name());
    assertEquals(Offer.Tier.LEAD_MAGNET, o.tier());
    assertNull(o.price());
    assertTrue(o.isFree());
  }

  @Test
  void pricedFactories_setTierAndPrice() {
    assertEquals(
        new Offer("mini-set", Offer.Tier.TRIPWIRE, "mini-set", PRICE),
        Offer.tripwire("mini-set", PRICE));
    assertEquals(
        new Offer("board", Offer.Tier.CORE_PRODUCT, "board", PRICE),
        Offer.coreProduct("board", PRICE));
    assertEquals(
        new Offer("gear", Offer.Tier.PROFIT_MAXIMIZER, "gear", PRICE),
        Offer.profitMaximizer("gear", PRICE));
    assertFalse(Offer.tripwire("mini-set", PRICE).isFree());
  }

  @Test
  void isFree_zeroPrice_isFree() {
    assertTrue(new Offer("trial", Offer.Tier.TRIPWIRE, "Trial", Money.zero("EUR")).isFree());
  }

  @Test
  void named_changesOnlyTheName() {
    Offer o = Offer.tripwire("mini-set", PRICE).named("Mini set");

    assertEquals(new Offer("mini-set", Offer.Tier.TRIPWIRE, "Mini set", PRICE), o);
  }

  @Test
  void offer_negativePrice_throwsIae() {
    assertThrows(
        IllegalArgumentException.class, () -> Offer.coreProduct("board", Money.of("-1", "EUR")));
  }

  @Test
  void offer_blankId_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> Offer.leadMagnet(" "));
  }
}
