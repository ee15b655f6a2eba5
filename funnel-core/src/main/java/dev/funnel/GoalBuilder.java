package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;

/**
 * Completes the goal just declared: the event or condition that reaches it, its window and its
 * stage. Each is set at most once. Not thread-safe.
 */
public final class GoalBuilder extends FunnelBuilder {
  private final ControlDrafts.GoalDraft goal;

  GoalBuilder(Draft draft, ControlDrafts.GoalDraft goal) {
    super(draft);
    this.goal = goal;
  }

  /**
   * Names the event type that reaches the goal.
   *
   * @param event the event type
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public GoalBuilder onEvent(String event) {
    String checked = Ids.check(event, "goal event");
    checkState(goal.event == null, "goal event was already set to '%s'", goal.event);
    goal.event = checked;
    return this;
  }

  /**
   * Sets what must hold of the lead (after the event) and the event.
   *
   * @param condition the condition
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public GoalBuilder when(Condition condition) {
    requireNonNull(condition, "condition");
    checkState(!goal.conditionSet, "goal condition was already set to %s", goal.condition);
    goal.condition = condition;
    goal.conditionSet = true;
    return this;
  }

  /**
   * Limits the goal to a window from the lead's entry into the funnel.
   *
   * @param window the window; positive
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public GoalBuilder within(Duration window) {
    requireNonNull(window, "window");
    checkArgument(!window.isNegative() && !window.isZero(), "goal window must be positive");
    Bounds.check(window, "goal window");
    checkState(goal.within == null, "goal window was already set to %s", goal.within);
    goal.within = window;
    return this;
  }

  /**
   * Names the stage the lead goes to on reaching the goal: a {@code won} stage to end the journey
   * as converted, or an active stage to convert and go on.
   *
   * @param stage the stage
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public GoalBuilder to(String stage) {
    String checked = Ids.check(stage, "stage id");
    checkState(goal.to == null, "goal stage was already set to '%s'", goal.to);
    goal.to = checked;
    return this;
  }
}
