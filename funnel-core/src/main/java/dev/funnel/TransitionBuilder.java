package dev.funnel;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.Draft.TransitionDraft;

/** Completes the transition just declared. Not thread-safe. */
public final class TransitionBuilder extends FunnelBuilder {
  private final TransitionDraft transition;

  TransitionBuilder(Draft draft, TransitionDraft transition) {
    super(draft);
    this.transition = transition;
  }

  /**
   * Names the source stages. Sources accumulate; after {@link #fromAny} they replace it (the last
   * of the two calls wins, as with {@link #fromAny} after this).
   *
   * @param stage a source stage
   * @param more further source stages
   * @return this builder
   */
  @CanIgnoreReturnValue
  public TransitionBuilder from(String stage, String... more) {
    transition.from.add(Ids.check(stage, "stage id"));
    for (String s : more) {
      transition.from.add(Ids.check(s, "stage id"));
    }
    return this;
  }

  /**
   * Lets the transition apply in every active stage.
   *
   * @return this builder
   */
  @CanIgnoreReturnValue
  public TransitionBuilder fromAny() {
    transition.fromAny = true;
    transition.from.clear();
    return this;
  }

  /**
   * Names the target stage. Naming the source stage itself re-enters it: its timers restart.
   *
   * @param stage the target stage
   * @return this builder
   * @throws IllegalStateException if its target (or staying) was already set
   */
  @CanIgnoreReturnValue
  public TransitionBuilder to(String stage) {
    String to = Ids.check(stage, "stage id");
    checkTarget();
    transition.to = to;
    return this;
  }

  /**
   * Keeps the lead in its stage, with its timers running; the default.
   *
   * @return this builder
   * @throws IllegalStateException if its target (or staying) was already set
   */
  @CanIgnoreReturnValue
  public TransitionBuilder stay() {
    checkTarget();
    transition.to = null;
    return this;
  }

  /**
   * Sets the guard.
   *
   * @param guard the condition that must hold
   * @return this builder
   * @throws IllegalStateException if its guard was already set
   */
  @CanIgnoreReturnValue
  public TransitionBuilder when(Condition guard) {
    requireNonNull(guard, "guard");
    checkState(
        !transition.guardSet,
        "guard of transition on '%s' was already set to %s",
        transition.event,
        transition.guard);
    transition.guardSet = true;
    transition.guard = guard;
    return this;
  }

  /**
   * Appends actions, returned as effects in this order when the transition fires.
   *
   * @param actions the actions
   * @return this builder
   */
  @CanIgnoreReturnValue
  public TransitionBuilder then(Action... actions) {
    for (Action a : actions) {
      transition.actions.add(requireNonNull(a, "action"));
    }
    return this;
  }

  /**
   * Sets the priority; higher is tried first, 0 by default.
   *
   * @param priority the priority
   * @return this builder
   * @throws IllegalStateException if its priority was already set
   */
  @CanIgnoreReturnValue
  public TransitionBuilder priority(int priority) {
    checkState(
        !transition.prioritySet,
        "priority of transition on '%s' was already set to %s",
        transition.event,
        transition.priority);
    transition.prioritySet = true;
    transition.priority = priority;
    return this;
  }

  private void checkTarget() {
    String to = transition.to;
    checkState(
        !transition.targetSet,
        "target of transition on '%s' was already set to %s",
        transition.event,
        to == null ? "stay" : "'" + to + "'");
    transition.targetSet = true;
  }
}
