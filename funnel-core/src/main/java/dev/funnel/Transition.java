package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A transition: on an event type, from one or more stages (or from any active stage), to a stage or
 * staying put, if its guard holds, with an ordered list of actions. Among the transitions that
 * could take an event, higher priority is tried first, then declaration order; the first whose
 * guard holds wins. Immutable and thread-safe.
 *
 * @param event the event type it reacts to
 * @param from the source stages; empty means any active stage
 * @param to the target stage, or {@code null} to stay in the current stage
 * @param guard the condition that must hold; {@link Condition#ALWAYS} when unguarded
 * @param actions the actions returned as effects when it fires, in order
 * @param priority higher is tried first; 0 by default
 */
public record Transition(
    String event,
    ImmutableSet<String> from,
    @Nullable String to,
    Condition guard,
    ImmutableList<Action> actions,
    int priority) {

  private static final Comparator<Transition> BY_PRIORITY =
      Comparator.comparingInt(Transition::priority).reversed();

  /**
   * Creates a transition.
   *
   * @param event the event type it reacts to
   * @param from the source stages; empty means any active stage
   * @param to the target stage, or {@code null} to stay in the current stage
   * @param guard the condition that must hold; {@link Condition#ALWAYS} when unguarded
   * @param actions the actions returned as effects when it fires, in order
   * @param priority higher is tried first; 0 by default
   */
  public Transition {
    Ids.check(event, "event type");
    requireNonNull(from, "from");
    requireNonNull(guard, "guard");
    requireNonNull(actions, "actions");
  }

  /**
   * Returns whether the transition applies in every active stage.
   *
   * @return whether the transition applies in every active stage
   */
  public boolean isFromAny() {
    return from.isEmpty();
  }

  /**
   * Returns whether the lead stays in its stage when the transition fires.
   *
   * @return whether the lead stays in its stage when the transition fires
   */
  public boolean isStay() {
    return to == null;
  }

  /**
   * Returns whether the transition has a guard other than {@link Condition#ALWAYS}.
   *
   * @return whether the transition has a guard other than {@link Condition#ALWAYS}
   */
  public boolean isGuarded() {
    return !(guard instanceof Condition.Always);
  }

  /**
   * Returns a short description for messages, such as {@code "paid: cold-lead -> buyer"}.
   *
   * @return a short description for messages, such as {@code "paid: cold-lead -> buyer"}
   */
  public String describe() {
    return event
        + ": "
        + (from.isEmpty() ? "*" : String.join(",", from))
        + " -> "
        + (to == null ? "(stay)" : to);
  }

  /**
   * Returns the transitions in the order firing tries them: higher priority first, then in the
   * order given (declaration order).
   */
  static List<Transition> order(List<Transition> transitions) {
    List<Transition> sorted = new ArrayList<>(transitions);
    sorted.sort(BY_PRIORITY); // stable: declaration order breaks ties
    return sorted;
  }
}
