package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often the runtime tries to hand an effect to its handler, and how long it waits between
 * attempts: the first wait is {@code firstBackoff}, each next one twice as long, at most {@code
 * maxBackoff}. Immutable and thread-safe.
 *
 * @param maxAttempts the most attempts, from 1
 * @param firstBackoff the wait after the first failed attempt; positive
 * @param maxBackoff the longest wait; not less than {@code firstBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

  /** Five attempts, waiting 200 ms, 400 ms, 800 ms and 1.6 s between them. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));

  /**
   * Creates a policy.
   *
   * @param maxAttempts the most attempts, from 1
   * @param firstBackoff the wait after the first failed attempt; positive
   * @param maxBackoff the longest wait; not less than {@code firstBackoff}
   * @throws IllegalArgumentException if the attempts are fewer than one or a backoff is not
   *     positive or the maximum is below the first
   */
  public RetryPolicy {
    requireNonNull(firstBackoff, "firstBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    checkArgument(maxAttempts >= 1, "max attempts must be at least 1");
    checkArgument(
        !firstBackoff.isNegative() && !firstBackoff.isZero(), "first backoff must be positive");
    checkArgument(maxBackoff.compareTo(firstBackoff) >= 0, "max backoff is below first backoff");
  }

  /**
   * Returns how long to wait after a failed attempt.
   *
   * @param failedAttempt the attempt that failed, from 1
   * @return the wait before the next attempt
   */
  public Duration backoff(int failedAttempt) {
    checkArgument(failedAttempt >= 1, "attempt must be positive");
    Duration d = firstBackoff;
    for (int i = 1; i < failedAttempt && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  /**
   * Returns the sum of all waits when every attempt fails.
   *
   * @return the sum of all waits when every attempt fails
   */
  public Duration totalBackoff() {
    Duration total = Duration.ZERO;
    for (int i = 1; i < maxAttempts; i++) {
      total = total.plus(backoff(i));
    }
    return total;
  }
}
