package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableSet;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class PurchasesTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Money EUR = Money.of("9.90", "EUR");

  private static FunnelBuilder shop() {
    return Funnel.builder("shop")
        .stage("visitor")
        .entry()
        .stage("buyer")
        .won()
        .offer(Offer.tripwire("mini-set", EUR))
        .on("paid")
        .from("visitor")
        .to("buyer");
  }

  private static Event paid(String offer, Money amount) {
    return Event.builder("evt-1", "paid", T0).offer(offer).amount(amount).build();
  }

  @Test
  void fire_undeclaredOffer_isRefusedAsUnknownOffer() {
    Funnel f = shop().build();
    Lead lead = f.enter("lead-1", "ads", T0).lead();
    Outcome out = f.fire(lead, paid("big-set", EUR));
    assertEquals(Optional.of(Outcome.Refusal.UNKNOWN_OFFER), out.refusal());
    assertSame(lead, out.lead());
  }

  @Test
  void fire_undeclaredOfferWithoutAmount_isRefusedAsUnknownOffer() {
    Funnel f = shop().build();
    Lead lead = f.enter("lead-1", "ads", T0).lead();
    Event declined = Event.decline("evt-1", "big-set", T0);
    Funnel withDecline = shop().on(Event.DECLINED).from("visitor").build();
    assertEquals(
        Optional.of(Outcome.Refusal.UNKNOWN_OFFER),
        withDecline.fire(withDecline.enter("lead-1", "ads", T0).lead(), declined).refusal());
    assertEquals(Optional.of(Outcome.Refusal.UNKNOWN_OFFER), f.fire(lead, declined).refusal());
  }

  @Test
  void fire_declaredOffer_isAccepted() {
    Funnel f = shop().build();
    Outcome out = f.fire(f.enter("lead-1", "ads", T0).lead(), paid("mini-set", EUR));
    assertEquals(Outcome.Status.MOVED, out.status());
    assertEquals(1, out.lead().purchases().size());
  }

  @Test
  void fire_amountInAnUnstatedCurrency_isRefusedAsForeignCurrency() {
    Funnel f = shop().currency("EUR").build();
    Lead lead = f.enter("lead-1", "ads", T0).lead();
    Outcome out = f.fire(lead, paid("mini-set", Money.of("9.90", "USD")));
    assertEquals(Optional.of(Outcome.Refusal.FOREIGN_CURRENCY), out.refusal());
    assertSame(lead, out.lead());
  }

  @Test
  void fire_amountInAnyStatedCurrency_isAccepted() {
    Funnel f = shop().currency("EUR").currency("USD").build();
    Outcome out =
        f.fire(f.enter("lead-1", "ads", T0).lead(), paid("mini-set", Money.of("10.50", "USD")));
    assertTrue(out.isAccepted());
    assertEquals(Money.of("10.50", "USD"), out.lead().purchases().get(0).amount());
  }

  @Test
  void fire_noCurrencyStated_takesAnyCurrency() {
    Funnel f = shop().build();
    Outcome out =
        f.fire(f.enter("lead-1", "ads", T0).lead(), paid("mini-set", Money.of("1200", "JPY")));
    assertTrue(out.isAccepted());
  }

  @Test
  void reassign_amountInAnUnstatedCurrency_isRefused() {
    Funnel f = shop().currency("EUR").build();
    Lead lead = f.enter("lead-1", "ads", T0).lead();
    Outcome out = f.reassign(lead, "anna", paid("mini-set", Money.of("9.90", "GBP")));
    assertEquals(Optional.of(Outcome.Refusal.FOREIGN_CURRENCY), out.refusal());
  }

  @Test
  void fire_duplicateOfAnAcceptedPurchase_isStillADuplicate() {
    Funnel f = shop().build();
    Lead bought = f.fire(f.enter("lead-1", "ads", T0).lead(), paid("mini-set", EUR)).lead();
    // The screen asks duplicate, terminal and stale before it looks at the offer.
    assertEquals(
        Optional.of(Outcome.Refusal.DUPLICATE), f.fire(bought, paid("nope", EUR)).refusal());
  }

  @Test
  void currencies_areKeptInTheOrderStated_andCopiedByToBuilder() {
    Funnel f = shop().currency("USD").currency("EUR").build();
    assertEquals(
        ImmutableSet.of(Currency.getInstance("USD"), Currency.getInstance("EUR")), f.currencies());
    assertEquals(f, f.toBuilder().build());
    assertEquals(ImmutableSet.of(), shop().build().currencies());
  }

  @Test
  void build_offerPricedInAnUnstatedCurrency_isReported() {
    FunnelDefinitionException e =
        assertThrows(FunnelDefinitionException.class, () -> shop().currency("USD").build());
    Problem p = e.problems().get(0);
    assertEquals(Problem.Code.INVALID_OFFER, p.code());
    assertEquals(
        "offer 'mini-set' is priced in EUR, a currency the funnel does not state", p.message());
  }

  @Test
  void currency_statedTwice_isAMistake() {
    FunnelBuilder b = shop().currency("EUR");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.currency("EUR"));
    assertEquals("currency EUR was already stated", e.getMessage());
  }

  @Test
  void currency_unknownCode_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> shop().currency("XYZ1"));
  }
}
