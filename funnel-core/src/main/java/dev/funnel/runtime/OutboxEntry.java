package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Effect;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.time.Instant;
import java.util.List;

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

  /**
   * Returns the outbox entries of the actions of a change's outcomes, in order: each action is
   * keyed by the event id of its outcome's first step and its index among that outcome's effects
   * (see {@link EffectKey}). Timers get no entry; a store's due index keeps them. Every store and
   * engine that runs funnels keys its outbox this way, so the same change gives the same keys
   * everywhere.
   *
   * @param outcomes the accepted outcomes of one change, in the order they happened
   * @return the entries of their actions, in order
   */
  public static ImmutableList<OutboxEntry> keyed(List<Outcome> outcomes) {
    requireNonNull(outcomes, "outcomes");
    if (outcomes.size() == 1) {
      return keyed(outcomes.get(0));
    }
    ImmutableList.Builder<OutboxEntry> outbox = ImmutableList.builder();
    for (Outcome u : outcomes) {
      outbox.addAll(keyed(u));
    }
    return outbox.build();
  }

  /**
   * Returns the entries of one outcome's actions. The usual outcome has one action or none, so it
   * makes no list builder for them (RuntimeBenchmark.handleOneThread, -prof gc).
   */
  private static ImmutableList<OutboxEntry> keyed(Outcome u) {
    ImmutableList<Effect> effects = u.effects();
    int actions = 0;
    for (int i = 0; i < effects.size(); i++) {
      if (effects.get(i) instanceof Action) {
        actions++;
      }
    }
    if (actions == 0) {
      return ImmutableList.of();
    }
    Step first = u.steps().get(0);
    String stepEventId = first.eventId();
    String eventId = stepEventId == null ? EffectKey.ENTRY : stepEventId;
    if (actions == 1) {
      for (int i = 0; ; i++) {
        if (effects.get(i) instanceof Action action) {
          EffectKey key = new EffectKey(first.funnelId(), first.leadId(), eventId, i);
          return ImmutableList.of(new OutboxEntry(key, action, first.at()));
        }
      }
    }
    ImmutableList.Builder<OutboxEntry> outbox = ImmutableList.builderWithExpectedSize(actions);
    for (int i = 0; i < effects.size(); i++) {
      if (effects.get(i) instanceof Action action) {
        EffectKey key = new EffectKey(first.funnelId(), first.leadId(), eventId, i);
        outbox.add(new OutboxEntry(key, action, first.at()));
      }
    }
    return outbox.build();
  }
}
