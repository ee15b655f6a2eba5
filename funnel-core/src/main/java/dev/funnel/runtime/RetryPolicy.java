package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often the runtime tries to hand an effect to its handler, and how long it waits between
 * attempts. The wait after the {@code n}-th failed attempt is at most {@code firstBackoff *
 * 2^(n-1)}, capped at {@code maxBackoff}; jitter then shortens it by a random share of up to {@code
 * jitter}, so retries of many effects that failed together spread out instead of arriving together.
 * The runtime never waits in a caller's thread: a failed attempt is recorded in the outbox with its
 * next attempt time, and the runtime's {@link FunnelRuntime#tick() tick} tries again once it has
 * come. Immutable and thread-safe.
 *
 * @param maxAttempts the most attempts, from 1; then the effect is parked
 * @param firstBackoff the longest wait after the first failed attempt; positive
 * @param maxBackoff the cap on every wait; not less than {@code firstBackoff}
 * @param jitter the largest share of a wait that randomness takes off, from 0 (waits exactly as
 *     computed) to 1 (anywhere from nothing to the computed wait)
 */
public record RetryPolicy(
    int maxAttempts, Duration firstBackoff, Duration maxBackoff, double jitter) {

  /**
   * Ten attempts; waits of up to 1 s, 2 s, 4 s and so on, capped at 5 minutes, each shortened by up
   * to half at random: about 8.5 minutes at most from the first attempt to the last.
   */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(5), 0.5);

  /**
   * Creates a policy.
   *
   * @param maxAttempts the most attempts, from 1; then the effect is parked
   * @param firstBackoff the longest wait after the first failed attempt; positive
   * @param maxBackoff the cap on every wait; not less than {@code firstBackoff}
   * @param jitter the largest share of a wait that randomness takes off, from 0 to 1
   * @throws IllegalArgumentException if the attempts are fewer than one, a backoff is not positive,
   *     the maximum is below the first, or the jitter is outside 0 to 1
   */
  public RetryPolicy {
    requireNonNull(firstBackoff, "firstBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    checkArgument(maxAttempts >= 1, "max attempts must be at least 1");
    checkArgument(
        !firstBackoff.isNegative() && !firstBackoff.isZero(), "first backoff must be positive");
    checkArgument(maxBackoff.compareTo(firstBackoff) >= 0, "max backoff is below first backoff");
    checkArgument(jitter >= 0 && jitter <= 1, "jitter %s is not between 0 and 1", jitter);
  }

  /**
   * Creates a policy without jitter: every wait is exactly as computed.
   *
   * @param maxAttempts the most attempts, from 1; then the effect is parked
   * @param firstBackoff the wait after the first failed attempt; positive
   * @param maxBackoff the cap on every wait; not less than {@code firstBackoff}
   * @throws IllegalArgumentException if the attempts are fewer than one, a backoff is not positive
   *     or the maximum is below the first
   */
  public RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
    this(maxAttempts, firstBackoff, maxBackoff, 0);
  }

  /**
   * Returns this policy with another jitter.
   *
   * @param jitter the largest share of a wait that randomness takes off, from 0 to 1
   * @return the policy
   * @throws IllegalArgumentException if the jitter is outside 0 to 1
   */
  public RetryPolicy withJitter(double jitter) {
    return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff, jitter);
  }

  /**
   * Returns the longest wait after a failed attempt, before jitter: {@code firstBackoff} doubled
   * once per earlier failure, at most {@code maxBackoff}.
   *
   * @param failedAttempt the attempt that failed, from 1
   * @return the wait before the next attempt, before jitter
   * @throws IllegalArgumentException if the attempt is not positive
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
   * Returns the wait after a failed attempt, jitter applied: {@link #backoff} shortened by {@code
   * jitter * random.nextDouble()} of itself, so never longer than the backoff and its cap, and with
   * no jitter exactly the backoff.
   *
   * @param failedAttempt the attempt that failed, from 1
   * @param random the source of randomness
   * @return the wait before the next attempt
   * @throws IllegalArgumentException if the attempt is not positive
   */
  public Duration delay(int failedAttempt, RandomGenerator random) {
    requireNonNull(random, "random");
    Duration backoff = backoff(failedAttempt);
    if (jitter == 0) {
      return backoff;
    }
    long nanos = backoff.toNanos();
    long off = (long) (nanos * jitter * random.nextDouble());
    return Duration.ofNanos(nanos - Math.min(Math.max(off, 0), nanos));
  }

  /**
   * Returns the sum of the longest waits when every attempt fails: the most time, before jitter,
   * from an effect's first attempt to its last before it is parked.
   *
   * @return the sum of all waits, before jitter
   */
  public Duration totalBackoff() {
    Duration total = Duration.ZERO;
    for (int i = 1; i < maxAttempts; i++) {
      total = total.plus(backoff(i));
    }
    return total;
  }
}
