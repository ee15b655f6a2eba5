package dev.funnel;

import static com.google.common.base.Preconditions.checkState;

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
   * @throws IllegalStateException if its stage was already set
   */
  @CanIgnoreReturnValue
  public TimerBuilder in(String stage) {
    String id = Ids.check(stage, "stage id");
    checkState(
        timer.stage == null,
        "stage of timer after %s was already set to '%s'",
        timer.after,
        timer.stage);
    timer.stage = id;
    return this;
  }

  /**
   * Names the event the timer fires.
   *
   * @param event the event type
   * @return this builder
   * @throws IllegalStateException if its event was already set
   */
  @CanIgnoreReturnValue
  public TimerBuilder fire(String event) {
    String type = Ids.check(event, "event type");
    checkState(
        timer.event == null,
        "event of timer after %s was already set to '%s'",
        timer.after,
        timer.event);
    timer.event = type;
    return this;
  }
}
