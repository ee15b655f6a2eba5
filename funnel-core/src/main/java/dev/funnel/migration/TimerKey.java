package dev.funnel.migration;

import static java.util.Objects.requireNonNull;

import dev.funnel.ScheduledTimer;
import dev.funnel.Timer;

/**
 * Names a timer of a funnel version by its stage and the event it fires, as a {@link Migration}
 * gives it a {@link TimerPolicy}. Immutable and thread-safe.
 *
 * @param stage the stage the timer runs in
 * @param event the event type it fires
 */
public record TimerKey(String stage, String event) {

  /**
   * Creates a timer key.
   *
   * @param stage the stage the timer runs in
   * @param event the event type it fires
   */
  public TimerKey {
    requireNonNull(stage, "stage");
    requireNonNull(event, "event");
  }

  /**
   * Returns the key of a declared timer.
   *
   * @param timer the timer
   * @return its stage and event
   */
  public static TimerKey of(Timer timer) {
    return new TimerKey(timer.stage(), timer.event());
  }

  /**
   * Returns the key of a pending timer.
   *
   * @param timer the timer
   * @return its stage and event
   */
  public static TimerKey of(ScheduledTimer timer) {
    return new TimerKey(timer.stage(), timer.event());
  }

  /**
   * Returns the key as {@code stage/event}.
   *
   * @return the key as {@code stage/event}
   */
  @Override
  public String toString() {
    return stage + "/" + event;
  }
}
