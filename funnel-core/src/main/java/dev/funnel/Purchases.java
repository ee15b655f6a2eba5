package dev.funnel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/**
 * What a funnel accepts of an event's offer and amount: only offers it declares, and, where it
 * states its currencies, amounts in one of them. An event that breaks either is refused, so no
 * money enters a lead that the funnel's figures cannot account for. Immutable and thread-safe.
 */
final class Purchases {
  private final ImmutableSet<String> offers;
  private final ImmutableSet<Currency> currencies;

  Purchases(ImmutableList<Offer> offers, ImmutableSet<Currency> currencies) {
    ImmutableSet.Builder<String> ids = ImmutableSet.builderWithExpectedSize(offers.size());
    for (Offer o : offers) {
      ids.add(o.id());
    }
    this.offers = ids.build();
    this.currencies = currencies;
  }

  /**
   * Returns why an event's offer or amount is refused, or null if it names no offer or a fit one.
   */
  Outcome.@Nullable Refusal screen(Event event) {
    String offer = event.offerOrNull();
    if (offer == null) {
      return null; // an amount needs an offer, so the usual event ends here
    }
    if (!offers.contains(offer)) {
      return Outcome.Refusal.UNKNOWN_OFFER;
    }
    Money amount = event.amountOrNull();
    if (amount != null && !currencies.isEmpty() && !currencies.contains(amount.currency())) {
      return Outcome.Refusal.FOREIGN_CURRENCY;
    }
    return null;
  }
}
