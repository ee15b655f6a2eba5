package dev.funnel;

import com.google.common.collect.ImmutableMap;

/**
 * Checks once, when the core is first used, that the Guava on the class path is new enough, so that
 * an older one fails at once with the version needed instead of a {@link NoSuchMethodError} deep
 * inside the first funnel built.
 */
final class Requirements {
  /**
   * The oldest Guava the core works with: the first with {@code ImmutableMap.Builder#buildOrThrow}.
   */
  static final String GUAVA = "31.0";

  static {
    require("Guava", GUAVA, ImmutableMap.Builder.class, "buildOrThrow");
  }

  private Requirements() {}

  /** Does nothing itself: the first call runs the check. */
  static void check() {}

  /**
   * Fails unless a library has a public method that its given version introduced.
   *
   * @throws IllegalStateException naming the library, the version needed and where the old one was
   *     found
   */
  static void require(String library, String version, Class<?> type, String method) {
    try {
      type.getMethod(method);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          String.format(
              "funnel needs %s %s or newer, but the %s on the class path (%s) has no %s.%s()",
              library, version, library, where(type), type.getName(), method),
          e);
    }
  }

  private static String where(Class<?> type) {
    var source = type.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null
        ? "location unknown"
        : source.getLocation().toString();
  }
}
