package dev.funnel;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A timer pending on a lead: the event {@code event} falls due at {@code due} unless the lead
 * leaves {@code stage} first. Immutable and thread-safe.
 *
 * @param stage the stage the timer belongs to
 * @param event the event type it fires
 * @param due when it falls due
 */
public record ScheduledTimer(String stage, String event, Instant due) {
  private static final long SECONDS_A_DAY = 86_400;

  /**
   * The length of {@code 2026-01-01T00:00:00.Z}, a due time's text without its fraction's digits.
   */
  private static final int TIMESTAMP = 21;

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  /**
   * Creates a pending timer.
   *
   * @param stage the stage the timer belongs to
   * @param event the event type it fires
   * @param due when it falls due
   */
  public ScheduledTimer {
    Ids.check(stage, "timer stage");
    Ids.check(event, "timer event");
    Bounds.checkDue(due, "timer due time");
  }

  /**
   * Returns the id of the event this timer fires, the same every time for the same timer, so a
   * timer fired twice is recognised as a duplicate.
   *
   * @return the id of the event this timer fires, the same every time for the same timer, so a
   *     timer fired twice is recognised as a duplicate
   */
  public String eventId() {
    // The due time is written by hand, the same text as Instant.toString: its formatter was 15%
    // of the timer tick's samples in TimerBenchmark (JFR, see BENCHMARKS.md), and the runtime
    // makes this id for every timer it fires. Years past 9999, which Instant.toString signs, take
    // the formatter.
    long second = due.getEpochSecond();
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(second, SECONDS_A_DAY));
    int year = date.getYear();
    if (year > 9999) {
      return "timer:" + stage + ":" + event + ":" + due;
    }
    int secondOfDay = (int) Math.floorMod(second, SECONDS_A_DAY);
    int nano = due.getNano();
    // Instant.toString writes the fraction in groups of three digits, as many as it needs.
    int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
    StringBuilder id =
        new StringBuilder(
            TIMESTAMP + fraction + stage.length() + event.length() + "timer:::".length());
    id.append("timer:").append(stage).append(':').append(event).append(':');
    digits(id, year, 4).append('-');
    digits(id, date.getMonthValue(), 2).append('-');
    digits(id, date.getDayOfMonth(), 2).append('T');
    digits(id, secondOfDay / 3600, 2).append(':');
    digits(id, secondOfDay / 60 % 60, 2).append(':');
    digits(id, secondOfDay % 60, 2);
    if (fraction > 0) {
      digits(id.append('.'), nano / POWERS_OF_TEN[9 - fraction], fraction);
    }
    return id.append('Z').toString();
  }

  /** Appends a number that is not negative in exactly {@code count} digits, zeros first. */
  @CanIgnoreReturnValue
  private static StringBuilder digits(StringBuilder out, int value, int count) {
    for (int power = POWERS_OF_TEN[count - 1]; power > 0; power /= 10) {
      out.append((char) ('0' + value / power % 10));
    }
    return out;
  }
}
