package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An exit criterion of a funnel: an event or condition that takes a lead out of the funnel from any
 * stage, into a terminal stage, with a reason (unsubscribed, bought through another channel, asked
 * not to be called). The step is recorded with the event type {@code "exit/<reason>"} and the
 * reason, so reports count exits per reason. Declare one with {@link FunnelBuilder#exit}.
 *
 * @param reason the reason, unique among the funnel's exits
 * @param event the event type that takes the lead out, or {@code null} for an exit by its condition
 *     alone, checked after every event the funnel reacts to
 * @param condition what must hold of the lead (after the event) and the event
 * @param to the terminal stage the lead goes to
 */
public record Exit(String reason, @Nullable String event, Condition condition, String to) {

  /** The prefix of the event type of an exit's step: {@code "exit/"} and the exit's reason. */
  public static final String STEP_PREFIX = "exit/";

  /**
   * Creates an exit.
   *
   * @throws IllegalArgumentException if an id is invalid or the exit has neither an event nor a
   *     condition
   */
  public Exit {
    Ids.check(reason, "exit reason");
    if (event != null) {
      Ids.check(event, "exit event");
    }
    requireNonNull(condition, "condition");
    Ids.check(to, "exit stage");
    checkArgument(
        event != null || !(condition instanceof Condition.Always),
        "exit '%s' needs an event or a condition",
        reason);
  }

  /**
   * Returns the event type that takes the lead out, if the exit is taken on an event.
   *
   * @return the event type that takes the lead out, if the exit is taken on an event
   */
  public Optional<String> eventType() {
    return Optional.ofNullable(event);
  }

  /**
   * Returns the event type recorded on the step of this exit.
   *
   * @return {@code "exit/"} and the exit's reason
   */
  public String stepType() {
    return STEP_PREFIX + reason;
  }
}
