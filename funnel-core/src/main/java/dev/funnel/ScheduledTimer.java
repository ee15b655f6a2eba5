package dev.funnel;

import java.time.Instant;

/**
 * A timer pending on a lead: the event {@code event} falls due at {@code due} unless the lead
 * leaves {@code stage} first. Immutable and thread-safe.
 *
 * @param stage the stage the timer belongs to
 * @param event the event type it fires
 * @param due when it falls due
 */
public record ScheduledTimer(String stage, String event, Instant due) {

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
    return "timer:" + stage + ":" + event + ":" + due;
  }
}
