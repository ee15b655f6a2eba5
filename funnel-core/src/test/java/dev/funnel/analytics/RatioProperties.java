package dev.funnel.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

final class RatioProperties {

  @Property(tries = 500)
  void equals_sameFractionScaled_isEqualWithTheSameHashCode(
      @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long numerator,
      @ForAll @LongRange(min = 1, max = 1_000_000) long denominator,
      @ForAll @LongRange(min = 1, max = 10_000) long factor,
      @ForAll @IntRange(min = -6, max = 6) int scale) {
    Ratio r = Ratio.of(numerator, denominator);
    Ratio scaled = Ratio.of(numerator * factor, denominator * factor);
    Ratio shifted =
        new Ratio(
            BigDecimal.valueOf(numerator).scaleByPowerOfTen(scale),
            BigDecimal.valueOf(denominator).scaleByPowerOfTen(scale));

    assertEquals(r, scaled);
    assertEquals(r.hashCode(), scaled.hashCode());
    assertEquals(r, shifted);
    assertEquals(r.hashCode(), shifted.hashCode());
  }

  @Property(tries = 500)
  void equals_isTheCrossProductTest(
      @ForAll @IntRange(min = -50, max = 50) int a,
      @ForAll @IntRange(min = 0, max = 50) int b,
      @ForAll @IntRange(min = -50, max = 50) int c,
      @ForAll @IntRange(min = 0, max = 50) int d) {
    Ratio x = Ratio.of(a, b);
    Ratio y = Ratio.of(c, d);
    boolean bothUndefined = b == 0 && d == 0;
    boolean sameValue =
        b != 0
            && d != 0
            && BigInteger.valueOf((long) a * d).equals(BigInteger.valueOf((long) c * b));

    if (bothUndefined || sameValue) {
      assertEquals(x, y);
      assertEquals(x.hashCode(), y.hashCode());
    } else {
      assertNotEquals(x, y);
    }
    assertEquals(x.equals(y), x.isEquivalentTo(y));
  }
}
