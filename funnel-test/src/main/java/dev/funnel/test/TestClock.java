package dev.funnel.test;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.runtime.FunnelRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that stands still until a test moves it, in UTC. Give it to a {@link FunnelRuntime} (or
 * anything else that reads a {@link Clock}), let it {@linkplain #drive drive} the runtime, and
 * {@link #advance} fires what falls due on the way:
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-03-02T09:00:00Z"));
 * FunnelRuntime runtime = FunnelRuntime.builder(Catalog.of(shop))
 *     .store(new InMemoryLeadStore())
 *     .clock(clock)
 *     .handler(Actions.SEND, delivery -> outbox.add(delivery.action()))
 *     .build();
 * clock.drive(runtime);
 * runtime.enter("online-shop", "lead-42", "google-ads", clock.instant());
 * runtime.handle("online-shop", "lead-42", Event.of("evt-1", "contact-left", clock.instant()));
 * clock.advance(Duration.ofDays(8));        // the seven-day timer fires
 * }</pre>
 *
 * <p>Time only goes forward. Thread-safe: threads reading the clock see each move at once.
 */
public final class TestClock extends Clock {
  private volatile Instant now;
  private final List<FunnelRuntime> runtimes = new CopyOnWriteArrayList<>();

  private TestClock(Instant start) {
    this.now = start;
  }

  /**
   * Returns a clock standing at an instant.
   *
   * @param start the instant it reads until moved
   * @return the clock
   */
  public static TestClock at(Instant start) {
    return new TestClock(requireNonNull(start, "start"));
  }

  /**
   * Makes {@link #advance} and {@link #set} fire what falls due in this runtime: its timers due by
   * the new time, then the outbox entries whose next attempt has come. Runtimes accumulate.
   *
   * @param runtime a runtime built with this clock
   * @return this clock
   */
  @CanIgnoreReturnValue
  public TestClock drive(FunnelRuntime runtime) {
    runtimes.add(requireNonNull(runtime, "runtime"));
    return this;
  }

  /**
   * Moves the clock forward and fires what falls due in the runtimes it drives.
   *
   * @param duration how far to move; not negative
   * @return the number of steps the runtimes took for timers that fell due
   * @throws IllegalArgumentException if the duration is negative
   */
  @CanIgnoreReturnValue
  public int advance(Duration duration) {
    checkArgument(!duration.isNegative(), "the clock cannot go back by %s", duration);
    Instant then;
    synchronized (this) {
      then = now.plus(duration);
      now = then;
    }
    return fire(then);
  }

  /**
   * Moves the clock to an instant and fires what falls due in the runtimes it drives.
   *
   * @param instant the new time; not before the current one
   * @return the number of steps the runtimes took for timers that fell due
   * @throws IllegalArgumentException if the instant is before the clock's time
   */
  @CanIgnoreReturnValue
  public int set(Instant instant) {
    requireNonNull(instant, "instant");
    synchronized (this) {
      checkArgument(!instant.isBefore(now), "the clock cannot go back from %s to %s", now, instant);
      now = instant;
    }
    return fire(instant);
  }

  private int fire(Instant until) {
    int steps = 0;
    for (FunnelRuntime r : runtimes) {
      steps += r.advanceTo(until);
      r.dispatchPending();
    }
    return steps;
  }

  /**
   * Returns the clock's current time.
   *
   * @return the instant the clock was last moved to
   */
  @Override
  public Instant instant() {
    return now;
  }

  /**
   * Returns UTC.
   *
   * @return {@link ZoneOffset#UTC}
   */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * Refuses another zone: the clock is fixed to UTC.
   *
   * @param zone the zone asked for
   * @return this clock, if the zone is UTC
   * @throws UnsupportedOperationException if the zone is not UTC
   */
  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    throw new UnsupportedOperationException("a test clock is fixed to UTC, not " + zone);
  }

  /**
   * Returns the clock's time.
   *
   * @return {@code TestClock[instant]}
   */
  @Override
  public String toString() {
    return "TestClock[" + now + "]";
  }
}
