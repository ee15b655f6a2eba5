package dev.funnel;

import static java.util.Objects.requireNonNull;

/**
 * Something a step asks the world to do, returned as data: an {@link Action} to hand to a handler,
 * or a timer scheduled or cancelled. The core never carries effects out. Immutable and thread-safe.
 */
public sealed interface Effect permits Action, Effect.TimerScheduled, Effect.TimerCancelled {

  /**
   * A timer was set because the lead entered its stage.
   *
   * @param timer the pending timer
   */
  record TimerScheduled(ScheduledTimer timer) implements Effect {
    /**
     * Creates the effect.
     *
     * @param timer the pending timer
     */
    public TimerScheduled {
      requireNonNull(timer, "timer");
    }
  }

  /**
   * A pending timer was dropped because the lead left its stage before it fell due.
   *
   * @param timer the dropped timer
   */
  record TimerCancelled(ScheduledTimer timer) implements Effect {
    /**
     * Creates the effect.
     *
     * @param timer the dropped timer
     */
    public TimerCancelled {
      requireNonNull(timer, "timer");
    }
  }
}
