package dev.funnel;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Draft.TimerDraft;

/** Completes the timer just declared. Not thread-safe. */
public final class TimerBuilder extends FunnelBuilder {
  private final TimerDraft timer;

  TimerBuilder(Draft draft, TimerDraft timer) {
    super(draft);
    this.timer = timer;
  }

  /**
   * Names the stage the timer runs in.
   *
   * @param stage the stage's id
   * @return this builder
   */
  @CanIgnoreReturnValue
  public TimerBuilder in(String stage) {
    timer.stage = Ids.check(stage, "stage id");
    return this;
  }

  /**
   * Names the event the timer fires.
   *
   * @param event the event type
   * @return this builder
   */
  @CanIgnoreReturnValue
  public TimerBuilder fire(String event) {
    timer.event = Ids.check(event, "event type");
    return this;
  }
}
