package dev.funnel.analytics;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.analytics.Counts.Sales;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The money queries of a {@link Report}: revenue in the report's currency and in others, purchases,
 * revenue by offer and by tier, and the averages (check, per lead, LTV), rounded half to even to
 * the currency's minor unit. Money is never converted between currencies. Immutable.
 */
final class Revenue {
  private final Funnel funnel;
  private final Currency currency;
  private final Counts counts;

  Revenue(Funnel funnel, Currency currency, Counts counts) {
    this.funnel = funnel;
    this.currency = currency;
    this.counts = counts;
  }

  /** Returns nothing, in the report's currency. */
  Money zero() {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** Returns what leads paid in the report's currency. */
  Money total() {
    Money total = zero();
    for (Sales s : counts.offers().values()) {
      total = total.plus(s.amount());
    }
    return total;
  }

  /** Returns what leads paid in each currency, the report's first, then others by code. */
  ImmutableMap<Currency, Money> byCurrency() {
    ImmutableMap.Builder<Currency, Money> b = ImmutableMap.builder();
    b.put(currency, total());
    counts.foreignRevenue().forEach((code, money) -> b.put(money.currency(), money));
    return b.buildOrThrow();
  }

  /** Returns what leads paid in one currency, by ISO 4217 code. */
  Money in(String code) {
    Money zero = Money.zero(code);
    if (zero.currency().equals(currency)) {
      return total();
    }
    Money paid = counts.foreignRevenue().get(zero.currency().getCurrencyCode());
    return paid == null ? zero : paid;
  }

  /** Returns how many purchases were made in the report's currency. */
  long purchases() {
    long n = 0;
    for (Sales s : counts.offers().values()) {
      n += s.count();
    }
    return n;
  }

  /** Returns the revenue of each offer bought, in the report's offer order. */
  ImmutableMap<String, Money> byOffer() {
    ImmutableMap.Builder<String, Money> b = ImmutableMap.builder();
    for (String id : counts.offerOrder(funnel)) {
      b.put(id, requireNonNull(counts.offers().get(id)).amount());
    }
    return b.buildOrThrow();
  }

  /** Returns the number of purchases of each offer bought, in the report's offer order. */
  ImmutableMap<String, Long> purchasesByOffer() {
    ImmutableMap.Builder<String, Long> b = ImmutableMap.builder();
    for (String id : counts.offerOrder(funnel)) {
      b.put(id, requireNonNull(counts.offers().get(id)).count());
    }
    return b.buildOrThrow();
  }

  /** Returns the revenue by tier of the funnel's offers; undeclared offers are left out. */
  ImmutableMap<Offer.Tier, Money> byTier() {
    Map<Offer.Tier, Money> byTier = new EnumMap<>(Offer.Tier.class);
    counts
        .offers()
        .forEach(
            (id, sales) ->
                funnel
                    .offer(id)
                    .ifPresent(o -> byTier.merge(o.tier(), sales.amount(), Money::plus)));
    return ImmutableMap.copyOf(byTier);
  }

  /** Returns the revenue of offers the funnel does not declare. */
  Money untiered() {
    Money total = zero();
    for (Map.Entry<String, Sales> e : counts.offers().entrySet()) {
      if (funnel.offer(e.getKey()).isEmpty()) {
        total = total.plus(e.getValue().amount());
      }
    }
    return total;
  }

  /** Returns the revenue per purchase, or empty if nothing was bought. */
  Optional<Money> averageCheck() {
    return divide(total(), purchases());
  }

  /** Returns the revenue per lead entered, or empty if no lead entered. */
  Optional<Money> perLead() {
    return divide(total(), counts.entries());
  }

  /** Returns the revenue per buyer, or empty if nobody bought. */
  Optional<Money> ltv() {
    return divide(total(), counts.buyers());
  }

  private static Optional<Money> divide(Money total, long n) {
    if (n == 0) {
      return Optional.empty();
    }
    BigDecimal each =
        total
            .amount()
            .divide(BigDecimal.valueOf(n), total.amount().scale(), RoundingMode.HALF_EVEN);
    return Optional.of(new Money(each, total.currency()));
  }
}
