package dev.funnel.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Money;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RatioTest {

  @Test
  void percent_fiftyOfEightHundred_is6point25() {
    assertEquals(new BigDecimal("6.25"), Ratio.of(50, 800).percent(2));
    assertEquals(new BigDecimal("6.2"), Ratio.of(50, 800).percent(1)); // 6.25, half to even
  }

  @Test
  void value_roundsHalfToEven() {
    assertEquals(new BigDecimal("0.12"), Ratio.of(125, 1000).value(2));
    assertEquals(new BigDecimal("0.14"), Ratio.of(135, 1000).value(2));
  }

  @Test
  void equals_keepsCountsButIgnoresTrailingZeros() {
    assertEquals(Ratio.of(200, 800), new Ratio(new BigDecimal("200.00"), new BigDecimal("800")));
    assertTrue(Ratio.of(200, 800).isEquivalentTo(Ratio.of(1, 4)));
    assertEquals("200/800", Ratio.of(200, 800).toString());
  }

  @Test
  void equals_oneQuarterAndTwentyFiveHundredths_areEqualWithOneHashCode() {
    Ratio quarter = Ratio.of(1, 4);
    Ratio hundredths = Ratio.of(25, 100);

    assertEquals(quarter, hundredths);
    assertEquals(quarter.hashCode(), hundredths.hashCode());
    assertEquals(quarter, new Ratio(new BigDecimal("0.5"), new BigDecimal("2.0")));
    assertEquals(
        quarter.hashCode(), new Ratio(new BigDecimal("0.5"), new BigDecimal("2")).hashCode());
    assertEquals("1/4", quarter.toString());
    assertEquals("25/100", hundredths.toString());
    assertFalse(quarter.equals(Ratio.of(1, 3)));
    assertFalse(quarter.equals(Ratio.of(-1, 4)));
    assertEquals(Ratio.of(0, 5), Ratio.of(0, 7));
    assertEquals(Ratio.of(1, 0), Ratio.of(0, 0));
    assertFalse(Ratio.of(0, 0).equals(Ratio.of(0, 1)));
  }

  @Test
  void undefined_zeroDenominator_hasNoValue() {
    Ratio none = Ratio.of(0, 0);

    assertFalse(none.isDefined());
    assertTrue(Double.isNaN(none.doubleValue()));
    assertEquals(
        "ratio 0/0 is undefined",
        assertThrows(IllegalStateException.class, () -> none.percent(2)).getMessage());
    assertEquals(
        "ratio 3/0 is undefined",
        assertThrows(IllegalStateException.class, () -> Ratio.of(3, 0).value(2)).getMessage());
    assertFalse(none.isBelow(Ratio.of(1, 2)));
    assertTrue(none.isEquivalentTo(Ratio.of(0, 0)));
  }

  @Test
  void of_money_dividesAmountsOfOneCurrency() {
    Ratio roas = Ratio.of(Money.of("4300", "EUR"), Money.of("245", "EUR"));

    assertTrue(roas.isEquivalentTo(Ratio.of(4300, 245)));
    assertThrows(
        IllegalArgumentException.class, () -> Ratio.of(Money.of("1", "EUR"), Money.of("1", "USD")));
  }

  @Test
  void new_negativeDenominator_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> Ratio.of(1, -2));
  }

  @Test
  void isBelow_comparesExactly() {
    assertTrue(Ratio.of(1, 3).isBelow(Ratio.of(334, 1000)));
    assertFalse(Ratio.of(1, 4).isBelow(Ratio.of(25, 100)));
    assertEquals(Ratio.of(2, 12), Ratio.of(1, 3).times(Ratio.of(2, 4)));
  }

  @Test
  void hashCode_differentValues_spreadOverDifferentHashCodes() {
    List<Ratio> values =
        List.of(
            Ratio.of(1, 4),
            Ratio.of(1, 3),
            Ratio.of(3, 4),
            Ratio.of(-1, 4),
            Ratio.of(4, 1),
            new Ratio(new BigDecimal("0.1"), BigDecimal.ONE),
            new Ratio(BigDecimal.ONE, new BigDecimal("0.1")));
    Set<Integer> hashes = new HashSet<>();
    for (Ratio r : values) {
      hashes.add(r.hashCode());
    }

    assertEquals(values.size(), hashes.size(), () -> "hash codes " + hashes);
    assertEquals(Ratio.of(1, 10).hashCode(), values.get(5).hashCode());
    assertEquals(Ratio.of(10, 1).hashCode(), values.get(6).hashCode());
  }
}
