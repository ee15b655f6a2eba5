package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A timer declared on a stage: {@code after} a lead has been in {@code stage} that long, the event
 * {@code event} fires. Leaving the stage cancels it. Immutable and thread-safe.
 *
 * @param stage the stage the timer runs in
 * @param after how long after entering the stage it fires; positive
 * @param event the event type it fires
 */
public record Timer(String stage, Duration after, String event) {

  /**
   * Creates a timer.
   *
   * @param stage the stage the timer runs in
   * @param after how long after entering the stage it fires; positive
   * @param event the event type it fires
   * @throws IllegalArgumentException if an id is invalid ({@link Ids}) or the duration is not
   *     positive or longer than {@link Bounds#LONGEST}
   */
  public Timer {
    Ids.check(stage, "timer stage");
    requireNonNull(after, "after");
    Ids.check(event, "timer event");
    Bounds.check(after, "timer delay");
    checkArgument(
        !after.isNegative() && !after.isZero(),
        "timer firing '%s' in stage '%s' must have a positive delay",
        event,
        stage);
  }
}
