package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

final class MoneyTest {
  private static final Money EUR_9_90 = Money.of("9.90", "EUR");

  @Test
  void of_scaleIsNormalisedToTheMinorUnit() {
    Money a = Money.of("9.9", "EUR");
    Money b = Money.of("9.90", "EUR");
    Money c = Money.of(new BigDecimal("9.900"), "EUR");

    assertEquals(b, a);
    assertEquals(b, c);
    assertEquals(b.hashCode(), a.hashCode());
    assertEquals(new BigDecimal("9.90"), a.amount());
    assertEquals(2, a.amount().scale());
  }

  @Test
  void of_wholeAmount_isScaledToMinorUnit() {
    assertEquals(new BigDecimal("49.00"), Money.of("49", "EUR").amount());
    assertEquals(new BigDecimal("1000.00"), Money.of(new BigDecimal("1E+3"), "EUR").amount());
    assertEquals(new BigDecimal("500"), Money.of("500", "JPY").amount());
  }

  @Test
  void of_tooManyFractionDigits_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> Money.of("9.999", "EUR"));
    assertThrows(IllegalArgumentException.class, () -> Money.of("1.5", "JPY"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Money(new BigDecimal("0.001"), Currency.getInstance("USD")));
  }

  @Test
  void of_notADecimal_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> Money.of("nine", "EUR"));
    assertThrows(IllegalArgumentException.class, () -> Money.of("", "EUR"));
  }

  @Test
  void of_unknownCurrency_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> Money.of("9.90", "QQQ"));
    assertThrows(IllegalArgumentException.class, () -> Money.of(BigDecimal.ONE, "euro"));
    assertThrows(IllegalArgumentException.class, () -> Money.zero("XX"));
  }

  @Test
  void plus_addsAmounts() {
    assertEquals(Money.of("19.80", "EUR"), EUR_9_90.plus(EUR_9_90));
    assertEquals(Money.of("10", "EUR"), EUR_9_90.plus(Money.of("0.1", "EUR")));
  }

  @Test
  void minus_subtractsAndMayGoNegative() {
    assertEquals(Money.of("0.90", "EUR"), EUR_9_90.minus(Money.of("9", "EUR")));
    Money negative = Money.of("9", "EUR").minus(EUR_9_90);
    assertEquals(Money.of("-0.90", "EUR"), negative);
    assertTrue(negative.isNegative());
  }

  @Test
  void times_multipliesByWholeNumber() {
    assertEquals(Money.of("29.70", "EUR"), EUR_9_90.times(3));
    assertEquals(Money.zero("EUR"), EUR_9_90.times(0));
    assertEquals(Money.of("-9.90", "EUR"), EUR_9_90.times(-1));
  }

  @Test
  void arithmetic_mixedCurrencies_throwsIae() {
    Money usd = Money.of("9.90", "USD");

    assertThrows(IllegalArgumentException.class, () -> EUR_9_90.plus(usd));
    assertThrows(IllegalArgumentException.class, () -> EUR_9_90.minus(usd));
  }

  @Test
  void compareTo_sameCurrency_ordersByAmount() {
    assertTrue(EUR_9_90.compareTo(Money.of("10", "EUR")) < 0);
    assertTrue(Money.of("10", "EUR").compareTo(EUR_9_90) > 0);
    assertEquals(0, EUR_9_90.compareTo(Money.of("9.9", "EUR")));
  }

  @Test
  void compareTo_mixedCurrencies_throwsIae() {
    assertThrows(IllegalArgumentException.class, () -> EUR_9_90.compareTo(Money.of("1", "USD")));
  }

  @Test
  void isSameCurrency_comparesCurrenciesOnly() {
    assertTrue(EUR_9_90.isSameCurrency(Money.of("1", "EUR")));
    assertFalse(EUR_9_90.isSameCurrency(Money.of("9.90", "USD")));
  }

  @Test
  void equals_sameAmountOtherCurrency_isNotEqual() {
    assertNotEquals(EUR_9_90, Money.of("9.90", "USD"));
  }

  @Test
  void zero_isZeroAndNotNegative() {
    Money zero = Money.zero("EUR");

    assertTrue(zero.isZero());
    assertFalse(zero.isNegative());
    assertEquals(Money.of("0.00", "EUR"), zero);
    assertFalse(EUR_9_90.isZero());
  }

  @Test
  void toString_showsPlainAmountAndCode() {
    assertEquals("9.90 EUR", Money.of("9.9", "EUR").toString());
    assertEquals("1000.00 EUR", Money.of(new BigDecimal("1E+3"), "EUR").toString());
  }
}
