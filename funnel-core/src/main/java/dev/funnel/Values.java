package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values an attribute, an event payload or an action parameter may hold: strings, booleans,
 * whole numbers (as {@link Long}) and decimals (as {@link BigDecimal}). Other number types are
 * normalised to these two, so equal numbers compare equal whatever type they came in.
 */
final class Values {
  private Values() {}

  static Object normalize(Object value, String name) {
    requireNonNull(value, name);
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger bigInteger) {
      return decimal(new BigDecimal(bigInteger));
    }
    if (value instanceof BigDecimal bigDecimal) {
      return decimal(bigDecimal);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("value of '" + name + "' is not a finite number");
      }
      return decimal(new BigDecimal(Double.toString(d)));
    }
    throw new IllegalArgumentException(
        "value of '"
            + name
            + "' has unsupported type "
            + value.getClass().getSimpleName()
            + "; use a string, boolean, whole number or decimal");
  }

  /**
   * Whole decimals become longs and other decimals lose trailing zeros, so {@code 5} and {@code
   * 7.5} read back equal however they were written.
   */
  private static Object decimal(BigDecimal value) {
    BigDecimal d = value.stripTrailingZeros();
    if (d.scale() <= 0) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException tooLarge) {
        return d;
      }
    }
    return d;
  }

  static ImmutableMap<String, Object> normalize(Map<String, ?> values, String what) {
    requireNonNull(values, what);
    if (values.isEmpty()) {
      return ImmutableMap.of();
    }
    if (values instanceof ImmutableMap<String, ?> map && isNormal(map, what)) {
      @SuppressWarnings("unchecked") // immutable, so no other type of value can be put in
      ImmutableMap<String, Object> same = (ImmutableMap<String, Object>) map;
      return same;
    }
    ImmutableMap.Builder<String, Object> out = ImmutableMap.builderWithExpectedSize(values.size());
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String key = Ids.checkName(e.getKey(), what + " name");
      Object v = e.getValue();
      out.put(key, normalize(requireNonNull(v, () -> what + " '" + key + "' is null"), key));
    }
    return out.buildOrThrow();
  }

  /**
   * Returns names and values as they are, if {@link #normalize(Object, String)} keeps every value
   * as it is (a string, boolean or long) and every name is valid and no longer than {@link
   * Lead#MAX_ATTRIBUTE_NAME_LENGTH}; otherwise null, and they are given one by one, which says what
   * is wrong with any. Taken as they are, a reader's 50,000 values are not copied again.
   */
  static @Nullable ImmutableMap<String, Object> keptAsIs(ImmutableMap<String, ?> values) {
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      if (!Ids.isValid(name)
          || name.length() > Lead.MAX_ATTRIBUTE_NAME_LENGTH
          || !(v instanceof String || v instanceof Boolean || v instanceof Long)) {
        return null;
      }
    }
    @SuppressWarnings("unchecked") // immutable, so no other type of value can be put in
    ImmutableMap<String, Object> same = (ImmutableMap<String, Object>) values;
    return same;
  }

  /**
   * Checks the names and values as {@link #normalize(Map, String)} does, and returns whether every
   * value is normal already, so that the map can be kept as it is.
   */
  private static boolean isNormal(ImmutableMap<String, ?> values, String what) {
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String key = e.getKey();
      if (!Ids.isValid(key) || key.length() > Lead.MAX_ATTRIBUTE_NAME_LENGTH) {
        Ids.checkName(key, what + " name"); // throws
      }
      Object v = e.getValue();
      if (normalize(v, key) != v) {
        return false;
      }
    }
    return true;
  }

  /** Compares numbers numerically and everything else by equality. */
  static boolean same(@Nullable Object a, Object b) {
    if (a == null) {
      return false;
    }
    if (a instanceof Long && b instanceof Long) {
      return a.equals(b);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return toDecimal(x).compareTo(toDecimal(y)) == 0;
    }
    return a.equals(b);
  }

  /** Returned by {@link #compare} when the values are not both numbers. */
  static final int INCOMPARABLE = Integer.MIN_VALUE;

  /**
   * Returns the sign of {@code a - b} for two numbers, or {@link #INCOMPARABLE} when either is not
   * a number.
   */
  static int compare(@Nullable Object a, Object b) {
    if (!(a instanceof Number x) || !(b instanceof Number y)) {
      return INCOMPARABLE;
    }
    if (x instanceof Long l && y instanceof Long m) {
      return Integer.signum(Long.compare(l, m));
    }
    return toDecimal(x).compareTo(toDecimal(y));
  }

  private static BigDecimal toDecimal(Number n) {
    return n instanceof BigDecimal bigDecimal ? bigDecimal : BigDecimal.valueOf(n.longValue());
  }
}
