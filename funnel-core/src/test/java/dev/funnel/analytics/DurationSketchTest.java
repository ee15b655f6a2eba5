package dev.funnel.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class DurationSketchTest {

  @Test
  void percentile_smallValues_areExact() {
    DurationSketch s =
        DurationSketch.of(
            List.of(Duration.ofMillis(3), Duration.ofMillis(1), Duration.ofMillis(2)));

    assertEquals(Duration.ofMillis(2), s.median().orElseThrow());
    assertEquals(Duration.ofMillis(3), s.p90().orElseThrow());
    assertEquals(Duration.ofMillis(1), s.percentile(0.01).orElseThrow());
  }

  @Test
  void percentile_equalValues_isExact() {
    DurationSketch s = DurationSketch.of(List.of(Duration.ofDays(3), Duration.ofDays(3)));

    assertEquals(Duration.ofDays(3), s.median().orElseThrow());
  }

  @Test
  void percentile_nearestRank_takesTheLowerMiddleOfAnEvenCount() {
    DurationSketch s =
        DurationSketch.of(
            List.of(
                Duration.ofMillis(10),
                Duration.ofMillis(20),
                Duration.ofMillis(30),
                Duration.ofMillis(31)));

    assertEquals(Duration.ofMillis(20), s.median().orElseThrow());
    assertEquals(Duration.ofMillis(31), s.p90().orElseThrow());
  }

  @Test
  void empty_hasNoPercentiles() {
    assertEquals(Optional.empty(), DurationSketch.empty().median());
    assertEquals(0, DurationSketch.empty().count());
    assertThrows(IllegalArgumentException.class, () -> DurationSketch.empty().percentile(0));
  }

  @Test
  void of_negativeDuration_countsAsZero() {
    assertEquals(
        Duration.ZERO, DurationSketch.of(List.of(Duration.ofSeconds(-5))).median().orElseThrow());
  }

  @Test
  void buckets_coverEveryLongAndNeverExceedTheBound() {
    assertEquals(DurationSketch.BUCKETS - 1, DurationSketch.bucket(Long.MAX_VALUE));
    assertEquals(31, DurationSketch.bucket(31));
    assertEquals(32, DurationSketch.bucket(32));
    for (long v = 1; v > 0 && v < Long.MAX_VALUE / 3; v = v * 3 + 1) {
      long rep = DurationSketch.representative(DurationSketch.bucket(v));
      assertTrue(Math.abs(rep - v) <= v / 64, "value " + v + " represented by " + rep);
    }
  }
}
