package dev.funnel.jackson;

import com.google.common.collect.ImmutableBiMap;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The names of enum constants in the format, which its readers and writers share: lower case, words
 * joined by hyphens ({@code Offer.Tier.LEAD_MAGNET} is {@code lead-magnet}).
 */
final class EnumNames {
  private EnumNames() {}

  /** The names of each enum's constants, both ways, worked out once. */
  private static final ClassValue<ImmutableBiMap<Enum<?>, String>> NAMES =
      new ClassValue<>() {
        @Override
        protected ImmutableBiMap<Enum<?>, String> computeValue(Class<?> type) {
          ImmutableBiMap.Builder<Enum<?>, String> names = ImmutableBiMap.builder();
          for (Object constant : type.getEnumConstants()) {
            Enum<?> e = (Enum<?>) constant;
            names.put(e, e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
          }
          return names.buildOrThrow();
        }
      };

  @SuppressWarnings("EnumOrdinal") // The names are kept in an array in the constants' order.
  static String of(Enum<?> e) {
    String name = NAMES.get(e.getDeclaringClass()).get(e);
    if (name == null) {
      throw new IllegalStateException("no name for " + e.name());
    }
    return name;
  }

  /** Returns the constant of this name, or null. */
  static <E extends Enum<E>> @Nullable E named(Class<E> type, String name) {
    Enum<?> e = NAMES.get(type).inverse().get(name);
    return e == null ? null : type.cast(e);
  }

  static String all(Class<? extends Enum<?>> type) {
    StringBuilder s = new StringBuilder();
    for (Enum<?> e : type.getEnumConstants()) {
      s.append(s.length() == 0 ? "" : ", ").append(of(e));
    }
    return s.toString();
  }
}
