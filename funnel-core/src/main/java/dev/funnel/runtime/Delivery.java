package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.funnel.Action;
import dev.funnel.Lead;
import java.time.Instant;

/**
 * One attempt to hand an action to its {@link ActionHandler}. Immutable and thread-safe.
 *
 * @param key the effect's stable key: the same on every attempt and every re-delivery
 * @param action the action, with its parameters
 * @param at when the step that produced the action happened
 * @param lead the lead as stored when the attempt began, at or after that step
 * @param attempt which attempt this is, from 1
 */
public record Delivery(EffectKey key, Action action, Instant at, Lead lead, int attempt) {

  /**
   * Creates a delivery.
   *
   * @param key the effect's stable key: the same on every attempt and every re-delivery
   * @param action the action, with its parameters
   * @param at when the step that produced the action happened
   * @param lead the lead as stored when the attempt began, at or after that step
   * @param attempt which attempt this is, from 1
   */
  public Delivery {
    requireNonNull(key, "key");
    requireNonNull(action, "action");
    requireNonNull(at, "at");
    requireNonNull(lead, "lead");
    checkArgument(attempt >= 1, "attempt must be positive");
  }
}
