package dev.funnel.analytics;

import static dev.funnel.analytics.Journal.T0;
import static dev.funnel.analytics.Journal.hours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class TimeRangeTest {

  @Test
  void new_endBeforeStart_isRefusedAndAnEmptyRangeIsNot() {
    assertEquals(
        "time range ends before it starts",
        assertThrows(IllegalArgumentException.class, () -> TimeRange.of(hours(2), hours(1)))
            .getMessage());
    assertFalse(TimeRange.of(hours(1), hours(1)).contains(hours(1)));
  }

  @Test
  void contains_isHalfOpen() {
    TimeRange r = TimeRange.of(hours(1), hours(2));

    assertTrue(r.contains(hours(1)));
    assertFalse(r.contains(hours(2)));
    assertFalse(r.contains(T0));
  }

  @Test
  void span_coversBothRangesInEitherOrder() {
    TimeRange early = TimeRange.of(hours(1), hours(3));
    TimeRange late = TimeRange.of(hours(2), hours(5));
    TimeRange apart = TimeRange.of(hours(10), hours(11));

    assertEquals(TimeRange.of(hours(1), hours(5)), early.span(late));
    assertEquals(TimeRange.of(hours(1), hours(5)), late.span(early));
    assertEquals(TimeRange.of(hours(1), hours(11)), apart.span(early));
    assertEquals(TimeRange.of(hours(1), hours(11)), early.span(apart));
  }

  @Test
  void span_rangeInsideThisOne_isThisOne() {
    TimeRange wide = TimeRange.of(hours(1), hours(10));

    assertSame(wide, wide.span(TimeRange.of(hours(2), hours(3))));
    assertSame(wide, wide.span(TimeRange.of(hours(1), hours(10))));
    assertEquals(TimeRange.of(hours(1), hours(10)), TimeRange.of(hours(2), hours(3)).span(wide));
  }
}
