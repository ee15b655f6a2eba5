package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount of money in one currency, held as an exact decimal scaled to the currency's minor unit
 * (so {@code 9.9 EUR} and {@code 9.90 EUR} are the same value). Arithmetic refuses to mix
 * currencies. Instances are immutable and thread-safe.
 *
 * @param amount the exact amount, scaled to the currency's default fraction digits
 * @param currency the currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  /**
   * Creates a money value, rescaling the amount to the currency's minor unit.
   *
   * @param amount the exact amount, scaled to the currency's default fraction digits
   * @param currency the currency
   * @throws IllegalArgumentException if the amount has more fraction digits than the currency
   */
  public Money {
    requireNonNull(amount, "amount");
    requireNonNull(currency, "currency");
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    checkArgument(
        amount.stripTrailingZeros().scale() <= digits,
        "amount has more than %s fraction digits for currency %s",
        digits,
        currency.getCurrencyCode());
    amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
  }

  /**
   * Returns the money value for a decimal string and an ISO 4217 currency code.
   *
   * @param amount a plain decimal such as {@code "9.90"}
   * @param currency an ISO 4217 code such as {@code "EUR"}
   * @return the money value
   * @throws IllegalArgumentException if the amount is not a decimal number, the currency is unknown
   *     or the amount too precise
   */
  public static Money of(String amount, String currency) {
    requireNonNull(amount, "amount");
    requireNonNull(currency, "currency");
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(amount);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("money amount is not a decimal number", e);
    }
    return new Money(decimal, currency(currency));
  }

  /**
   * Returns the money value for an exact decimal and an ISO 4217 currency code.
   *
   * @param amount the amount
   * @param currency an ISO 4217 code such as {@code "EUR"}
   * @return the money value
   * @throws IllegalArgumentException if the currency is unknown or the amount too precise
   */
  public static Money of(BigDecimal amount, String currency) {
    requireNonNull(amount, "amount");
    return new Money(amount, currency(currency));
  }

  /**
   * Returns zero in the given currency.
   *
   * @param currency an ISO 4217 code such as {@code "EUR"}
   * @return zero of that currency
   * @throws IllegalArgumentException if the currency is unknown
   */
  public static Money zero(String currency) {
    return new Money(BigDecimal.ZERO, currency(currency));
  }

  static Currency currency(String code) {
    requireNonNull(code, "currency");
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown currency code '" + code + "'", e);
    }
  }

  /**
   * Returns the sum of this and another amount of the same currency.
   *
   * @param other the amount to add
   * @return the sum
   * @throws IllegalArgumentException if the currencies differ
   */
  public Money plus(Money other) {
    checkSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /**
   * Returns this amount minus another amount of the same currency.
   *
   * @param other the amount to subtract
   * @return the difference, possibly negative
   * @throws IllegalArgumentException if the currencies differ
   */
  public Money minus(Money other) {
    checkSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  /**
   * Returns this amount multiplied by a whole number.
   *
   * @param factor the multiplier
   * @return the product
   */
  public Money times(long factor) {
    return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
  }

  /**
   * Returns whether the amount is zero.
   *
   * @return whether the amount is zero
   */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /**
   * Returns whether the amount is below zero.
   *
   * @return whether the amount is below zero
   */
  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /**
   * Compares two amounts of the same currency.
   *
   * @throws IllegalArgumentException if the currencies differ
   */
  @Override
  public int compareTo(Money other) {
    checkSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  /**
   * Returns whether this amount has the same currency as another.
   *
   * @param other the other amount
   * @return whether this amount has the same currency as another
   */
  public boolean isSameCurrency(Money other) {
    return currency.equals(other.currency);
  }

  private void checkSameCurrency(Money other) {
    requireNonNull(other, "other");
    checkArgument(
        currency.equals(other.currency),
        "cannot combine %s with %s",
        currency.getCurrencyCode(),
        other.currency.getCurrencyCode());
  }

  /**
   * Returns the amount and currency, such as {@code "9.90 EUR"}.
   *
   * @return the amount and currency, such as {@code "9.90 EUR"}
   */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
