package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The hours of the day, in the person's own time zone, when no marketing message goes out: from
 * {@code start} to {@code end}, across midnight when {@code end} is before {@code start} (22:00 to
 * 08:00). A message that falls due inside them is held until they end, or skipped, as {@code mode}
 * says. Immutable and thread-safe.
 *
 * <p>Local times are read in the lead's zone ({@link ContactPolicy#zoneOf}); on a day whose
 * daylight-saving change skips the end time (a gap), the window ends at the first instant after the
 * gap, and on a day that repeats it (an overlap), at its earlier occurrence.
 *
 * @param start when quiet hours begin, local time
 * @param end when they end, local time; not equal to {@code start}
 * @param mode what happens to a message due inside them
 */
public record QuietHours(LocalTime start, LocalTime end, Mode mode) {

  /** What happens to a marketing message that falls due in quiet hours. */
  public enum Mode {
    /** The message is held and handed over when quiet hours end. */
    HOLD,
    /** The message is skipped, and recorded as skipped. */
    SKIP
  }

  /**
   * Creates quiet hours.
   *
   * @param start when quiet hours begin, local time
   * @param end when they end, local time
   * @param mode what happens to a message due inside them
   * @throws IllegalArgumentException if start and end are equal
   */
  public QuietHours {
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    requireNonNull(mode, "mode");
    checkArgument(!start.equals(end), "quiet hours start and end at the same time %s", start);
  }

  /**
   * Returns quiet hours that hold messages until they end.
   *
   * @param start when they begin, local time
   * @param end when they end, local time
   * @return the quiet hours
   */
  public static QuietHours hold(LocalTime start, LocalTime end) {
    return new QuietHours(start, end, Mode.HOLD);
  }

  /**
   * Returns quiet hours that skip the messages falling due inside them.
   *
   * @param start when they begin, local time
   * @param end when they end, local time
   * @return the quiet hours
   */
  public static QuietHours skip(LocalTime start, LocalTime end) {
    return new QuietHours(start, end, Mode.SKIP);
  }

  /**
   * Returns when the quiet hours that {@code at} falls in end, in that zone.
   *
   * @param at an instant
   * @param zone the person's time zone
   * @return the first instant after them, or empty if {@code at} is not in quiet hours
   */
  public Optional<Instant> endAfter(Instant at, ZoneId zone) {
    requireNonNull(at, "at");
    requireNonNull(zone, "zone");
    LocalDateTime local = LocalDateTime.ofInstant(at, zone);
    LocalTime t = local.toLocalTime();
    LocalDate day = local.toLocalDate();
    boolean acrossMidnight = end.isBefore(start);
    LocalDate endDay;
    if (acrossMidnight) {
      if (!t.isBefore(start)) {
        endDay = day.plusDays(1);
      } else if (t.isBefore(end)) {
        endDay = day;
      } else {
        return Optional.empty();
      }
    } else if (!t.isBefore(start) && t.isBefore(end)) {
      endDay = day;
    } else {
      return Optional.empty();
    }
    // ZonedDateTime.of moves a local time in a gap forward by the gap's length and takes the
    // earlier offset in an overlap, which is what the type's documentation promises.
    Instant opens = ZonedDateTime.of(endDay, end, zone).toInstant();
    return opens.isAfter(at) ? Optional.of(opens) : Optional.empty();
  }
}
