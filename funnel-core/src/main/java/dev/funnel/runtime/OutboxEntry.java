package dev.funnel.runtime;

import static java.util.Objects.requireNonNull;

import dev.funnel.Action;
import java.time.Instant;

/**
 * One effect waiting in the store's outbox to be handed to its handler: written in the same
 * compare-and-set as the state change that produced it, removed once delivered or parked as failed.
 * Only {@link Action}s go to the outbox; timers are kept by the store's due index. Immutable and
 * thread-safe.
 *
 * @param key the effect's stable key
 * @param action the action to carry out
 * @param at when the step that produced it happened
 */
public record OutboxEntry(EffectKey key, Action action, Instant at) {

  /**
   * Creates an entry.
   *
   * @param key the effect's stable key
   * @param action the action to carry out
   * @param at when the step that produced it happened
   */
  public OutboxEntry {
    requireNonNull(key, "key");
    requireNonNull(action, "action");
    requireNonNull(at, "at");
  }
}
