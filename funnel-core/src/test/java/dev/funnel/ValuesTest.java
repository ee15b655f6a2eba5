package dev.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class ValuesTest {

  @Test
  void normalize_stringsBooleansAndLongs_areKeptAsGiven() {
    String s = "DE";
    Long l = 5L;
    Boolean b = Boolean.TRUE;

    assertSame(s, Values.normalize(s, "country"));
    assertSame(b, Values.normalize(b, "express"));
    assertSame(l, Values.normalize(l, "n"));
  }

  @Test
  void normalize_smallerWholeNumbers_becomeLongs() {
    assertEquals(7L, Values.normalize(7, "n"));
    assertEquals(7L, Values.normalize((short) 7, "n"));
    assertEquals(-7L, Values.normalize((byte) -7, "n"));
  }

  @Test
  void normalize_wholeDecimalsAndBigIntegers_becomeLongsWhileTheyFit() {
    assertEquals(120L, Values.normalize(new BigDecimal("120.00"), "n"));
    assertEquals(120L, Values.normalize(new BigDecimal("1.2E+2"), "n"));
    assertEquals(120L, Values.normalize(BigInteger.valueOf(120), "n"));
    assertEquals(0L, Values.normalize(BigDecimal.ZERO.setScale(3), "n"));
    assertEquals(Long.MAX_VALUE, Values.normalize(BigInteger.valueOf(Long.MAX_VALUE), "n"));
  }

  @Test
  void normalize_wholeNumbersBeyondALong_stayDecimalsWithoutTrailingZeros() {
    BigInteger big = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);

    assertEquals(new BigDecimal(big), Values.normalize(big, "n"));
    assertEquals(new BigDecimal("1E+30"), Values.normalize(new BigDecimal("1000E+27"), "n"));
  }

  @Test
  void normalize_fractions_becomeDecimalsWithoutTrailingZeros() {
    assertEquals(new BigDecimal("1.5"), Values.normalize(new BigDecimal("1.50"), "n"));
    assertEquals(new BigDecimal("0.1"), Values.normalize(0.1d, "n"));
    assertEquals(new BigDecimal("2.5"), Values.normalize(2.5f, "n"));
    assertEquals(3L, Values.normalize(3.0d, "n"));
    assertEquals(3L, Values.normalize(3.0f, "n"));
  }

  @Test
  void normalize_nonFiniteNumbers_areRefusedNamingTheValue() {
    for (Object bad : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Values.normalize(bad, "ratio"));
      assertEquals("value of 'ratio' is not a finite number", e.getMessage());
    }
  }

  @Test
  void normalize_otherTypes_areRefusedNamingTheType() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Values.normalize('x', "initial"));

    assertEquals(
        "value of 'initial' has unsupported type Character; use a string, boolean, whole number"
            + " or decimal",
        e.getMessage());
  }

  @Test
  void normalize_emptyMap_isTheEmptyImmutableMap() {
    assertSame(ImmutableMap.of(), Values.normalize(new LinkedHashMap<String, Object>(), "payload"));
  }

  @Test
  void normalize_immutableMapOfNormalValues_isReturnedItself() {
    ImmutableMap<String, Object> normal = ImmutableMap.of("n", 5L, "country", "DE");

    assertSame(normal, Values.normalize(normal, "payload"));
  }

  @Test
  void normalize_mapWithValuesToNormalise_isCopiedInOrderWithNormalValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("total", 120);
    values.put("ratio", new BigDecimal("0.50"));
    values.put("country", "DE");

    ImmutableMap<String, Object> normal = Values.normalize(values, "payload");

    assertEquals(
        ImmutableMap.of("total", 120L, "ratio", new BigDecimal("0.5"), "country", "DE"), normal);
    assertEquals(List.of("total", "ratio", "country"), normal.keySet().asList());
    ImmutableMap<String, Object> immutable = ImmutableMap.of("country", "DE", "total", 120);
    assertEquals(
        ImmutableMap.of("country", "DE", "total", 120L), Values.normalize(immutable, "payload"));
  }

  @Test
  void normalize_mapWithABadName_isRefusedSayingWhatTheNameBelongsTo() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(" ", 1);

    IllegalArgumentException mutable =
        assertThrows(IllegalArgumentException.class, () -> Values.normalize(values, "payload"));
    IllegalArgumentException immutable =
        assertThrows(
            IllegalArgumentException.class,
            () -> Values.normalize(ImmutableMap.of("ok", 1L, "a\nb", 1L), "payload"));

    assertEquals("payload name is blank", mutable.getMessage());
    assertEquals(
        "payload name has whitespace at an end, a control or format character or an unpaired"
            + " surrogate",
        immutable.getMessage());
  }

  @Test
  void normalize_mapWithANullValue_isRefusedNamingTheValue() {
    Map<String, @Nullable Object> values = new LinkedHashMap<>();
    values.put("total", null);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> Values.normalize(values, "payload"));

    assertEquals("payload 'total' is null", e.getMessage());
  }

  @Test
  void same_comparesNumbersByValueAndOthersByEquality() {
    assertTrue(Values.same(5L, 5L));
    assertFalse(Values.same(5L, 6L));
    assertTrue(Values.same(5L, new BigDecimal("5")));
    assertTrue(Values.same(new BigDecimal("5.0"), 5L));
    assertFalse(Values.same(new BigDecimal("5.1"), 5L));
    assertTrue(Values.same("DE", "DE"));
    assertFalse(Values.same("DE", "FR"));
    assertFalse(Values.same("5", 5L));
    assertFalse(Values.same(null, "DE"));
  }

  @Test
  void compare_ordersNumbersAndCannotOrderAnythingElse() {
    assertEquals(-1, Values.compare(5L, 600L));
    assertEquals(1, Values.compare(600L, 5L));
    assertEquals(0, Values.compare(5L, 5L));
    assertEquals(1, Values.compare(Long.MAX_VALUE, Long.MIN_VALUE));
    assertEquals(-1, Values.compare(new BigDecimal("4.5"), 5L));
    assertEquals(1, Values.compare(5L, new BigDecimal("4.5")));
    assertEquals(0, Values.compare(new BigDecimal("5"), 5L));
    assertEquals(Values.INCOMPARABLE, Values.compare("5", 5L));
    assertEquals(Values.INCOMPARABLE, Values.compare(5L, "5"));
    assertEquals(Values.INCOMPARABLE, Values.compare(null, 5L));
  }
}
