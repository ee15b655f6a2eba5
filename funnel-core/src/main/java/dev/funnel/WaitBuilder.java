package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;

/**
 * Completes the wait just declared: the events it waits for, each with its next stage, a timeout
 * and the event that restarts the timeout. The timeout and the reset are set at most once, and each
 * event is awaited at most once. Not thread-safe.
 */
public final class WaitBuilder extends FunnelBuilder {
  private final WaitUntil wait;

  WaitBuilder(Draft draft, WaitUntil wait) {
    super(draft);
    this.wait = wait;
  }

  /**
   * Waits for an event: the first awaited event to come takes the lead to its stage.
   *
   * @param event the event type
   * @param stage the stage it leads to
   * @return this builder
   * @throws IllegalStateException if this event is already awaited
   */
  @CanIgnoreReturnValue
  public WaitBuilder until(String event, String stage) {
    String e = Ids.check(event, "awaited event");
    String s = Ids.check(stage, "stage id");
    String earlier = wait.until.get(e);
    checkState(earlier == null, "awaited event '%s' was already set to lead to '%s'", e, earlier);
    checkState(!e.equals(wait.resetOn), "event '%s' already resets the wait", e);
    wait.until.put(e, s);
    return this;
  }

  /**
   * Ends the wait after this long in the stage with no awaited event, fired as {@code
   * "<stage>/timeout"}.
   *
   * @param after how long to wait; positive
   * @param stage the stage the lead goes to then
   * @return this builder
   * @throws IllegalStateException if the timeout was already set
   */
  @CanIgnoreReturnValue
  public WaitBuilder timeout(Duration after, String stage) {
    requireNonNull(after, "after");
    checkArgument(!after.isNegative() && !after.isZero(), "wait timeout must be positive");
    Bounds.check(after, "wait timeout");
    String s = Ids.check(stage, "stage id");
    checkState(
        wait.timeout == null,
        "wait timeout was already set to %s to '%s'",
        wait.timeout,
        wait.timeoutTo);
    wait.timeout = after;
    wait.timeoutTo = s;
    return this;
  }

  /**
   * Restarts the timeout whenever this event comes while the lead waits: the lead re-enters the
   * stage, so every timer of the stage starts again.
   *
   * @param event the event type
   * @return this builder
   * @throws IllegalStateException if the reset was already set, or the event is awaited
   */
  @CanIgnoreReturnValue
  public WaitBuilder resetOn(String event) {
    String e = Ids.check(event, "reset event");
    checkState(wait.resetOn == null, "wait reset was already set to '%s'", wait.resetOn);
    checkState(!wait.until.containsKey(e), "event '%s' is already awaited", e);
    wait.resetOn = e;
    return this;
  }
}
