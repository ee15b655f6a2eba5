package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import dev.funnel.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * An exact fraction such as a conversion rate ({@code 200/800}) or a return on ad spend ({@code
 * 4300/245}). The numerator and denominator are kept as counted, so a rate still says how many of
 * how many; rounding happens only when a decimal is asked for, half to even. A ratio with a zero
 * denominator is undefined (nothing to divide by, such as the conversion of a stage nobody
 * entered). Immutable and thread-safe.
 *
 * <p>The components are held as counted (without trailing zeros), but equality is by value: {@code
 * 1/4}, {@code 25/100}, {@code 200/800} and {@code 0.5/2} are equal and have the same hash code,
 * though each prints as written. All undefined ratios are equal to each other and to nothing else.
 *
 * @param numerator what is counted; may be negative (a loss)
 * @param denominator what it is counted against; not negative, zero when undefined
 */
public record Ratio(BigDecimal numerator, BigDecimal denominator) {

  /**
   * Creates a ratio.
   *
   * @param numerator what is counted; may be negative (a loss)
   * @param denominator what it is counted against; not negative, zero when undefined
   * @throws IllegalArgumentException if the denominator is negative
   */
  public Ratio {
    requireNonNull(numerator, "numerator");
    requireNonNull(denominator, "denominator");
    checkArgument(denominator.signum() >= 0, "ratio denominator must not be negative");
    numerator = numerator.stripTrailingZeros();
    denominator = denominator.stripTrailingZeros();
  }

  /**
   * Returns the ratio of two counts.
   *
   * @param numerator what is counted
   * @param denominator what it is counted against; not negative
   * @return the ratio
   * @throws IllegalArgumentException if the denominator is negative
   */
  public static Ratio of(long numerator, long denominator) {
    return new Ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
  }

  /**
   * Returns the ratio of two amounts of money of the same currency, such as revenue to spend.
   *
   * @param numerator the amount counted
   * @param denominator the amount it is counted against; not negative
   * @return the ratio
   * @throws IllegalArgumentException if the currencies differ or the denominator is negative
   */
  public static Ratio of(Money numerator, Money denominator) {
    checkArgument(
        numerator.isSameCurrency(denominator),
        "cannot divide %s by %s",
        numerator.currency().getCurrencyCode(),
        denominator.currency().getCurrencyCode());
    return new Ratio(numerator.amount(), denominator.amount());
  }

  /**
   * Returns whether the ratio has a value: its denominator is not zero.
   *
   * @return whether the ratio has a value: its denominator is not zero
   */
  public boolean isDefined() {
    return denominator.signum() != 0;
  }

  /**
   * Returns the ratio as a decimal, rounded half to even.
   *
   * @param scale the number of fraction digits
   * @return the value, such as {@code 0.25} for {@code 200/800} at scale 2
   * @throws IllegalStateException if the ratio is undefined
   */
  public BigDecimal value(int scale) {
    checkState(isDefined(), "ratio %s is undefined", this);
    return numerator.divide(denominator, scale, RoundingMode.HALF_EVEN);
  }

  /**
   * Returns the ratio as a percentage, rounded half to even.
   *
   * @param scale the number of fraction digits of the percentage
   * @return the percentage, such as {@code 6.25} for {@code 50/800} at scale 2
   * @throws IllegalStateException if the ratio is undefined
   */
  public BigDecimal percent(int scale) {
    checkState(isDefined(), "ratio %s is undefined", this);
    return numerator.scaleByPowerOfTen(2).divide(denominator, scale, RoundingMode.HALF_EVEN);
  }

  /**
   * Returns the ratio as the nearest double, or NaN if it is undefined.
   *
   * @return the ratio as the nearest double, or NaN if it is undefined
   */
  public double doubleValue() {
    return isDefined() ? numerator.doubleValue() / denominator.doubleValue() : Double.NaN;
  }

  /**
   * Returns whether two ratios have the same value, such as {@code 1/4} and {@code 200/800}. Two
   * undefined ratios are equivalent to each other and to nothing else.
   *
   * @param other the other ratio
   * @return whether the values are equal
   */
  public boolean isEquivalentTo(Ratio other) {
    if (!isDefined() || !other.isDefined()) {
      return isDefined() == other.isDefined();
    }
    return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator))
        == 0;
  }

  /**
   * Returns whether this ratio is below another. Undefined ratios are below nothing and nothing is
   * below them.
   *
   * @param other the other ratio
   * @return whether both are defined and this value is smaller
   */
  public boolean isBelow(Ratio other) {
    if (!isDefined() || !other.isDefined()) {
      return false;
    }
    return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator))
        < 0;
  }

  /**
   * Returns the product of this ratio and another, unreduced.
   *
   * @param other the other ratio
   * @return the product
   */
  public Ratio times(Ratio other) {
    return new Ratio(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
  }

  /**
   * Returns whether another object is a ratio of the same value (see {@link #isEquivalentTo}).
   *
   * @param o the other object
   * @return whether {@code o} is a ratio of the same value
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Ratio r && isEquivalentTo(r);
  }

  /**
   * Returns a hash of the value, the same for every ratio equal to this one.
   *
   * @return a hash of the value, the same for every ratio equal to this one
   */
  @Override
  public int hashCode() {
    if (!isDefined()) {
      return 0;
    }
    // The value in lowest terms p/q with q > 0: equal values give the same p and q.
    BigInteger p = numerator.unscaledValue();
    BigInteger q = denominator.unscaledValue();
    int shift = numerator.scale() - denominator.scale();
    if (shift > 0) {
      q = q.multiply(BigInteger.TEN.pow(shift));
    } else if (shift < 0) {
      p = p.multiply(BigInteger.TEN.pow(-shift));
    }
    BigInteger gcd = p.gcd(q);
    return 31 * p.divide(gcd).hashCode() + q.divide(gcd).hashCode();
  }

  /**
   * Returns the fraction as written, such as {@code "200/800"}.
   *
   * @return the fraction as written, such as {@code "200/800"}
   */
  @Override
  public String toString() {
    return numerator.toPlainString() + "/" + denominator.toPlainString();
  }
}
