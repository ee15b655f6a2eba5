package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A conversion goal of a funnel: the event or condition that counts a journey as converted, within
 * a window from the lead's entry into the funnel. Reaching it takes the lead to the goal's stage
 * from wherever it is (a {@code won} stage ends the journey as converted; an active stage, such as
 * "buyer", converts and lets it move on), and the step is recorded with the event type {@code
 * "goal/<id>"}, so reports count it. A goal is reached at most once per entry. Declare one with
 * {@link FunnelBuilder#goal}.
 *
 * @param id the goal's id, unique among the funnel's goals
 * @param event the event type that reaches the goal, or {@code null} for a goal reached by its
 *     condition alone, whatever event brings that about
 * @param condition what must hold of the lead (after the event) and the event
 * @param within how long after entering the funnel the goal counts, or {@code null} for no limit
 * @param to the stage the lead goes to on reaching it
 */
public record Goal(
    String id, @Nullable String event, Condition condition, @Nullable Duration within, String to) {

  /** The prefix of the event type of a goal's step: {@code "goal/"} and the goal's id. */
  public static final String STEP_PREFIX = "goal/";

  /**
   * Creates a goal.
   *
   * @throws IllegalArgumentException if an id is invalid, the goal has neither an event nor a
   *     condition, or the window is not positive
   */
  public Goal {
    Ids.check(id, "goal id");
    if (event != null) {
      Ids.check(event, "goal event");
    }
    requireNonNull(condition, "condition");
    Ids.check(to, "goal stage");
    checkArgument(
        event != null || !(condition instanceof Condition.Always),
        "goal '%s' needs an event or a condition",
        id);
    if (within != null) {
      Bounds.check(within, "goal window");
      checkArgument(
          !within.isNegative() && !within.isZero(), "goal '%s' needs a positive window", id);
    }
  }

  /**
   * Returns the event type that reaches the goal, if it is reached by an event.
   *
   * @return the event type that reaches the goal, if it is reached by an event
   */
  public Optional<String> eventType() {
    return Optional.ofNullable(event);
  }

  /**
   * Returns the window from entry, if the goal has one.
   *
   * @return the window from entry, if the goal has one
   */
  public Optional<Duration> window() {
    return Optional.ofNullable(within);
  }

  /**
   * Returns the event type recorded on the step of reaching this goal.
   *
   * @return {@code "goal/"} and the goal's id
   */
  public String stepType() {
    return STEP_PREFIX + id;
  }
}
