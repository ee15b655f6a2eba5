package dev.funnel.jackson;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Reads the durations this format writes without {@link Duration#parse}'s cost. */
final class Durations {
  private Durations() {}

  /**
   * Returns the duration of one of the forms this format writes, such as {@code P2D}, {@code PT1H}
   * or {@code P1DT2H30M}: days, hours, minutes and seconds, each a whole number of at most nine
   * digits, in that order, upper case. Returns null for any other string, for {@link
   * Duration#parse}, which reads these forms to the same durations, but more slowly.
   */
  static @Nullable Duration simple(String s) {
    int length = s.length();
    if (length < 3 || s.charAt(0) != 'P') {
      return null;
    }
    long seconds = 0;
    boolean time = false;
    int unit = 0; // the last unit read: 1 days, 2 hours, 3 minutes, 4 seconds
    int i = 1;
    while (i < length) {
      if (s.charAt(i) == 'T') {
        if (time || i + 1 == length) {
          return null;
        }
        time = true;
        i++;
        continue;
      }
      int start = i;
      long value = 0;
      for (char c; i < length && (c = s.charAt(i)) >= '0' && c <= '9'; i++) {
        value = 10 * value + (c - '0');
      }
      if (i == start || i - start > 9 || i == length) {
        return null;
      }
      int next;
      long scale;
      switch (s.charAt(i)) {
        case 'D' -> {
          next = 1;
          scale = 86_400;
        }
        case 'H' -> {
          next = 2;
          scale = 3_600;
        }
        case 'M' -> {
          next = 3;
          scale = 60;
        }
        case 'S' -> {
          next = 4;
          scale = 1;
        }
        default -> {
          return null;
        }
      }
      if (next <= unit || time != (next > 1)) {
        return null;
      }
      unit = next;
      seconds += value * scale;
      i++;
    }
    if (unit == 0 || (time && unit < 2)) {
      return null;
    }
    return Duration.ofSeconds(seconds);
  }
}
