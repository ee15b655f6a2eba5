package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;
import java.time.Instant;

/**
 * The ranges of the times and durations a funnel works with, checked by every builder and by the
 * readers, so that no arithmetic on them can overflow and no valid definition, lead and event can
 * make {@link Funnel#fire} or {@link Funnel#advance} throw:
 *
 * <ul>
 *   <li>an instant (an event's time, when a lead entered its stage and was last updated, a
 *       purchase, a step) lies from {@link #EARLIEST} to {@link #LATEST}, the years 1 to 9999 in
 *       UTC;
 *   <li>a duration (a timer's delay, a series' delays, a value loop's window, a time in stage) is
 *       not negative and at most {@link #LONGEST}, 100 years of 365.25 days;
 *   <li>a pending timer falls due at most {@link #LONGEST} after {@link #LATEST}, at {@link
 *       #LATEST_DUE}; {@link Funnel#advance} fires only timers due by {@link #LATEST}, so every
 *       time a lead is updated stays within the range above.
 * </ul>
 *
 * <p>This class is thread-safe.
 */
public final class Bounds {
  private Bounds() {}

  /** The earliest instant: the start of the year 1 in UTC. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest instant: the end of the year 9999 in UTC. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private static final long EARLIEST_SECOND = EARLIEST.getEpochSecond();
  private static final long LATEST_SECOND = LATEST.getEpochSecond();

  /** The longest duration: 100 years of 365.25 days, 36,525 days. */
  public static final Duration LONGEST = Duration.ofDays(36_525);

  /** The latest instant a pending timer can fall due at: {@link #LONGEST} after {@link #LATEST}. */
  public static final Instant LATEST_DUE = LATEST.plus(LONGEST);

  /**
   * Returns whether an instant lies from {@link #EARLIEST} to {@link #LATEST}.
   *
   * @param at the instant
   * @return whether it is within range
   */
  public static boolean isValid(Instant at) {
    // By the second alone: EARLIEST is a whole second and LATEST the last nanosecond of one.
    long second = at.getEpochSecond();
    return second >= EARLIEST_SECOND && second <= LATEST_SECOND;
  }

  /**
   * Returns whether a duration is not negative and at most {@link #LONGEST}.
   *
   * @param d the duration
   * @return whether it is within range
   */
  public static boolean isValid(Duration d) {
    return !d.isNegative() && d.compareTo(LONGEST) <= 0;
  }

  /**
   * Returns whether an instant is a time a pending timer can fall due at: from {@link #EARLIEST} to
   * {@link #LATEST_DUE}.
   *
   * @param due the instant
   * @return whether it is within range
   */
  public static boolean isValidDue(Instant due) {
    return due.compareTo(EARLIEST) >= 0 && due.compareTo(LATEST_DUE) <= 0;
  }

  @CanIgnoreReturnValue
  static Instant check(Instant at, String what) {
    requireNonNull(at, what);
    checkArgument(isValid(at), "%s %s is outside %s to %s", what, at, EARLIEST, LATEST);
    return at;
  }

  @CanIgnoreReturnValue
  static Instant checkDue(Instant due, String what) {
    requireNonNull(due, what);
    checkArgument(isValidDue(due), "%s %s is outside %s to %s", what, due, EARLIEST, LATEST_DUE);
    return due;
  }

  @CanIgnoreReturnValue
  static Duration check(Duration d, String what) {
    requireNonNull(d, what);
    checkArgument(isValid(d), "%s %s is outside PT0S to %s", what, d, LONGEST);
    return d;
  }
}
