package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A half-open range of time, {@code [start, end)}, that a report counts steps in. Immutable and
 * thread-safe.
 *
 * @param start the first instant in the range
 * @param end the first instant after the range; not before {@code start}
 */
public record TimeRange(Instant start, Instant end) {

  /** The range of all time. */
  public static final TimeRange ALL = new TimeRange(Instant.MIN, Instant.MAX);

  /**
   * Creates a range.
   *
   * @param start the first instant in the range
   * @param end the first instant after the range; not before {@code start}
   * @throws IllegalArgumentException if the end is before the start
   */
  public TimeRange {
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    checkArgument(!end.isBefore(start), "time range ends before it starts");
  }

  /**
   * Returns the range from {@code start} inclusive to {@code end} exclusive.
   *
   * @param start the first instant in the range
   * @param end the first instant after the range
   * @return the range
   * @throws IllegalArgumentException if the end is before the start
   */
  public static TimeRange of(Instant start, Instant end) {
    return new TimeRange(start, end);
  }

  /**
   * Returns whether an instant is in the range.
   *
   * @param at the instant
   * @return whether {@code start <= at < end}; always true for {@link #ALL} (and a range equal to
   *     it)
   */
  public boolean contains(Instant at) {
    return equals(ALL) || (!at.isBefore(start) && at.isBefore(end));
  }

  /**
   * Returns the smallest range covering this one and another.
   *
   * @param other the other range
   * @return the covering range
   */
  public TimeRange span(TimeRange other) {
    Instant s = start.isBefore(other.start) ? start : other.start;
    Instant e = end.isAfter(other.end) ? end : other.end;
    return s.equals(start) && e.equals(end) ? this : new TimeRange(s, e);
  }
}
