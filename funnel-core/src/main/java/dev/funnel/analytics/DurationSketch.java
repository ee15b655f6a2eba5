package dev.funnel.analytics;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A mergeable summary of many durations, such as the times leads took to convert, that answers
 * percentiles (median, 90th) in memory independent of how many durations it holds. Immutable and
 * thread-safe.
 *
 * <p>Durations are counted in milliseconds in fixed log-linear buckets: values below 32 ms each
 * have their own bucket; above, every power of two is split into 32 equal buckets. A percentile is
 * reported as the middle of the bucket holding the nearest-rank value (the smallest recorded value
 * with at least the fraction {@code q} of all values at or below it), clamped to the exact smallest
 * and largest recorded values. So a reported percentile is within 1/64 (about 1.6%) of the exact
 * nearest-rank value, and exact below 32 ms or when all values are equal. At most 1,888 buckets
 * exist (up to about 292 million years), so the summary never holds more than 1,888 counts, and
 * merging two summaries adds counts bucket by bucket: merging is exact, so the summary of a merge
 * equals the summary of all the values.
 */
public final class DurationSketch {
  private static final int SUB_BITS = 5;
  private static final int SUB = 1 << SUB_BITS;
  static final int BUCKETS = SUB + (62 - SUB_BITS + 1) * SUB;
  private static final DurationSketch EMPTY = new DurationSketch(new long[0], 0, 0, 0);

  private final long[] counts;
  private final long count;
  private final long min;
  private final long max;

  private DurationSketch(long[] counts, long count, long min, long max) {
    this.counts = counts;
    this.count = count;
    this.min = min;
    this.max = max;
  }

  /**
   * Returns the summary of no durations.
   *
   * @return the summary of no durations
   */
  public static DurationSketch empty() {
    return EMPTY;
  }

  /**
   * Returns the summary of the durations; negative durations count as zero.
   *
   * @param durations the durations
   * @return the summary
   */
  public static DurationSketch of(Iterable<Duration> durations) {
    Recorder r = new Recorder();
    for (Duration d : durations) {
      r.record(d.toMillis());
    }
    return r.build();
  }

  static int bucket(long millis) {
    if (millis < SUB) {
      return (int) millis;
    }
    int e = 63 - Long.numberOfLeadingZeros(millis);
    int shift = e - SUB_BITS;
    int sub = (int) (millis >>> shift) - SUB;
    return SUB + shift * SUB + sub;
  }

  static long representative(int bucket) {
    if (bucket < SUB) {
      return bucket;
    }
    int shift = (bucket - SUB) / SUB;
    int sub = (bucket - SUB) % SUB;
    long lower = (long) (SUB + sub) << shift;
    long width = 1L << shift;
    return lower + (width - 1) / 2;
  }

  /**
   * Returns how many durations the summary holds.
   *
   * @return how many durations the summary holds
   */
  public long count() {
    return count;
  }

  /**
   * Returns whether the summary holds no durations.
   *
   * @return whether the summary holds no durations
   */
  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * Returns the shortest duration, exactly to the millisecond, or empty if there is none.
   *
   * @return the shortest duration, exactly to the millisecond, or empty if there is none
   */
  public Optional<Duration> min() {
    return count == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(min));
  }

  /**
   * Returns the longest duration, exactly to the millisecond, or empty if there is none.
   *
   * @return the longest duration, exactly to the millisecond, or empty if there is none
   */
  public Optional<Duration> max() {
    return count == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(max));
  }

  /**
   * Returns a percentile: the nearest-rank value for the fraction {@code q}, within 1/64 of it.
   *
   * @param q the fraction of values at or below the result, such as {@code 0.9}; in (0, 1]
   * @return the percentile, or empty if the summary holds no durations
   * @throws IllegalArgumentException if {@code q} is not in (0, 1]
   */
  public Optional<Duration> percentile(double q) {
    checkArgument(q > 0 && q <= 1, "percentile fraction must be in (0, 1]");
    if (count == 0) {
      return Optional.empty();
    }
    long rank =
        BigDecimal.valueOf(q)
            .multiply(BigDecimal.valueOf(count))
            .setScale(0, RoundingMode.CEILING)
            .longValueExact();
    rank = Math.max(rank, 1);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        long v = Math.min(Math.max(representative(i), min), max);
        return Optional.of(Duration.ofMillis(v));
      }
    }
    return Optional.of(Duration.ofMillis(max));
  }

  /**
   * Returns the median (the 50th percentile), or empty if the summary holds no durations.
   *
   * @return the median (the 50th percentile), or empty if the summary holds no durations
   */
  public Optional<Duration> median() {
    return percentile(0.5);
  }

  /**
   * Returns the 90th percentile, or empty if the summary holds no durations.
   *
   * @return the 90th percentile, or empty if the summary holds no durations
   */
  public Optional<Duration> p90() {
    return percentile(0.9);
  }

  /**
   * Returns the summary of this summary's durations and another's.
   *
   * @param other the other summary
   * @return the merged summary
   */
  public DurationSketch merge(DurationSketch other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      return other;
    }
    Recorder r = new Recorder();
    r.add(this);
    r.add(other);
    return r.build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DurationSketch s)) {
      return false;
    }

    return count == s.count && min == s.min && max == s.max && Arrays.equals(counts, s.counts);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Arrays.hashCode(counts);
  }

  /**
   * Returns the count, median and 90th percentile.
   *
   * @return the count, median and 90th percentile
   */
  @Override
  public String toString() {
    if (count == 0) {
      return "DurationSketch{count=0}";
    }
    return "DurationSketch{count="
        + count
        + ", median="
        + median().orElseThrow()
        + ", p90="
        + p90().orElseThrow()
        + "}";
  }

  /** Collects durations into a summary. Not thread-safe. */
  static final class Recorder {
    private long @Nullable [] counts;
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    void record(long millis) {
      long v = Math.max(millis, 0);
      long[] c = counts;
      if (c == null) {
        c = new long[BUCKETS];
        counts = c;
      }
      c[bucket(v)]++;
      count++;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }

    void add(DurationSketch s) {
      if (s.count == 0) {
        return;
      }
      long[] c = counts;
      if (c == null) {
        c = new long[BUCKETS];
        counts = c;
      }
      for (int i = 0; i < s.counts.length; i++) {
        c[i] += s.counts[i];
      }
      count += s.count;
      min = Math.min(min, s.min);
      max = Math.max(max, s.max);
    }

    DurationSketch build() {
      long[] c = counts;
      if (c == null || count == 0) {
        return EMPTY;
      }
      int last = c.length - 1;
      while (last >= 0 && c[last] == 0) {
        last--;
      }
      return new DurationSketch(Arrays.copyOf(c, last + 1), count, min, max);
    }
  }
}
