package dev.funnel.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;

final class DurationSketchProperties {

  @Property(tries = 300)
  void percentile_isWithinOneSixtyFourthOfTheNearestRank(
      @ForAll @NotEmpty @Size(max = 200) List<@LongRange(min = 0, max = 10_000_000_000L) Long> ms,
      @ForAll @DoubleRange(min = 0.01, max = 1.0) double q) {
    List<Long> sorted = ms.stream().sorted().collect(Collectors.toList());
    long rank = (long) Math.ceil(q * sorted.size() - 1e-9);
    long exact = sorted.get((int) Math.max(rank, 1) - 1);

    long got = sketch(ms).percentile(q).orElseThrow().toMillis();

    assertTrue(Math.abs(got - exact) <= exact / 64, () -> "exact " + exact + " got " + got);
  }

  @Property(tries = 300)
  void merge_equalsTheSketchOfAllValues(
      @ForAll @Size(max = 100) List<@LongRange(min = 0, max = 10_000_000_000L) Long> a,
      @ForAll @Size(max = 100) List<@LongRange(min = 0, max = 10_000_000_000L) Long> b) {
    List<Long> all = new ArrayList<>(a);
    all.addAll(b);

    assertEquals(sketch(all), sketch(a).merge(sketch(b)));
    assertEquals(sketch(a).merge(sketch(b)), sketch(b).merge(sketch(a)));
  }

  private static DurationSketch sketch(List<Long> ms) {
    return DurationSketch.of(ms.stream().map(Duration::ofMillis).collect(Collectors.toList()));
  }
}
