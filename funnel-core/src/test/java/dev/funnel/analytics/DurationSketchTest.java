package dev.funnel.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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

  private static DurationSketch ofMillis(long... ms) {
    List<Duration> all = new ArrayList<>();
    for (long m : ms) {
      all.add(Duration.ofMillis(m));
    }
    return DurationSketch.of(all);
  }

  @Test
  void equals_sameValuesInAnyOrder_areEqualWithOneHashCode() {
    DurationSketch a = ofMillis(5, 700, 90_000);
    DurationSketch b = ofMillis(90_000, 5, 700);

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a, a);
    assertEquals(DurationSketch.empty(), ofMillis());
  }

  @Test
  void equals_differentValues_areNotEqual() {
    DurationSketch a = ofMillis(5, 700);

    assertNotEquals(a, ofMillis(5, 701), "same bucket, other largest value");
    assertNotEquals(a, ofMillis(4, 700), "other smallest value");
    assertNotEquals(a, ofMillis(5, 700, 700), "other count");
    assertNotEquals(ofMillis(100, 200, 300), ofMillis(100, 250, 300), "other middle value");
    assertNotEquals(a, DurationSketch.empty());
    assertNotEquals(DurationSketch.empty(), a);
    assertNotEquals((Object) a, Duration.ofMillis(5));
  }

  @Test
  void hashCode_spreadsSketchesOfDifferentValues() {
    List<DurationSketch> sketches =
        List.of(
            DurationSketch.empty(),
            ofMillis(1),
            ofMillis(2),
            ofMillis(1, 2),
            ofMillis(1, 1),
            ofMillis(40_000),
            ofMillis(1, 40_000));
    HashSet<Integer> hashes = new HashSet<>();
    for (DurationSketch s : sketches) {
      hashes.add(s.hashCode());
    }

    assertEquals(sketches.size(), hashes.size(), () -> "hash codes " + hashes);
  }

  @Test
  void toString_givesTheCountMedianAndP90() {
    assertEquals("DurationSketch{count=0}", DurationSketch.empty().toString());
    assertEquals(
        "DurationSketch{count=3, median=PT0.002S, p90=PT0.003S}", ofMillis(3, 1, 2).toString());
  }
}
