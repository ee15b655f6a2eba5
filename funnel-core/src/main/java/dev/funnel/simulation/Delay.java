package dev.funnel.simulation;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * How long a simulated lead takes to make a move once it is in the move's stage: a fixed time, a
 * uniformly distributed one, or an exponentially distributed one (memoryless, the usual model of
 * "some time later"). Delays are drawn to the millisecond. Immutable and thread-safe.
 */
public final class Delay {
  private enum Kind {
    FIXED,
    UNIFORM,
    EXPONENTIAL
  }

  private final Kind kind;
  private final long a;
  private final long b;

  private Delay(Kind kind, long a, long b) {
    this.kind = kind;
    this.a = a;
    this.b = b;
  }

  private static long millis(Duration d, String what) {
    requireNonNull(d, what);
    checkArgument(!d.isNegative(), "%s delay must not be negative", what);
    return d.toMillis();
  }

  /**
   * Returns a delay of exactly this long.
   *
   * @param delay the delay; not negative
   * @return the delay
   * @throws IllegalArgumentException if the delay is negative
   */
  public static Delay fixed(Duration delay) {
    return new Delay(Kind.FIXED, millis(delay, "fixed"), 0);
  }

  /**
   * Returns a delay drawn uniformly between two bounds, both included.
   *
   * @param min the shortest delay; not negative
   * @param max the longest delay; not shorter than {@code min}
   * @return the delay
   * @throws IllegalArgumentException if a bound is negative or {@code max < min}
   */
  public static Delay uniform(Duration min, Duration max) {
    long lo = millis(min, "uniform");
    long hi = millis(max, "uniform");
    checkArgument(hi >= lo, "uniform delay must have max >= min");
    return new Delay(Kind.UNIFORM, lo, hi);
  }

  /**
   * Returns a delay drawn from the exponential distribution with this mean.
   *
   * @param mean the mean delay; not negative
   * @return the delay
   * @throws IllegalArgumentException if the mean is negative
   */
  public static Delay exponential(Duration mean) {
    return new Delay(Kind.EXPONENTIAL, millis(mean, "exponential"), 0);
  }

  /**
   * Returns the mean delay.
   *
   * @return the mean delay
   */
  public Duration mean() {
    return switch (kind) {
      case UNIFORM -> Duration.ofMillis(a + (b - a) / 2);
      default -> Duration.ofMillis(a);
    };
  }

  long sampleMillis(SplittableRandom rnd) {
    return switch (kind) {
      case FIXED -> a;
      case UNIFORM -> a == b ? a : a + rnd.nextLong(b - a + 1);
      default ->
          // 1 - u is in (0, 1], so the logarithm is finite.
          Math.round(-a * Math.log(1.0 - rnd.nextDouble()));
    };
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Delay d)) {
      return false;
    }

    return kind == d.kind && a == d.a && b == d.b;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, a, b);
  }

  /**
   * Returns the kind and its durations, such as {@code "exponential(PT2H)"}.
   *
   * @return the kind and its durations, such as {@code "exponential(PT2H)"}
   */
  @Override
  public String toString() {
    return switch (kind) {
      case FIXED -> "fixed(" + Duration.ofMillis(a) + ")";
      case UNIFORM -> "uniform(" + Duration.ofMillis(a) + ", " + Duration.ofMillis(b) + ")";
      default -> "exponential(" + Duration.ofMillis(a) + ")";
    };
  }
}
