package dev.funnel.runtime;

import com.google.common.collect.ImmutableList;
import dev.funnel.Action;
import dev.funnel.Effect;
import dev.funnel.Outcome;
import dev.funnel.Step;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Keys the effects of a change for the outbox: each action of an outcome is keyed by the event id
 * of the outcome's first step and the action's index among the outcome's effects (see {@link
 * EffectKey}). Timers are not keyed; the store's due index keeps them. Stateless.
 */
final class OutboxKeys {
  private OutboxKeys() {}

  /** Returns the outbox entries of the actions of these outcomes, in order. */
  static ImmutableList<OutboxEntry> of(List<Outcome> units) {
    ImmutableList.@Nullable Builder<OutboxEntry> outbox = null;
    for (Outcome u : units) {
      ImmutableList<Effect> effects = u.effects();
      Step first = null;
      for (int i = 0; i < effects.size(); i++) {
        if (!(effects.get(i) instanceof Action action)) {
          continue;
        }
        if (first == null) {
          first = u.steps().get(0);
        }
        if (outbox == null) {
          outbox = ImmutableList.builder();
        }
        outbox.add(new OutboxEntry(key(first, i), action, first.at()));
      }
    }
    return outbox == null ? ImmutableList.of() : outbox.build();
  }

  private static EffectKey key(Step first, int index) {
    String eventId = first.eventId();
    return new EffectKey(
        first.funnelId(), first.leadId(), eventId == null ? EffectKey.ENTRY : eventId, index);
  }
}
