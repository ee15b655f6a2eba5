package dev.funnel;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;

/**
 * Completes the exit just declared: the event or condition that takes the lead out, and the
 * terminal stage it goes to. Each is set at most once. Not thread-safe.
 */
public final class ExitBuilder extends FunnelBuilder {
  private final ControlDrafts.ExitDraft exit;

  ExitBuilder(Draft draft, ControlDrafts.ExitDraft exit) {
    super(draft);
    this.exit = exit;
  }

  /**
   * Names the event type that takes the lead out.
   *
   * @param event the event type
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public ExitBuilder onEvent(String event) {
    String checked = Ids.check(event, "exit event");
    checkState(exit.event == null, "exit event was already set to '%s'", exit.event);
    exit.event = checked;
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
  public ExitBuilder when(Condition condition) {
    requireNonNull(condition, "condition");
    checkState(!exit.conditionSet, "exit condition was already set to %s", exit.condition);
    exit.condition = condition;
    exit.conditionSet = true;
    return this;
  }

  /**
   * Names the terminal stage the lead goes to.
   *
   * @param stage a terminal stage
   * @return this builder
   * @throws IllegalStateException if it was already set
   */
  @CanIgnoreReturnValue
  public ExitBuilder to(String stage) {
    String checked = Ids.check(stage, "stage id");
    checkState(exit.to == null, "exit stage was already set to '%s'", exit.to);
    exit.to = checked;
    return this;
  }
}
