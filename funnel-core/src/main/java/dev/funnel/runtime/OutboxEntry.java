package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.funnel.Action;
import java.time.Instant;

/**
 * One effect waiting in the store's outbox to be handed to its handler: written in the same
 * compare-and-set as the state change that produced it, removed once delivered, or parked once the
 * runtime gives up on it. Only {@link Action}s go to the outbox; timers are kept by the store's due
 * index. A failed attempt is recorded on the entry ({@link LeadStore#retryAt}): its attempt count
 * goes up and it is not claimed again before its next attempt time. Immutable and thread-safe.
 *
 * @param key the effect's stable key
 * @param action the action to carry out
 * @param at when the step that produced it happened
 * @param attempts how many attempts to deliver it have failed so far, from 0
 * @param nextAttempt the earliest time at which it may be claimed for delivery
 */
public record OutboxEntry(
    EffectKey key, Action action, Instant at, int attempts, Instant nextAttempt) {

  /**
   * Creates an entry.
   *
   * @param key the effect's stable key
   * @param action the action to carry out
   * @param at when the step that produced it happened
   * @param attempts how many attempts to deliver it have failed so far, from 0
   * @param nextAttempt the earliest time at which it may be claimed for delivery
   * @throws IllegalArgumentException if the attempts are negative
   */
  public OutboxEntry {
    requireNonNull(key, "key");
    requireNonNull(action, "action");
    requireNonNull(at, "at");
    requireNonNull(nextAttempt, "nextAttempt");
    checkArgument(attempts >= 0, "attempts of entry '%s' are negative", key);
  }

  /**
   * Creates an entry that no attempt has tried yet, claimable at once.
   *
   * @param key the effect's stable key
   * @param action the action to carry out
   * @param at when the step that produced it happened
   */
  public OutboxEntry(EffectKey key, Action action, Instant at) {
    this(key, action, at, 0, at);
  }

  /**
   * Returns this entry after one more failed attempt, not to be claimed before {@code next}.
   *
   * @param next the earliest time of the next attempt
   * @return the entry with its attempts one higher and its next attempt time set
   */
  public OutboxEntry failedOnce(Instant next) {
    return new OutboxEntry(key, action, at, attempts + 1, requireNonNull(next, "next"));
  }

  /**
   * Returns this entry as new again: no failed attempt, claimable from {@code now}.
   *
   * @param now when it may be claimed again
   * @return the entry with no attempts, claimable from {@code now}
   */
  public OutboxEntry requeued(Instant now) {
    return new OutboxEntry(key, action, at, 0, requireNonNull(now, "now"));
  }
}
