package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.funnel.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The figures of one acquisition channel. Given what was spent on the channel, it also answers the
 * cost of acquiring a customer (CAC), the return on ad spend (ROAS) and the return on investment
 * (ROI). Immutable and thread-safe.
 *
 * <p>A lead converts when it first buys something, first reaches a {@linkplain
 * dev.funnel.Stage.Kind#WON won} stage or a stage {@linkplain dev.funnel.Stage#isConversion()
 * marked as a conversion}, or reaches a goal, whichever comes first; it converts once.
 *
 * @param channel the channel's id
 * @param leads how many leads entered the funnel from this channel
 * @param converted how many of its leads converted
 * @param won how many of its leads reached a won stage
 * @param lost how many of its leads reached a lost stage
 * @param junk how many of its leads were rejected as junk
 * @param purchases how many purchases its leads made
 * @param buyers how many of its leads bought at least once
 * @param revenue what its leads paid
 */
public record ChannelFigures(
    String channel,
    long leads,
    long converted,
    long won,
    long lost,
    long junk,
    long purchases,
    long buyers,
    Money revenue) {

  /**
   * Creates the figures.
   *
   * @param channel the channel's id
   * @param leads how many leads entered the funnel from this channel
   * @param converted how many of its leads converted
   * @param won how many of its leads reached a won stage
   * @param lost how many of its leads reached a lost stage
   * @param junk how many of its leads were rejected as junk
   * @param purchases how many purchases its leads made
   * @param buyers how many of its leads bought at least once
   * @param revenue what its leads paid
   */
  public ChannelFigures {
    requireNonNull(channel, "channel");
    requireNonNull(revenue, "revenue");
  }

  /**
   * Returns the share of the channel's leads that converted: {@code converted / leads}.
   *
   * @return the share of the channel's leads that converted: {@code converted / leads}
   */
  public Ratio conversion() {
    return Ratio.of(converted, leads);
  }

  /**
   * Returns the share of the channel's leads rejected as junk: {@code junk / leads}.
   *
   * @return the share of the channel's leads rejected as junk: {@code junk / leads}
   */
  public Ratio junkRate() {
    return Ratio.of(junk, leads);
  }

  /**
   * Returns the cost of acquiring a customer: {@code spend / converted}, rounded half to even to
   * the currency's minor unit.
   *
   * @param spend what was spent on the channel
   * @return the cost per converted lead, or empty if none converted
   * @throws IllegalArgumentException if the spend is in another currency or negative
   */
  public Optional<Money> cac(Money spend) {
    checkSpend(spend);
    if (converted == 0) {
      return Optional.empty();
    }
    int digits = spend.amount().scale();
    BigDecimal each =
        spend.amount().divide(BigDecimal.valueOf(converted), digits, RoundingMode.HALF_EVEN);
    return Optional.of(new Money(each, spend.currency()));
  }

  /**
   * Returns the return on ad spend: {@code revenue / spend}.
   *
   * @param spend what was spent on the channel
   * @return the ratio, undefined if nothing was spent
   * @throws IllegalArgumentException if the spend is in another currency or negative
   */
  public Ratio roas(Money spend) {
    checkSpend(spend);
    return Ratio.of(revenue, spend);
  }

  /**
   * Returns the return on investment: {@code (revenue - spend) / spend}.
   *
   * @param spend what was spent on the channel
   * @return the ratio, negative for a loss, undefined if nothing was spent
   * @throws IllegalArgumentException if the spend is in another currency or negative
   */
  public Ratio roi(Money spend) {
    checkSpend(spend);
    return new Ratio(revenue.minus(spend).amount(), spend.amount());
  }

  private void checkSpend(Money spend) {
    requireNonNull(spend, "spend");
    checkArgument(
        spend.isSameCurrency(revenue),
        "spend on channel '%s' is in %s but revenue in %s",
        channel,
        spend.currency().getCurrencyCode(),
        revenue.currency().getCurrencyCode());
    checkArgument(!spend.isNegative(), "spend on channel '%s' is negative", channel);
  }

  ChannelFigures plus(ChannelFigures o) {
    return new ChannelFigures(
        channel,
        leads + o.leads,
        converted + o.converted,
        won + o.won,
        lost + o.lost,
        junk + o.junk,
        purchases + o.purchases,
        buyers + o.buyers,
        revenue.plus(o.revenue));
  }
}
